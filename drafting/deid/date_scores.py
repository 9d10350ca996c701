"""A fraction written m/d: a score, a dose, a count or a date.

Records write scores as fractions (pain 7/10, strength 4/5, MMSE 27/30, 3/12 visits) and dates
as a month and day (seen 6/3, filed 7/1, "| 12/4 |" in a log). A month and day without a year is
read as a date when nothing says it is a score: its day is no scale's total below its month
(``SCALES``), no score, test, count or dose word stands beside it, and no other fraction of the
same total is near it. Dates found so are shifted like the rest (``dates.find_partial_dates``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.terms import drugs

# (a test scored out of a total: "MMSE 12/29", "PHQ-9 11/27", "GAD-7: 9/21")
TESTS = (r"mmse|moca|phq(?:-?\d)?|gad(?:-?\d)?|tinetti|berg|lanss|dn4|ndi|odi|rmdq|fabq|pcs|tsk|"
         r"bdi(?:-ii)?|bai|isi|ess|audit|pcl(?:-?5)?|fim|lefs|dash|gcs|sf-?\d+")
SCORE_BEFORE = re.compile(r"(?i)\b(?:vas|nrs|nprs|pain|score|scale|rated|strength|visits?|"
                          rf"sessions?|grade|of|{TESTS})[ :]*$")
# The totals of the scales a record writes as a fraction (pain out of 10, strength out of 5,
# reflexes out of 4, recall out of 3, halves), and the words that say a fraction is a score.
SCALES = frozenset({2, 3, 4, 5, 10})
SCORE_NEAR = re.compile(r"(?i)\b(?:pain|vas|nrs|nprs|score[sd]?|scale|rated|rating|strength|"
                        r"intensity|severity|relief)\b")


def score_beside(text: str, start: int, end: int, month: int, day: int) -> bool:
    """A fraction of a scale's total that reads as a score: a score word before it in its
    sentence, or another fraction of the same total beside it ("from 7/10 to 3/10")."""
    if day not in SCALES or month > day:
        return False
    before = re.split(r"[.;\n]", text[max(0, start - 40):start])[-1]
    beside = text[max(0, start - 30):start] + " " + text[end:end + 30]
    return bool(SCORE_NEAR.search(before)) or re.search(
        rf"(?<![\w/.])\d{{1,2}}/{day}(?![\w/])", beside) is not None


# A month and day, the month not zero-padded ("6/3", "10/13", "1/08"); the second of a range
# too ("10/6-10/13").
LOOSE = re.compile(
    r"(?:(?<![\w/.+-])|(?<=\d/\d-)|(?<=\d/\d\d-))(?P<m>1[0-2]|[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])"
    r"(?![\w/%]|\.\d|,?\s+\d{4}|:\d|-\d(?!\d?/))")
# Words that make a fraction a score, a dose or a count: before it ("pain", "VA 6/12", "grade
# 2/6 murmur", "Apgars 8/9", a test's name) or after it ("3/7 days", "5/8 inch", "8/2 mg",
# "2/6 systolic murmur", "4/6 positive").
_NOT_DATE_BEFORE = re.compile(
    rf"(?i)\b(?:vas|nrs|nprs|pain|scored?|scale|rated|rating|strength|visits?|sessions?|"
    rf"treatments?|grade|murmur|apgars?|va|vision|acuity|reflex(?:es)?|dtrs?|power|motor|"
    rf"ratio|out[ ]of|x|h/h|hgb|hct|{TESTS})[ :=]*$")
# (a count noun may have one word before it: "1/6 tender points"; a unit: "6/8 dL", "5/10 mg";
# not "left" nor "L": "injection 6/3 left L5")
_NOT_DATE_AFTER = re.compile(
    r"(?i)[ ]?(?:(?:[a-z]+[ ])?(?:visits?|sessions?|treatments?|appointments?|days?|nights?|"
    r"weeks?|wks?|months?|hours?|hrs?|times|doses?|tabs?|tablets?|caps?|capsules?|pills?|"
    r"units?|points?|reps?|sets?|systems?|criteria|signs?|nodes?|levels?|sites?|joints?|"
    r"muscles?|fingers?|digits?|episodes?|falls?|meals?|blocks?|stairs|flights?)\b"
    r"|d\b|h\b|mg|mcg|(?:[mcdk][lg]|g)\b|lbs?\b|mmhg|cc\b|meq|iu\b|in\b|inch(?:es)?|cm|mm|"
    r"systolic|diastolic|murmur|positive|negative|approved|authorized|completed|used|remaining|"
    r"of\b|per\b|strength|on[ ]\d|scale|score|daily|bid|tid|qid|qd|qhs|prn|po\b)")


# A fraction a clinical count or a ratio names, its word a few words before it: systems of a
# review ("ROS 10/14 negative", "review of systems: 12/14 reviewed"), a ratio ("the E/A ratio
# was 3/1", "ratio of 2/1"), a proportion.
_SHARE_BEFORE = re.compile(
    r"(?i)\b(?:ros|review[ ]of[ ]systems|systems|ratios?|proportion|odds)\b"
    r"(?:[ ](?:is|was|were|of|at|about|approximately|approx\.?|reviewed|now|today)){0,2}"
    r"[ :=~]*$"
    # a ratio named with its terms ("ratio of flexion to extension 2/1")
    r"|\bratios?[ ]of[ ][a-z-]+[ ](?:to|and|vs\.?)[ ][a-z-]+[ :=~]*$")


def clinical_share(text: str, start: int) -> bool:
    """A month and day shape that a systems count or a ratio word before it makes a share."""
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_SHARE_BEFORE.search(text, max(line_start, start - 40), start))


def dose_or_count(text: str, start: int, end: int) -> bool:
    """Whether the fraction at ``start:end`` has a score, test, count or dose word beside it,
    or a drug's name just before it ("Suboxone 8/2", "Vytorin 10/20 daily")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 24):start]
    if _NOT_DATE_BEFORE.search(before) or _NOT_DATE_AFTER.match(text, end) or \
            clinical_share(text, start):
        return True
    word = re.search(r"([A-Za-z]+)[ ]*$", before)
    return bool(word and word.group(1).lower() in drugs())


def loose_month_days(text: str) -> Iterator[tuple[int, int, str, str]]:
    """(start, end, month as written, day as written) of each month and day without a year and
    without a word that introduces a date, where nothing says it is a score, a dose or a
    count."""
    for match in LOOSE.finditer(text):
        month, day = int(match.group("m")), int(match.group("d"))
        start, end = match.start(), match.end()
        scale_like = day in SCALES and month <= day and not match.group("d").startswith("0")
        if scale_like or day == month == 1:
            continue
        if dose_or_count(text, start, end):
            continue
        beside = text[max(0, start - 30):start] + " " + text[end:end + 30]
        if re.search(rf"(?<![\w/.])\d{{1,2}}/{day}(?![\w/])", beside):
            continue  # another fraction of the same total: "4/6 and 5/6"
        yield start, end, match.group("m"), match.group("d")


# A list of months and days ("clinic notes 2/13, 2/27, 3/20, 4/10"): a member that could be a
# score ("4/10") is a date where the member before it or after it, a comma or "and" between, is
# one; so is the start of a range whose end is a date ("footage for 2/10-2/12/2025").
_LIST_GAP = re.compile(r",[ ]?(?:and[ ])?|[ ]and[ ]|;[ ]|[ ]?[-–][ ]?")


def listed_month_days(text: str, dates: list[tuple[int, int]]) -> Iterator[tuple[int, int, str,
                                                                                str]]:
    """(start, end, month, day) of each month and day left out of ``dates`` (spans already
    read as dates) that stands in a list beside one of them."""
    ends = {b: a for a, b in dates}
    starts = {a: b for a, b in dates}
    for match in LOOSE.finditer(text):
        start, end = match.start(), match.end()
        if any(start < b and a < end for a, b in dates) or dose_or_count(text, start, end) or \
                SCORE_NEAR.search(text, end, min(len(text), end + 12)) or score_beside(
                    text, start, end, int(match.group("m")), int(match.group("d"))):
            continue  # ("seen 3/20, 4/10 pain")
        before = re.search(r"(?:,[ ]?(?:and[ ])?|[ ]and[ ]|;[ ])$", text[max(0, start - 6):start])
        after = _LIST_GAP.match(text, end)
        if (before and start - len(before.group(0)) in ends) or \
                (after and after.end() in starts):
            yield start, end, match.group("m"), match.group("d")
