"""A drug a plan orders at the visit, with its dose: a medication the patient is on from the
record's day, though it sits in the plan ("Start duloxetine 30 mg daily.", "Gabapentin 300 mg
TID started.", "Taper oxycodone IR to 10 mg q8h prn.", a plan's line that is a drug and its
dose: "Naproxen 550 mg b.i.d."). A plan's drug offered, weighed, held or stopped, or ordered
only on a condition ("consider duloxetine 30 mg if ...", "may start", "hold clopidogrel"), is
not one; a drug the plan continues is read by ``continued_drug`` (drug_lines.py)."""

from __future__ import annotations

import re

from drafting.intake.extract.medications import medications_in, ocr_read
from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.text import Sentence

# The order's verb, opening the line or closing the drug's words ("... 300 mg TID started").
_ORDER_OPENS = re.compile(r"^(?:start|started|begin|began|increase|increased|decrease|decreased|"
                          r"reduce|reduced|taper|tapered|titrate|switch|switched|change|changed|"
                          r"resume|resumed|rx|prescribed|(?:plan\s+)?taper)\b", re.IGNORECASE)
_ORDER_CLOSES = re.compile(r"\b(?:started|prescribed|given|dispensed|increased|decreased|"
                           r"reduced|resumed)\b", re.IGNORECASE)
# Not ordered now: a condition, a choice left open, a drug held, stopped or refused.
_NOT_ORDERED = re.compile(r"\b(?:if|unless|consider\w*|may|might|could|would|should|discuss\w*|"
                          r"offer\w*|declin\w*|refus\w*|recommend\w*|defer\w*|avoid\w*|hold|held|"
                          r"stop\w*|d/c|discontinu\w*|not|no|never|option\w*|alternative\w*|"
                          r"pending|await\w*|prior auth\w*|PA)\b", re.IGNORECASE)
_ITEM_MARK = re.compile(r"^(?:\d{1,2}[.)]\s*|[-*\u2022]\s*|#\s*)?")


def ordered_in_plan(text: str) -> bool:
    """A plan's line ordering a drug with its dose now (see the module's docstring)."""
    line = _ITEM_MARK.sub("", ocr_read(text).strip(), count=1)
    if _NOT_ORDERED.search(line):
        return False
    meds = [m for m in medications_in(line) if m.amount is not None]
    if not meds:
        return False
    if _ORDER_OPENS.match(line) or _ORDER_CLOSES.search(line):
        return True
    first = meds[0].drug.pattern.search(line)  # the line is the drug and its dose
    return first is not None and first.start() == 0


# Where a note writes what it orders: its plan (under any name), recommendations, disposition,
# the prescriptions it sends home.
_PLAN_SECTION = re.compile(r"\bplan\b|^(?:p|a/p|a&p|rx)$|\brecommendations?\b|\bdisposition\b|"
                           r"\bdischarge (?:rx|medications?|prescriptions?)\b", re.IGNORECASE)


def ordered_now(sentence: Sentence) -> bool:
    """A drug with its dose that a plan's section orders at the visit."""
    return bool(_PLAN_SECTION.search(f"{sentence.section} {sentence.label or ''}")) and \
        not NOT_ABOUT_THE_PATIENT.search(sentence.text) and ordered_in_plan(sentence.text)
