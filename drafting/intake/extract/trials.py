"""A procedure or device trial record's own account of the patient before the procedure: its
indication, the care tried, the medications taken and the examination before it. These are read
as a note's (facts.py); in a trial record that is signed days after its leads came out, they
are of the trial's first day, not of the day the summary was signed."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.intake.extract.found import Document, Found, statement
from drafting.intake.extract.sections import label_core
from drafting.intake.extract.text import Sentence

# ("Pre-trial exam (05/04/2026): ...", "Pre-procedure check today: ...", "Prior treatment: ...")
INDICATION = re.compile(r"^(?:indications?|reason for (?:procedure|referral)|history|baseline|"
                        r"(?:pre-?(?:procedure|trial|op(?:erative)?|injection) )?"
                        r"(?:exam(?:ination)?|check)(?: today)?|prior (?:treatments?|tx|care)|"
                        r"pre-?\s?(?:procedure|injection|block)(?: assessment| evaluation)?|"
                        r"(?:current |home )?medications?)$", re.IGNORECASE)


def as_of_trial_start(found: list[Found], said: list[Sentence], doc: Document) -> list[Found]:
    """A trial record's facts of its indication sections, dated by the record (its signature),
    re-dated to the first day of the trial its procedure fact states."""
    # (the trial's own procedure fact, not a prior one its history names in passing)
    starts = [f.date for f in found if f.category is C.procedure and not f.named_in_passing
              and f.date < doc.date]
    if doc.type is not RecordType.device_trial_record or not starts:
        return found
    before = {(s.page, statement(s)) for s in said
              if INDICATION.match(label_core(s.label or s.section))}
    for fact in found:
        if (fact.page, fact.statement) in before and fact.date == doc.date and \
                fact.date_precision == "day" and fact.category is not C.response:
            fact.date = min(starts)
    return found
