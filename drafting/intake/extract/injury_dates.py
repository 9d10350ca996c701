"""Dates a record gives its facts besides their own words: the date of injury its field names
(``injury_day``), for what is told "since the injury"; and a log entry's or a dated row's day,
for what the entry tells without a date."""

from __future__ import annotations

import datetime as dt
import re

from drafting.intake.extract.found import Document, Found, stated_date, statement
from drafting.intake.extract.relative_dates import month_number
from drafting.intake.extract.text import Sentence, entry_dates
from drafting.intake.extract.values import date_range, dates_in

# The record's date of injury field ("Date of injury: 11/14/24", "DOI 6/2/23", "Date of loss:
# August 3, 2023"); never a cumulative-trauma period ("DOI: CT 01/01/2018 - 03/14/2022").
_INJURY_FIELD = re.compile(r"\b(?:date of (?:injury|loss|accident)|injury date|D\.?O\.?I\.?)\b"
                           r"\s*[:#]?\s*(?!CT\b)(?P<rest>[^\n]{0,24})", re.IGNORECASE)
_SINCE_INJURY = re.compile(r"\bsince (?:the|his|her|their|this|that) (?:injury|accident|fall|"
                           r"collision)\b", re.IGNORECASE)


def injury_day(doc: Document) -> dt.date | None:
    """The date of injury a record's field names, up to the record's own date."""
    for _, text in doc.pages:
        for match in _INJURY_FIELD.finditer(text):
            days = [d.date for d in dates_in(match.group("rest")) if d.date <= doc.date]
            if days and not date_range(match.group("rest")):
                return days[0]
    return None


def since_the_injury(found: list[Found], doc: Document) -> list[Found]:
    """A fact told "since the injury" ("Has been off work since the injury") holds from the
    record's date of injury on."""
    injured = None
    for fact in found:
        if _SINCE_INJURY.search(fact.statement) and fact.date == doc.date and \
                stated_date(fact.statement, doc) is None:
            injured = injured or injury_day(doc)
            if injured:
                fact.date, fact.date_precision = injured, "day"
    return found


def dated_by_entry(found: list[Found], said: list[Sentence], doc: Document) -> list[Found]:
    """Facts of a log entry or a dated table row that state no date of their own happened on
    the entry's day, not on the record's; an entry of a chronology opening with a month
    ("04/2025  Dr. Lee initial consult: ... Started gabapentin 300 mg tid.", "12/2024 - 03/2025
    Chiropractic, 24 visits.") dates its facts to that month, no day invented."""
    entries = {k: (v, "day") for k, v in entry_dates(said).items()}
    entries |= {k: v for k, v in entry_months(said).items() if k not in entries}
    written = {(s.page, statement(s)): entries[s.paragraph] for s in said
               if s.paragraph in entries and entries[s.paragraph][0] <= doc.date}
    for fact in found:
        day = written.get((fact.page, fact.statement))
        if day and fact.date == doc.date and fact.date_precision == "day":
            fact.date, fact.date_precision = day
    return found


# A chronology's entry opening with a month and its year ("04/2025  Dr. Lee ...", "12/2024 -
# 03/2025  PT 16 visits", "March 2025: ..."): the month it began.
_OPENING_MONTH = re.compile(
    r"^(?:(?P<m>0?[1-9]|1[0-2])/(?P<y>(?:19|20)\d{2})|(?P<name>jan|feb|mar|apr|may|jun|jul|aug|"
    r"sep|oct|nov|dec)[a-z]*\.?,?\s+(?P<y2>(?:19|20)\d{2}))(?![\d/])"
    r"(?=\s*(?:[-\u2013:]|\s{2}|\s+[A-Z0-9]))", re.IGNORECASE)


def entry_months(said: list[Sentence]) -> dict[int, tuple[dt.date, str]]:
    """The month each chronology entry (a paragraph opening with a month and year) began."""
    out: dict[int, tuple[dt.date, str]] = {}
    seen: set[int] = set()
    for sentence in said:
        if not sentence.paragraph or sentence.paragraph in seen:
            continue
        seen.add(sentence.paragraph)
        if opening := _OPENING_MONTH.match(sentence.text):
            month = int(opening["m"]) if opening["m"] else month_number(opening["name"])
            out[sentence.paragraph] = (dt.date(int(opening["y"] or opening["y2"]), month, 1),
                                       "month")
    return out
