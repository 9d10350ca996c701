"""Days named like a holiday, replaced as dates (``PhiKind.date``): a day of the year that a
place, a people or a family keeps, written as capitalised words before "Day" ("Liberation Day",
"Code Talkers Day", "Casimir Pulaski Day", "Navajo Nation Sovereignty Day", "Dyngus Day").

The holidays of the calendar are listed in ``date_masks.py``; a territory, a nation or a family
keeps days no list holds, and the record writes them in the same form, so the form is read:
one to four capitalised words and "Day", with the day said by its place beside it ("the day
after ...", "the Friday after ...") and a "week" or "weekend" after it going with it. Not a
count or a unit of care ("Hours Per Day", "Post-Op Day 3", "Same Day Surgery", "Day 1"): the
word just before "Day" is no ordinary word of counting or care, and no number or place of care
follows it.

A day or a week said by its place in a month is replaced so too ("the first Saturday of
October", "the 2nd Tues of August", "2nd Wed", "the second week of August"): the shift cannot
move it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.dates import _MONTH
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

_BESIDE = (r"(?:(?i:the)[ ])?(?:(?:first|second|last)[ ])?(?i:day|days|week|weekend|night|"
           r"morning|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
           r"[ ](?:after|before|of)[ ]")
NAMED_DAY = re.compile(
    rf"(?<![\w'’-])(?P<beside>{_BESIDE})?"
    r"(?P<words>(?:[A-Z][\w'’.-]*[ ]){1,4})Day(?P<after>[ ](?:week|weekend))?"
    r"(?:,?[ ](?:19|20)\d\d)?(?![\w'’-])(?![ ]?(?:\d|#))")
_NTH = r"(?i:first|second|third|fourth|fifth|last|final|1st|2nd|3rd|4th|5th)"
_WEEKDAY = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon|Tues|Tue|Wed|"
            r"Thurs|Thur|Thu|Fri|Sat|Sun)\.?")
_OF_MONTH = rf"[ ](?i:of|in)[ ](?i:{_MONTH})(?:,?[ ](?:19|20)\d\d)?"
# "the first Saturday of October", "2nd Wed" (a weekday written with a capital, so not "wed")
NTH_WEEKDAY = re.compile(rf"(?<![\w'’-])(?:(?i:the)[ ])?{_NTH}[ ]{_WEEKDAY}(?:{_OF_MONTH})?"
                         r"(?![\w'’-])")
# "the second week of August", "the first week of March"
NTH_WEEK = re.compile(rf"(?<![\w'’-])(?:(?i:the)[ ])?{_NTH}[ ](?i:week|weekend){_OF_MONTH}"
                      r"(?![\w'’-])")
# Words that open a sentence or introduce a date before the name of the day: not part of it.
_LEADING = frozenset("""a an and around as at by during every for from in near on over past
since the this that till until after before last next per each one office clinic closed""".split())
# Words before "Day" that make it a count, a unit or a setting of care, not a named day.
_NOT_NAMED = frozenset("""per a each every one same next last first second third fourth fifth
this that any whole full half entire single hospital post-op postop post-operative postoperative
operative surgery surgical treatment procedure program therapy rehab study trial clinic
injury infusion dose the of and""".split())
# What follows "Day" in the name of a place or a service of care: "Day Surgery", "Day Program".
_CARE_AFTER = re.compile(r"[ ](?i:surgery|program|programme|center|centre|care|hospital|"
                         r"treatment|unit|clinic|rehab|services?|patient|shift)\b")


def named_days(text: str) -> Iterator[Span]:
    """Days written as a holiday's name (capitalised words and "Day"), with a day said by its
    place beside them."""
    for match in NAMED_DAY.finditer(text):
        if _CARE_AFTER.match(text, match.end()):
            continue
        words = match.group("words").split()
        start = match.start("words")
        while words and words[0].lower() in _LEADING:  # "By Labor Day", "closed Liberation Day"
            start += len(words[0]) + 1
            words = words[1:]
        if not words or words[-1].lower() in _NOT_NAMED or (
                words[-1].isupper() and len(words[-1]) > 1):
            continue  # "ICU Day 2", "PT Day": an abbreviation of care before it
        if match.group("beside") and start == match.start("words"):
            start = match.start()
        yield Span(start, match.end(), PhiKind.date, 3)
    for pattern in (NTH_WEEKDAY, NTH_WEEK):
        for found in pattern.finditer(text):
            yield Span(found.start(), found.end(), PhiKind.date, 3)
