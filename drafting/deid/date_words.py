"""Dates written in words that the numeric forms of ``dates.py`` do not read.

- A month named alone in prose ("since March", "the June injection", "late August until about
  mid-February", "in September or October"): shifted by whole months with the other dates
  (``dates.month_years``), so shifting back undoes it. A word that introduces a time must stand
  before it, so the modal "May" and the verb "march" stay as they are.

A day before a month, without a year ("Sunday, 3 August", "seen 9th Feb"), is shifted with the
month-and-day dates (``dates.find_partial_dates``).

Holidays, dates in other languages and dates written day first are replaced instead
(``date_masks.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_FULL = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december")
# A month in full (capitalised, or in capitals; in lower case all but "may" and "march"), or an
# abbreviation that is no name or word ("Feb", "Sept.", "Oct"; not "Jan", "Mar", "Jun").
_NAME = ("(?:" + "|".join(m.capitalize() + "|" + m.upper() for m in _FULL) + "|"
         + "|".join(m for m in _FULL if m not in ("may", "march")) +
         r"|(?:Feb|Apr|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)")
# Words that introduce a time: prepositions, "early"/"mid-"/"late", "the end of", "last", "the".
_CUE = (r"(?i:in|since|through|thru|until|till|after|before|by|during|from|to|around|about|"
        r"early|late|mid|end[ ]of|beginning[ ]of|start[ ]of|middle[ ]of|last|next|this|that|"
        r"each|every|the|of|or|and|until[ ]about|since[ ]about)")
BARE_MONTH = re.compile(  # (the cue may end a line: "radiographs in\nFebruary")
    rf"(?<![\w'’-])(?P<cue>{_CUE})(?:[ -]|[ \t]*\n[ \t]*)(?P<month>{_NAME})"
    r"(?![\w'’-]|\.?[ ]?\d|,[ ]?\d|[ ](?:of[ ])?['’]?\d)")


# Two months joined, in lower case as a message writes them, "march" and "may" too: "most of
# march and april", "april or may".
_LOWER = "|".join(_FULL)
MONTH_PAIR = re.compile(rf"(?<![\w'’-])(?P<a>{_LOWER})[ ](?:and|or|through|thru|to)[ ]"
                        rf"(?P<b>{_LOWER})(?![\w'’-]|[ ]?\d)")


# A month that opens a range without a word before it: "again October through now",
# "January-March" (the month after it is found by ``BARE_MONTH``).
RANGE_START = re.compile(
    rf"(?<![\w'’-])(?P<month>{_NAME})(?:[ ](?:through|thru|until|till|to)[ ]|[ ]?[-–][ ]?)"
    rf"(?:(?P<second>{_NAME})|now|present|today|date)(?![\w'’-]|\.?[ ]?\d|,[ ]?\d)")


def bare_months(text: str) -> Iterator[tuple[int, int, int, str]]:
    """(start, end, month number, as written) of each month named alone after a word that
    introduces a time; after "or", "and" or "of" only where a month came just before ("in
    September or October") or a time is meant ("the end of March", "the first week of May")."""
    found = []
    last_end = -1
    for match in BARE_MONTH.finditer(text):
        cue = match.group("cue").lower()
        if cue in ("or", "and", "of") and not (
                match.start() - last_end <= 2 or re.search(r"(?i)(?:month|end|middle|start|"
                                                           r"beginning|week|part|half|rest)[ ]$",
                                                           text[max(0, match.start() - 12):
                                                                match.start()])):
            continue
        if cue in ("to", "from", "by") and re.match(r"[ ][A-Z][a-z]", text[match.end():]):
            continue  # a given name before a surname: "spoke to April Dunmore"
        written = match.group("month")
        month = next(i for i, m in enumerate(_FULL, start=1)
                     if m.startswith(written.rstrip(".").lower()[:3]))
        last_end = match.end()
        found.append((match.start("month"), match.end("month"), month, written))
    for match in RANGE_START.finditer(text):
        for group in ("month", "second"):
            written = match.group(group)
            if written and not any(a == match.start(group) for a, _, _, _ in found):
                month = next(i for i, m in enumerate(_FULL, start=1)
                             if m.startswith(written.rstrip(".").lower()[:3]))
                found.append((match.start(group), match.end(group), month, written))
    for match in MONTH_PAIR.finditer(text):
        if {match.group("a"), match.group("b")} <= {"may", "march"}:
            continue  # ("may or march" is no pair of months)
        for group in ("a", "b"):
            if not any(a == match.start(group) for a, _, _, _ in found):
                found.append((match.start(group), match.end(group),
                              _FULL.index(match.group(group)) + 1, match.group(group)))
    yield from sorted(found)


# A day and a month without a year, the day first: "3 August", "9th Feb", "14 Mar" (a year after
# it makes it a full date, ``dates.DATE_PATTERN``); after a day "Jan", "Mar" and "Jun" are
# months too, "may" and "march" in lower case are not.
DAY_MONTH = re.compile(
    rf"(?<![\w/.,:-])(?P<day>[12]\d|3[01]|0?[1-9])(?P<suffix>st|nd|rd|th)?[ ]"
    rf"(?P<month>{_NAME}|(?:Jan|Mar|Jun)\.?)"
    r"(?![\w'’-]|,?[ ]?(?:['’]?\d))")


def day_months(text: str) -> Iterator[tuple[int, int, int, str, str, bool]]:
    """(start, end, month number, month as written, day as written, ordinal suffix) of each
    day written before a month without a year."""
    for match in DAY_MONTH.finditer(text):
        written = match.group("month")
        month = next(i for i, m in enumerate(_FULL, start=1)
                     if m.startswith(written.rstrip(".").lower()[:3]))
        yield (match.start(), match.end(), month, written, match.group("day"),
               bool(match.group("suffix")))
