"""What a therapy record (physical therapy, chiropractic) says was given over its course: the
therapy itself, from the start of care the record states to the record's date."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.intake.extract.found import Document, Found, make_fact, stated_date
from drafting.intake.extract.narrative import not_done_yet
from drafting.intake.extract.sections import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.text import Sentence

# What a therapy record says was given over its course, under these labels or headings.
THERAPY_RECORDS = {RecordType.pt_note: "physical_therapy",
                   RecordType.chiropractic_note: "chiropractic"}
THERAPY_GIVEN = re.compile(r"^(?:interventions?(?: provided)?|treatments? (?:provided|given)|"
                           r"therapeutic (?:exercise|activities)|manual therapy|neuromuscular "
                           r"re-?education|modalities|visits(?: attended)?|"
                           r"(?:spinal )?manipulation|adjustments?)$", re.IGNORECASE)
START_OF_CARE = re.compile(r"^(?:start of care|soc|date of initial evaluation|initial "
                           r"evaluation(?: date)?)$", re.IGNORECASE)


def therapy_course(doc: Document, given: list[Sentence]) -> list[Found]:
    """What a therapy record says was given over the course ("Therapeutic exercise (97110):
    lumbar stabilization", "Visits: 14 attended of 18 authorized"): the therapy itself, from
    the start of care (when the record states it) to the record's date."""
    tag = THERAPY_RECORDS[doc.type]
    start = next((day for line in doc.lines if line.label and START_OF_CARE.match(line.label)
                  for day in [stated_date(line.value or "", doc)] if day), None)
    out = []
    for sentence in given:
        if NOT_ABOUT_THE_PATIENT.search(sentence.text) or not_done_yet(sentence.text):
            continue
        care = make_fact(C.conservative_care, sentence, doc, [tag])
        if start and start[0] < doc.date:
            care.date, care.date_precision, care.end_date = start[0], start[1], doc.date
        out.append(care)
    return out
