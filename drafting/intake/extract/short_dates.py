"""A day a sentence gives as a month and day in figures without its year ("UDS 05/06
consistent", "I saw Dr. C on 4/16", "MRI rec'd (done 11/6)", "8 visits done 9/5-10/3"): that
day of the record's year, or of the year before when it would fall after the record.

A fraction is read as a date only where its shape or the word before it says so: both parts
written with two digits ("05/06"), or a word that introduces a date or names an event ("on",
"since", "done", "dated", "UDT", "MRI") just before it. Never a score ("7/10", "4/5 strength"),
a dose ("5/325", "Suboxone 8/2"), a count ("3/12 visits"), a blood pressure ("120/80", no
month), nor a level ("L4-5", no slash). A month and day just after the record's date is a day
to come (a follow-up) or a sign the record's date was misread: it dates nothing rather than
being pushed back a year; nor does a detail of a sentence that tells what was done today
("PDMP reviewed today, last fill 10/03").
"""

from __future__ import annotations

import datetime as dt
import re

from drafting.deid.date_scores import SCALES, dose_or_count, score_beside

_FIGURES = re.compile(
    r"(?<![\w/.+-])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])"
    r"(?![\w/%]|\.\d|,?\s+'?\d{2,4}\b|:\d|-\d(?!\d?/)|\s*(?:-|to)\s*\d{1,2}/10\b)")
# A word that introduces a date, or an event dated by the figures after it.
_CUE = re.compile(
    r"(?i)(?:\b(?:on|since|from|until|till|thru|through|dated|DOS|seen|saw|done|performed|"
    r"had|rec'?d|received|collected|drawn|started|stopped|d/c'?d|discontinued|filled|signed|"
    # a dose changed on a day ("gabapentin 600 mg tid (increased 9/9)")
    r"increased|decreased|reduced|changed|titrated|tapered|restarted|resumed|switched|"
    r"injured|fell|flare[sd]?|around|about|approx\.?|as of|UDS|UDT|UTox|PDMP|MRI|CT|EMG|"
    r"NCS|x-?rays?|ESI|TFESI|MBB|RFA|injection|block|surgery|visit|appt|call(?:ed)?)|~)"
    r"[ \t]*\(?[ \t]*$")
# A sentence that tells what was done today ("PDMP reviewed today - ..., last fill 10/03") is
# the visit's, whatever day a detail after it names.
_TODAY = re.compile(r"(?i)\b(?:today|this visit|at this visit)\b")
# The day of another event than the one told: the last or next of something ("PDMP: single
# prescriber, last fill 05/28", "next appt 06/12").
_ANOTHER = re.compile(r"(?i)\b(?:last|next|prior|previous)\s+[a-z]+\.?\s*$")
# A day to come ("follow-up 01/15", "RTC on 2/3", "scheduled for 03/10"), whatever year it falls
# in: never a day of the record's past.
_TO_COME = re.compile(r"(?i)\b(?:follow[- ]?up|f/u|return\w*|RTC|next|will|plan\w*|schedul\w*|"
                      r"due|expected|anticipated|booked|appt\.? (?:on|for))\b")
_SOON_AFTER = 60  # days after the record: a day to come, not a day of the year before


def figures_day(text: str, latest: dt.date) -> tuple[dt.date, str] | None:
    """The first month and day in figures ``text`` gives as a date, in the year up to
    ``latest`` (the record's date), with "day" precision."""
    for match in _FIGURES.finditer(text):
        m_text, d_text = match.group("m", "d")
        month, day = int(m_text), int(d_text)
        padded = len(m_text) == 2 and len(d_text) == 2
        before = text[max(0, match.start() - 16):match.start()]
        if not padded and not _CUE.search(before):
            continue
        if _TODAY.search(text, 0, match.start()) or _ANOTHER.search(before) or \
                _TO_COME.search(text[max(0, match.start() - 30):match.start()]):
            return None
        if (day in SCALES and month <= day and not d_text.startswith("0")) or \
                score_beside(text, match.start(), match.end(), month, day) or \
                dose_or_count(text, match.start(), match.end()):
            continue  # a score out of a scale's total, a dose or a count
        when = _in_year_up_to(month, day, latest)
        if when is not None:
            return when, "day"
    return None


def _in_year_up_to(month: int, day: int, latest: dt.date) -> dt.date | None:
    try:
        when = dt.date(latest.year, month, day)
    except ValueError:
        return None  # (no such day: "2/30")
    if when <= latest:
        return when
    if (when - latest).days <= _SOON_AFTER:
        return None
    try:
        return dt.date(latest.year - 1, month, day)
    except ValueError:
        return None  # (29 February of a year without one)


# A season or a part of a named year ("in the fall of 2024", "(12 visits, fall 2024)", "spring
# 2025", "in early 2025", "late 2023"): that year, at year precision (never a month: a season
# spans two). Not the end of a span ("through the fall of 2024"), nor an absence's date ("no
# opioids since mid-2023").
_SEASON_YEAR = re.compile(r"(?i)\b(?:spring|summer|fall|autumn|winter|early|late|mid-?)"
                          r"(?:\s+of)?\s*[-\s]\s*((?:19|20)\d{2})\b(?![/\d-])")
_SPAN_END = re.compile(r"(?i)\b(?:through|thru|until|till|by|to|end of)\s+(?:the\s+)?$")
_ABSENT = re.compile(r"(?i)\b(?:no|not|never|none|without)\b[^.;]*$")


def season_year(text: str, latest: dt.date) -> tuple[dt.date, str] | None:
    """The first season or part of a year up to ``latest``'s that ``text`` names."""
    for match in _SEASON_YEAR.finditer(text):
        before = text[max(0, match.start() - 40):match.start()]
        if _SPAN_END.search(before) or _ABSENT.search(before):
            continue
        year = int(match.group(1))
        if year <= latest.year:
            return dt.date(year, 1, 1), "year"
    return None


# A sentence that opens on its date ("On 08/16/2021 the exam showed ...", "Exam on 02/26/2025:
# positive Spurling", "11/04/2024: seen for follow-up"): what it tells happened that day.
_OPENING = re.compile(r"^\W{0,3}(?:[A-Za-z/.'-]+\s+){0,3}?$")
_OPENING_REACH = 30


def opening_date(text: str, latest: dt.date) -> dt.date | None:
    """The full date a sentence opens on (after at most three words), up to ``latest``."""
    from drafting.intake.extract.values import dates_in

    first = next(iter(dates_in(text[:_OPENING_REACH + 12])), None)
    if first is None or first.start > _OPENING_REACH or first.date > latest:
        return None
    return first.date if _OPENING.match(text[:first.start]) else None


# OCR reads a 0 as O in a year written alone too ("PT 8 visits 2O25", "in 2O26 (Mar, Aug)"):
# a four-character token shaped as a year of this century or the last, with an O for a 0.
_OCR_YEAR = re.compile(r"(?<![A-Za-z0-9])(?=\w*O)(?:19|2[0O])[0-9O]{2}(?![A-Za-z0-9])")


def ocr_dates(text: str) -> str:
    """``text`` with OCR's letters for digits read as digits in its dates and years (one
    character for one, so positions hold)."""
    from drafting.intake.extract.values import ocr_digits

    return _OCR_YEAR.sub(lambda m: m.group(0).replace("O", "0"), ocr_digits(text))
