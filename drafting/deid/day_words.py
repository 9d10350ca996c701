"""Words that give a date away beside a shifted one, and days named only by their number:

- A weekday written just before a date with its year (``Friday, 14 Mar 2025``): the shifted
  date would no longer fall on it, and the pair tells the shift (its remainder by seven), so
  the weekday is replaced. (Before a month and day, ``Tue 3/4``, ``dates.py`` moves it.)
- A date with its day spelled out (``June the ninth, 2023``, ``the first of May``): replaced.
- A day of the month written alone as an ordinal after a weekday, a time or a word that
  introduces a date (``on the 22nd``, ``Sunday the 3rd``, ``09:40 the 5th``): it cannot be
  shifted without its month, so it is replaced. Not ``the 2nd floor``, ``the 3rd time``,
  ``the 4th of July`` (a date ``dates.py`` shifts).
- The clock time of a machine's time stamp just after a shifted date: with seconds, a zone or
  ISO's ``T`` (``2025-02-11T08:14:52-08:00``, ``11 Feb 2025 08:14:52 -0800``, ``2025-02-11
  08:14:52``): to the second, it would find the record again in the log or mail server that
  stamped it. A time of care (``02/11/2025 08:14``) stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import _MONTH, find_dates, find_partial_dates
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

WEEKDAY = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue|wed|"
           r"thurs|thur|thu|fri|sat|sun)")
WEEKDAY_BEFORE = re.compile(rf"(?i)(?<![\w'’-]){WEEKDAY}\.?,?[ ]")
ORDINAL_DAY = re.compile(
    r"(?i)\bthe[ ](?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)(?![\w])"
    r"(?![ ](?:of|floor|time|times|grade|level|percentile|week|day|dose|visit|session|"
    r"cycle|injection|attempt|try|round|one|year|month)\b)")
# What must stand just before it: a weekday, a word that introduces a date, a time
DAY_CUE = re.compile(
    rf"(?i)(?:(?<![\w'’-])(?P<weekday>{WEEKDAY})\.?,?[ ]|\b(?:on|since|until|till|by|from|"
    r"before|after)[ ]|\d{1,2}:\d{2}[ ])$")


_ORDINALS = (r"(?:(?:twenty|thirty)[ -]?)?(?:first|second|third|fourth|fifth|sixth|seventh|"
             r"eighth|ninth)|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|"
             r"seventeenth|eighteenth|nineteenth|twentieth|thirtieth")
SPELLED = re.compile(
    rf"(?i)\b(?:{_MONTH}[ ](?:the[ ])?(?:{_ORDINALS})|the[ ](?:{_ORDINALS})[ ]of[ ]{_MONTH})"
    r"(?:,?[ ](?:19|20)\d{2})?(?![\w])")


STAMP_TIME = re.compile(
    r"(?P<t>T)?\d{1,2}:\d{2}(?P<s>:\d{2}(?:\.\d+)?)?(?:[ ]?[AaPp][Mm])?"
    r"(?P<zone>[ ]?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|[PMCE][SD]T)(?![\w]))?")


_TIME_AFTER_DIGIT = re.compile(r"(?<=\d)[T ](?=\d{1,2}:\d{2})")


def stamp_times(text: str) -> Iterator[Span]:
    for gap in _TIME_AFTER_DIGIT.finditer(text):  # where a time follows a digit, a date's end?
        origin = max(0, gap.start() - 40)
        if not any(origin + f.end == gap.start() for f in find_dates(text[origin:gap.start()])):
            continue
        at = gap.start() + (text[gap.start()] == " ")
        time = STAMP_TIME.match(text, at)
        if time and (time.group("t") or (
                at > gap.start() and (time.group("s") or time.group("zone")))):
            yield Span(at, time.end(), PhiKind.date, 3)


def day_words(text: str) -> Iterator[Span]:
    yield from stamp_times(text)
    for match in WEEKDAY_BEFORE.finditer(text):
        # a date with its year just after; a month and day moves its weekday with it (dates.py)
        start = max(0, match.start() - 2)
        near = text[start:match.end() + 40]
        if any(f.start == match.end() - start for f in find_dates(near)) and not any(
                p.start <= match.start() - start < p.end for p in find_partial_dates(near)):
            yield Span(match.start(), match.end() - 1, PhiKind.date, 3)
    for match in SPELLED.finditer(text):  # "March the fourth, 2024", "the ninth of May"
        yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in ORDINAL_DAY.finditer(text):
        origin = max(0, match.start() - 14)
        cue = DAY_CUE.search(text[origin:match.start()])
        if cue:
            start = origin + cue.start("weekday") if cue.group("weekday") else match.start()
            yield Span(start, match.end(), PhiKind.date, 3)
