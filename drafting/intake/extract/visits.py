"""The visits a course of therapy has had, as its record's header states them among other fields
("Start of care: 02/06/2024   Visits attended: 14 of 18 authorized", "Visit #: 8 of 12"): care
received, from the start of care (when the record states it) to the record's date."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import CONSERVATIVE_TAGS, Document, Found, make_fact
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import dates_in

_COUNT = re.compile(r"\bvisits?\s*(?:#|no\.?|attended|to date|completed)\s*:?\s*\d+\b(?:\s+of\s+"
                    r"\d+\b)?", re.IGNORECASE)
_START = re.compile(r"\b(?:start of care|SOC|date of initial (?:exam(?:ination)?|eval(?:uation)?)|"
                    r"initial (?:exam|eval(?:uation)?) date)\s*:\s*", re.IGNORECASE)


# Records whose own visits field is read with the course they give.
_READ_AS_COURSE = (RecordType.pt_note, RecordType.chiropractic_note)


def visit_counts(doc: Document) -> list[Found]:
    out = []
    text = "\n".join(line.text for line in doc.lines)
    start = next((days[0].date for m in _START.finditer(text)
                  for days in [dates_in(text[m.end():m.end() + 12])] if days), None)
    for line in doc.lines:
        if line.kind != "label" or not (count := _COUNT.search(line.text)):
            continue
        if count.start() == 0 and doc.type in _READ_AS_COURSE:
            continue  # a field of its own, read with the therapy's course (facts.py)
        told = Sentence(line.text[count.start():].strip(), line.page, line.section)
        tags = [t for t in tags_in(f"{doc.title} {told.text}") if t in CONSERVATIVE_TAGS]
        care = make_fact(C.conservative_care, told, doc, tags)
        if start and start < doc.date:
            care.date, care.date_precision, care.end_date = start, "day", doc.date
        out.append(care)
    return out
