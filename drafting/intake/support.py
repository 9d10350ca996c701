"""Is a proposed fact supported by its own words? A language model's proposal is kept only when
it says more than an identifier, a code or a date, each value it carries is written in its
statement, outside any date, phone number or id (a
"14" inside "CM21-0139045" or a "7" inside "7/10/22" is not a measure), its date is written on
the page, and the statement is about the patient: not a reviewer's credentials, letterhead, a
page header, or (for a fact about the patient's care) a guideline's or policy's words.

The eval harness checks a drafted sentence against its cited facts; this is the same idea one
step earlier, for a fact against the record text it quotes."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from drafting.case import Fact
from drafting.case.vocab import FactCategory
from drafting.deid.dates import find_dates
from drafting.intake.extract.letters import CRITERIA_VOICE, GUIDELINE_CITATION
from drafting.intake.extract.sections import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.values import percent_relief

# The de-identifier's placeholders for what is never a fact (a name may be the patient's).
_IDENTIFIER = re.compile(r"\[(?!NAME_)[A-Z]+(?:_[A-Z]+)*_\d+\]")
_CODE = re.compile(r"\b(?:CPT|HCPCS|ICD(?:-10)?)\b|\b[A-Z]\d{2}\.\d{1,4}\b|\b\d{5}\b")
_WORD = re.compile(r"\b[A-Za-z][A-Za-z'-]+\b")
MIN_WORDS = 2  # words of letters a fact's statement needs ("HEP daily" has them)
# A field whose value holds no word ("Appeal Number: 202308-170455", "DOB: 11/02/1975").
_BARE_FIELD = re.compile(r"^[A-Za-z][A-Za-z #./()-]{0,30}:\s*[^A-Za-z]*$")
_NOT_THE_PATIENT = re.compile(r"\bthe reviewer is\b|\bdirects patients\b|\bformer director\b|"
                              r"\bcertificate in\b|\bdiplomate\b|\bexperienced in\b|"
                              r"\bcertified (?:in|acupuncturist)\b", re.IGNORECASE)
# A plan or suggestion is not a finding, nor is an aside written wholly in parentheses.
_PLAN = re.compile(r"^(?:recommend\w*|suggest\w*|plan\b|f/u\b|follow[- ]up\b|return\b|"
                   r"schedul\w*|consider\w*|will\b|trial of\b)", re.IGNORECASE)
_ASIDE = re.compile(r"^\([^()]*\)\.?$")
_RIGHTS = re.compile(r"\bthis (?:notice|letter)\b|\bwithin \d+ (?:calendar |business )?"
                     r"(?:days|hours)\b", re.IGNORECASE)
_PHONE = re.compile(r"\(?\b\d{3}\)?[ .-]?\d{3}[ .-]\d{4}\b")
_ID = re.compile(r"\b(?=[\w-]*[A-Za-z])(?=(?:[\w-]*\d){4})[\w-]+\b")  # letters and 4+ digits
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?")
_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a": 1, "an": 1}


def _numbers(statement: str) -> set[float]:
    """The numbers a statement writes, leaving out those inside dates, phones and ids."""
    text = statement
    spans = [(d.start, d.end) for d in find_dates(text)]
    spans += [m.span() for pattern in (_PHONE, _ID) for m in pattern.finditer(text)]
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    found = {float(m.group(0)) for m in _NUMBER.finditer(text)}
    found |= {float(v) for w, v in _WORDS.items() if re.search(rf"\b{w}\b", text, re.I)}
    return found


def _date_on_page(day: dt.date, precision: str, page_text: str) -> bool:
    if precision in ("year", "approximate"):
        return str(day.year) in page_text
    days = [d.date for d in find_dates(page_text)]
    if precision == "month":
        names = f"{calendar.month_name[day.month]}|{calendar.month_abbr[day.month]}"
        written = re.compile(rf"\b0?{day.month}/{day.year}\b|\b(?:{names})\.?,? {day.year}\b",
                             re.IGNORECASE)
        return any((d.year, d.month) == (day.year, day.month) for d in days) or bool(
            written.search(page_text))
    return day in days


def unsupported(fact: Fact, page_text: str, document_date: dt.date,
                as_sent: str = "") -> str | None:
    """Why the fact is not supported by its statement and page, or None when it is;
    ``as_sent`` is the statement as the model wrote it, with the de-identifier's placeholders."""
    statement = fact.statement
    # what is left without identifiers (as the de-identifier marked them) and codes
    words = as_sent or statement
    for pattern in (_IDENTIFIER, _PHONE, _ID, _CODE):
        words = pattern.sub(" ", words)
    words = words.strip()
    if len(_WORD.findall(words)) < MIN_WORDS or _BARE_FIELD.match(words):
        return "the statement is only an identifier, a code, a date or a field name"
    if NOT_ABOUT_THE_PATIENT.search(statement) or _NOT_THE_PATIENT.search(statement):
        return "the statement is about a reviewer, a letterhead or the page, not the patient"
    if _RIGHTS.search(statement):
        return "the statement is appeal-rights boilerplate"
    if _PLAN.match(statement) or _ASIDE.match(statement):
        return "the statement is a plan or an aside, not a finding"
    if fact.category is not FactCategory.utilization_review and (
            GUIDELINE_CITATION.search(statement) or CRITERIA_VOICE.search(statement)):
        return "the statement quotes a guideline or policy, not the record"
    if fact.percent_relief is not None and percent_relief(statement)[0] != fact.percent_relief:
        return f"{fact.percent_relief:g}% is not stated as relief (a strength, a risk, a target)"
    numbers = _numbers(statement)
    values: list[tuple[str, float]] = []
    if fact.percent_relief is not None:
        values.append(("percent relief", fact.percent_relief))
    if fact.dose is not None:
        values.append(("dose", fact.dose.amount))
    if fact.duration is not None:
        values.append(("duration", fact.duration.value))
    values += [(m.name, m.value) for m in fact.measures]
    for name, value in values:
        if float(value) not in numbers:
            return f"{name} {value:g} is not written in the statement (outside dates and ids)"
    if fact.date != document_date and not _date_on_page(fact.date, fact.date_precision,
                                                        page_text):
        return f"date {fact.date} is not written on the page"
    return None
