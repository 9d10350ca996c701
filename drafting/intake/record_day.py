"""The day of a record whose header gives no full labelled date (``classify.document_date``
found none): a guess, flagged as one, that every undated sentence of the record takes.

Never a date of birth: an identification field's date ("DOB 1961-09-30", a fax's OCR "D0B
4/2/57") says who the patient is, not when anything happened, and a note dated from it dates
every finding to the year the patient was born. A visit's field written without its year
("DOS: 11/O6", "Date: 5/19") is that day in the year of the record's latest full date (the
year before when it would fall after today). Otherwise the latest full date the record states,
read through OCR's letters for digits ("O8/O4/2026"); a part of a multi-document file with no
date at all is of the part before it; only then today.
"""

from __future__ import annotations

import datetime as dt
import re

from drafting.deid.dates import find_dates
from drafting.intake.extract.values import ocr_digits

# An identification field whose date is the patient's birth ("DOB", "D.O.B.", OCR's "D0B",
# "Date of birth", "born"): its date is never the record's.
_BIRTH_FIELD = re.compile(r"(?i)\b(?:D\.?[O0]\.?B\.?|date\s+of\s+birth|birth\s*date|born)"
                          r"\s*[:#]?\s*$")
_BIRTH_REACH = 20  # characters between the field's label and its date

# A visit's own day field with a month and day and no year, opening a line or a column
# ("DOS: 11/06", "Visit #: 6 of 12   Date: 5/19").
_YEARLESS_VISIT = re.compile(
    r"(?im)(?:^\s*|\s{2,})(?:DOS|date of service|visit date|date of visit|date)\s*[:#]\s*"
    r"(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])(?![/\d])")


def _stated_days(text: str, today: dt.date) -> list[dt.date]:
    """Full dates the record states, up to today, without a birth field's."""
    return [found.date for found in find_dates(text) if found.date <= today
            and not _BIRTH_FIELD.search(text[max(0, found.start - _BIRTH_REACH):found.start])]


def _yearless_visit(text: str, latest: dt.date | None, today: dt.date) -> dt.date | None:
    match = _YEARLESS_VISIT.search(text)
    if match is None or latest is None:
        return None
    month, day = int(match.group("month")), int(match.group("day"))
    for year in (latest.year, latest.year - 1):
        try:
            when = dt.date(year, month, day)
        except ValueError:
            return None  # (no such day: "2/30")
        if when <= today:
            return when
    return None


def guessed_day(text: str, today: dt.date, before: dt.date | None = None) -> dt.date:
    """The record's day when no field gives it in full; ``before`` is the day of the part
    before it in the same file, if any."""
    text = ocr_digits(text)
    days = _stated_days(text, today)
    latest = max(days) if days else None
    return _yearless_visit(text, latest, today) or latest or before or today
