"""When the pain or the condition began, as a field or a phrase gives it ("Onset: 2023 after
lifting a kayak overhead (pt reports).", "herpes zoster, T6 distribution, onset 02/2026",
"1. Approximate date condition commenced: 02/2025", "Onset / date of injury: 10/27/2021"): the
history of the complaint, on the onset's date at the precision written. An onset told without
a date ("onset with standing", "onset of buttock pain at 2:40 min") gives none."""

from __future__ import annotations

import datetime as dt
import re

from drafting.intake.extract.found import Document, bare_year, stated_date
from drafting.intake.extract.values import ocr_digits

_ONSET = re.compile(r"\b(?:onset|date (?:the )?condition (?:commenced|began|started)|"
                    r"date of onset)\b(?:\s*/\s*date of injury)?\s*[:=]?\s*"
                    r"(?:approx(?:imately|\.)?\s*|about\s+|~\s*)?", re.IGNORECASE)
_LABEL = re.compile(r"^(?:\w+\.\s*)?(?:approximate\s+)?(?:onset|date of onset|date (?:the )?"
                    r"condition (?:commenced|began|started))\b", re.IGNORECASE)
_REACH = 25  # how far after the word its date may be written ("onset approx. 2023 per notes")
_FIELD_END = re.compile(r"\s{2,}|[;(]")  # the next field on the line, or an aside


def onset_day(text: str, label: str | None, doc: Document) -> tuple[dt.date, str] | None:
    """The onset's date a sentence (or its field, ``label``) gives, else None."""
    text = ocr_digits(text)
    if label and _LABEL.match(label):
        after = text
    elif match := _ONSET.search(text):
        after = text[match.end():]
    else:
        return None
    told = _FIELD_END.split(after[:_REACH], maxsplit=1)[0]
    day = stated_date(told, doc) or bare_year(told, doc.date)
    return day if day and day[0] <= doc.date else None
