"""Words that give a date away beside a shifted one, and days named only by their number:

- A weekday written just before a date with its year (``Friday, 14 Mar 2025``): the shifted
  date would no longer fall on it, and the pair tells the shift (its remainder by seven), so
  the weekday is replaced. (Before a month and day, ``Tue 3/4``, ``dates.py`` moves it.)
- A date said as a speaker says it, its day spelled out or an ordinal after "the", its year
  whole or short (``June the ninth, 2023``, ``the first of May``, ``October the 2nd, '58``,
  ``the 3rd of May, 1931``), and a season with its year (``the fall of '23``): replaced.
- A day of the month written alone as an ordinal after a weekday, a time or a word that
  introduces a date (``on the 22nd``, ``Sunday the 3rd``, ``09:40 the 5th``): it cannot be
  shifted without its month, so it is replaced. Not ``the 2nd floor``, ``the 3rd time``.
- A month and day written bare (``consistent 4/2``), or as MMDD opening a remittance's line
  before a procedure code (``0319 99215``), where the same text gives that day as a date
  (``04/02/2024``, ``April 2nd``): replaced.
- The clock time of a machine's time stamp just after a shifted date: with seconds, a zone or
  ISO's ``T`` (``2025-02-11T08:14:52-08:00``, ``11 Feb 2025 08:14:52 -0800``, ``2025-02-11
  08:14:52``): to the second, it would find the record again in the log or mail server that
  stamped it; and without seconds, the time of a signature or a message (``Electronically
  signed 2024-03-13 14:20``, ``Sent: Fri 5/17/2024 3:31 PM``, a mail header's ``Date:``): it
  dates the writing. A time of care (``Arrival: 02/11/2025 08:14``) stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.date_scores import clinical_share
from drafting.deid.dates import _MONTH, _SCORE, TESTS, find_dates, find_partial_dates
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
_NTH = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)"
_YEAR = r"(?:,?[ ](?:(?:19|20)\d{2}|['’]\d{2}))"
SPELLED = re.compile(
    rf"(?i)\b(?:{_MONTH}[ ](?:the[ ])?(?:{_ORDINALS})|{_MONTH}[ ]the[ ]{_NTH}"
    rf"|the[ ](?:{_ORDINALS}|{_NTH})[ ]of[ ]{_MONTH})"
    rf"{_YEAR}?(?![\w'’])")
# A season with its year: "the fall of '23", "winter 2022" ("the" goes with it).
SEASON = re.compile(r"(?i)\b(?:the[ ])?(?:spring|summer|fall|autumn|winter)(?:[ ]of)?[ ]"
                    r"(?:(?:19|20)\d{2}|['’]\d{2})(?![\w'’])")
# The time of a signature or a message stamp: "Electronically signed ... 2024-03-13 14:20",
# "Sent: Fri 5/17/2024 3:31 PM", a portal's "Last sign-in Oct 2, 2025 9:14 PM". It dates the
# writing (or the visit to a portal, which its log keeps), not the care.
# (and a review's attestation: "Reviewed by N. Whitcombe 7/21/2025 9:20 AM"; a dictation's or a
# co-signature's: "Dictated 06/17/2025 14:22 by ...", "Cosigned: ..., MD 11/3/2025 16:05")
_SIGNED_BEFORE = re.compile(r"(?i)\b(?:(?:co-?|e-?)?signed|sent|received|delivered|posted|wrote|"
                            r"reviewed|verified|attested|dictated|transcribed|authenticated|"
                            r"finali[sz]ed|addended|amended|"
                            r"faxed|printed|scanned|timestamp|sign-?in|signed[ ]in|log-?in|"
                            r"exported|generated|requested|created|downloaded|uploaded|called|"
                            r"logged[ ]in)\b")
# A message header's "Date:" line, with From/To/Subject lines about it.
_DATE_HEADER = re.compile(r"(?i)[ \t]*date[ \t]*:")
_MAIL_HEADER = re.compile(r"(?im)^[ \t]*(?:from|to|subject|cc)[ \t]*:")


STAMP_TIME = re.compile(
    # a session's start and end before its zone too: "15:30-15:58 MDT"
    r"(?P<t>T)?\d{1,2}:\d{2}(?P<s>:\d{2}(?:\.\d+)?)?(?:[ ]?[AaPp][Mm])?"
    r"(?:-\d{1,2}:\d{2}(?=[ ]?[A-Z]))?"
    r"(?P<zone>[ ]?(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|[PMCE][SD]T)(?![\w]))?")


_TIME_AFTER_DIGIT = re.compile(r"(?<=\d)[T ](?=\d{1,2}:\d{2})")


def stamp_times(text: str) -> Iterator[Span]:
    for gap in _TIME_AFTER_DIGIT.finditer(text):  # where a time follows a digit, a date's end?
        origin = max(0, gap.start() - 40)
        if not any(origin + f.end == gap.start() for f in find_dates(text[origin:gap.start()])):
            continue
        at = gap.start() + (text[gap.start()] == " ")
        time = STAMP_TIME.match(text, at)
        line_start = text.rfind("\n", 0, gap.start()) + 1
        line = text[line_start:gap.start()]
        sent = _SIGNED_BEFORE.search(line) or (_DATE_HEADER.match(line) and _MAIL_HEADER.search(
            text, max(0, line_start - 300), min(len(text), gap.start() + 300)))
        if time and (time.group("t") or (at > gap.start() and (
                time.group("s") or time.group("zone") or sent))):
            yield Span(at, time.end(), PhiKind.date, 3)


# A month and day written bare ("UDT consistent 4/2.", "f/u 3/19"), not a score ("VAS 4/10").
BARE_MONTH_DAY = re.compile(r"(?<![\w/.-])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])"
                            r"(?![\w/%]|\.\d)")


# What a score, a page or a share is out of ("pain 6/10", "pg 3/4", "visits 10/12", "MoCA
# 26/30"): a bare m/d with one of these below a smaller number is read as that, not as a day.
_DENOMINATORS = frozenset({2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 24, 30})


# A service date written MMDD at the start of a remittance's line, before its procedure code.
SERVICE_MMDD = re.compile(r"(?m)^[ \t]*(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12]\d|3[01])[ \t]+"
                          r"(?=[A-Z]?\d{4,5}(?![\w.]))")


# A statement's period written MMDDYY, as a claim form's box prints it ("STATEMENT COVERS
# 030425 - 031125", "Service dates 030425 thru 031125").
COMPACT_PERIOD = re.compile(
    r"(?i:\b(?:covers|covered|period|service[ ]dates?|dates[ ]of[ ]service|thru|through)[ :]*)"
    r"(?P<a>(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2})(?![\w-])"
    r"(?:[ ]?(?:-|–|thru|through|to)[ ]?(?P<b>(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{2})"
    r"(?![\w-]))?")


def known_month_days(text: str) -> Iterator[Span]:
    """A bare month and day that the same text also gives as a date ("04/02/2024" ... "4/2",
    "May 3rd" ... "5/3"): a day of the record, replaced where no cue marks it as a date; not
    where it reads as a score or a share."""
    days = {(f.date.month, f.date.day) for f in find_dates(text)}
    days |= {(p.month, p.day) for p in find_partial_dates(text)}
    if not days:
        return
    for match in SERVICE_MMDD.finditer(text):  # "0319 99215 billed 285.00" on a remittance
        if (int(match.group("m")), int(match.group("d"))) in days:
            yield Span(match.start("m"), match.end("d"), PhiKind.date, 2)
    for match in BARE_MONTH_DAY.finditer(text):
        month, day = int(match.group("m")), int(match.group("d"))
        if (month, day) in days and (month > day or day not in _DENOMINATORS) and \
                not _SCORE.search(text[max(0, match.start() - 12):match.start()]) and \
                not clinical_share(text, match.start()):
            yield Span(match.start(), match.end(), PhiKind.date, 2)


# A month and day whose day no score or share is out of (13 and above, not 15, 20, 24 or 30):
# "(#40 3/28)", "Reviewed: billing 9/19 -" (round D); not after a test's name ("PHQ-9 11/27",
# "MMSE 12/29"), nor before a unit ("7/14 days").
_TEST_BEFORE = re.compile(rf"(?i)\b(?:{TESTS}|score[sd]?|scale|total)\b[^\n/]{{0,12}}$")
_UNIT_AFTER = re.compile(r"[ ]?(?i:days?|d|wks?|weeks?|hrs?|hours?|h|tabs?|doses?|visits?|"
                         r"sessions?|pts?|points?|min|items?|questions?)\b")
# A date with a day range ("September 8-9, 2025", "Sept 29-30, 2024"): the shift cannot move
# the second day, so the range is replaced whole.
DAY_RANGE = re.compile(rf"(?i)\b{_MONTH}[ ](?:[12]\d|3[01]|0?[1-9])[ ]?[-–][ ]?"
                       r"(?:[12]\d|3[01]|0?[1-9]),?[ ](?:19|20)\d{2}\b")
# A range of months and days ("out 7/14-7/18"): both ends days no score is out of, the second
# end in the same month or the next; replaced whole (round E).
MONTH_DAY_RANGE = re.compile(r"(?<![\w/.-])(?P<m1>1[0-2]|0?[1-9])/(?P<d1>[12]\d|3[01]|0?[1-9])"
                             r"[ ]?[-–][ ]?(?P<m2>1[0-2]|0?[1-9])/(?P<d2>[12]\d|3[01]|0?[1-9])"
                             r"(?![\w/%]|\.\d)")
# A date written M.D.YY after a cue of a date ("signed 4.17.25"): replaced (a version number is
# written so too: "v1.2.10" has no cue).
DOTTED_SHORT = re.compile(r"(?i:\b(?:signed|dated|date|on|dos|seen|collected|received|sent)"
                          r"[ \t]*:?[ \t]*)(?P<date>(?:1[0-2]|0?[1-9])\.(?:[12]\d|3[01]|0?[1-9])"
                          r"\.\d{2})(?![\w]|\.\d)")


def unambiguous_month_days(text: str) -> Iterator[Span]:
    for match in BARE_MONTH_DAY.finditer(text):
        day = int(match.group("d"))
        if day >= 13 and day not in _DENOMINATORS and not _TEST_BEFORE.search(
                text, max(0, match.start() - 24), match.start()) and \
                not _UNIT_AFTER.match(text, match.end()) and \
                not clinical_share(text, match.start()):
            yield Span(match.start(), match.end(), PhiKind.date, 2)
    for match in MONTH_DAY_RANGE.finditer(text):
        m1, d1, m2, d2 = (int(match.group(g)) for g in ("m1", "d1", "m2", "d2"))
        if (m2 - m1) % 12 in (0, 1) and d1 not in _DENOMINATORS and d2 not in _DENOMINATORS \
                and not _TEST_BEFORE.search(text, max(0, match.start() - 24), match.start()) \
                and not _SCORE.search(text[max(0, match.start() - 12):match.start()]) \
                and not _UNIT_AFTER.match(text, match.end()):
            yield Span(match.start(), match.end(), PhiKind.date, 3)
    for pattern in (DAY_RANGE, DOTTED_SHORT):
        for found in pattern.finditer(text):
            group = "date" if pattern is DOTTED_SHORT else 0
            yield Span(found.start(group), found.end(group), PhiKind.date, 3)


# A day and month after a Spanish or French weekday ("el jueves 28/8", "lundi 3/11"): those
# languages write the day first, which the shift (month first) would misread, so it is replaced.
DAY_FIRST = re.compile(r"(?i)(?<![\w])(?:lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|"
                       r"domingo|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)[ ,]+"
                       r"(?:el[ ]|le[ ])?(?:[12]\d|3[01]|0?[1-9])/(?:1[0-2]|0?[1-9])"
                       r"(?:/(?:\d{4}|\d{2}))?(?![\w/])")


# A date a scan read with spaces about its slashes ("08 / 28 / 2025", "6/11 / 78"): the shift
# does not read it, so it is replaced; a month, a day and a year all stand in it (not "6 / 10").
SPACED_DATE = re.compile(r"(?<![\d/])(?:1[0-2]|0?[1-9])[ ]?/[ ]?"
                         r"(?:[12]\d|3[01]|0?[1-9])[ ]?/[ ]?(?:(?:19|20)\d{2}|\d{2})(?![\d/])")
# (and with spaced hyphens and a year in full: "Date: 3 - 9 - 2026")
SPACED_HYPHEN_DATE = re.compile(r"(?<![\d-])(?:1[0-2]|0?[1-9])[ ]-[ ](?:[12]\d|3[01]|0?[1-9])"
                                r"[ ]-[ ](?:19|20)\d{2}(?![\d-])")


def day_words(text: str) -> Iterator[Span]:
    yield from stamp_times(text)
    yield from (Span(m.start(), m.end(), PhiKind.date, 3) for m in SPACED_DATE.finditer(text)
                if " " in m.group(0))
    yield from (Span(m.start(), m.end(), PhiKind.date, 3) for m in DAY_FIRST.finditer(text))
    yield from (Span(m.start(), m.end(), PhiKind.date, 3)
                for m in SPACED_HYPHEN_DATE.finditer(text))
    yield from known_month_days(text)
    yield from unambiguous_month_days(text)
    for match in COMPACT_PERIOD.finditer(text):
        for group in ("a", "b"):
            if match.group(group):
                yield Span(match.start(group), match.end(group), PhiKind.date, 3)
    for match in WEEKDAY_BEFORE.finditer(text):
        # a date with its year just after; a month and day moves its weekday with it (dates.py)
        start = max(0, match.start() - 2)
        near = text[start:match.end() + 40]
        if any(f.start == match.end() - start for f in find_dates(near)) and not any(
                p.start <= match.start() - start < p.end for p in find_partial_dates(near)):
            yield Span(match.start(), match.end() - 1, PhiKind.date, 3)
    for pattern in (SPELLED, SEASON):  # "March the fourth, 2024", "the 3rd of May", "fall '23"
        for match in pattern.finditer(text):
            yield Span(match.start(), match.end(), PhiKind.date, 3)
    for match in ORDINAL_DAY.finditer(text):
        origin = max(0, match.start() - 14)
        cue = DAY_CUE.search(text[origin:match.start()])
        if cue:
            start = origin + cue.start("weekday") if cue.group("weekday") else match.start()
            yield Span(start, match.end(), PhiKind.date, 3)
