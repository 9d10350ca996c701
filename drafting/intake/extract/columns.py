"""A table of measures in dated columns ("OBJECTIVE MEASURES  Initial 02/06/24  Re-eval 03/15/24
Discharge 04/26/24", then "NDI (%)  48  30  18"): each row is a fact of the kind its measure is,
at the first column's date (where care began) and at the last column's (where it ended)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.examination import FINDING
from drafting.intake.extract.found import Document, Found, make_fact
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import dates_in
from drafting.intake.extract.vocabulary import outcome_rows

_WORD = re.compile(r"[A-Za-z]{2,}")
_VALUE = re.compile(r"(?<![\w/])(?:\d+(?:\.\d+)?(?:\s*/\s*\d+)?%?|[+-]|\d\+)(?![\w/])")
_PAIN = re.compile(r"\b(?:NPRS|NRS|VAS|pain)\b", re.IGNORECASE)


def column_dates(sentence: Sentence, latest: dt.date) -> tuple[dt.date, dt.date] | None:
    """A header row naming two or more dates and few words: its first and last date."""
    days = [d for d in dates_in(sentence.text) if d.date <= latest]
    if len(days) < 2 or ":" in sentence.text:
        return None  # ("TFESI 10/12/2022: per 11/02/2022 note, ..." tells, and heads nothing)
    rest = sentence.text
    for day in reversed(days):
        rest = rest[:day.start] + rest[day.end:]
    return (days[0].date, days[-1].date) if len(_WORD.findall(rest)) <= 8 else None


def _held(first: str, last: str) -> bool:
    """The same value at the first and the last column, within a tenth for numbers."""
    try:
        a, b = (float(v.split("/")[0].rstrip("%")) for v in (first, last))
    except ValueError:
        return first == last
    return abs(a - b) <= 0.1 * max(abs(a), abs(b), 1.0)


def column_row(sentence: Sentence, doc: Document, dates: tuple[dt.date, dt.date]
               ) -> list[Found] | None:
    """A row of the table (a measure's name, then a value per column), as facts at the first
    and the last date; None when the sentence is no such row (the table has ended)."""
    values = _VALUE.findall(sentence.text)
    if len(values) < 2 or dates_in(sentence.text):
        return None
    if _held(values[0], values[-1]):
        return []  # a measure that held over the course (the other side's, for comparison)
    kind = next((C(category) for category, pattern in outcome_rows()
                 if category != "response" and pattern.search(sentence.text)), None)
    if kind is None:
        kind = C.history if _PAIN.search(sentence.text) else (
            C.exam if FINDING.search(sentence.text) else None)
    if kind is None:
        return []
    first = make_fact(kind, sentence, doc, [])
    first.date, first.date_precision = dates[0], "day"
    return [first, replace(first, date=dates[1], measures=list(first.measures))]
