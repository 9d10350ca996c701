"""The work status or the work restrictions a note gives at the visit ("Work note: off 3 days",
"Restrictions: 10 lb, no repetitive bending x 1 wk", "Mod duty: no lift >15# x 1 wk", "Off work
for 6 weeks"): the patient's function from the record's day (activity modification), though the
note writes it in its plan or disposition. A status only hoped for, requested or conditional
("may return to full duty when cleared", "if no better, off work"), and a surgery's precautions
that name no work ("No lifting > 10 lb for 6 weeks" in discharge instructions), are not one."""

from __future__ import annotations

import re

from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.text import Sentence

_STATUS = re.compile(
    r"\boff (?:work|duty)\b|"
    r"\b(?:full|modified|mod\.?|light|restricted|regular|sedentary)[ -]duty\b|"
    r"\bwork (?:note|status|restrictions?)\b|^(?:work )?restrictions?\b", re.IGNORECASE)
_NOT_NOW = re.compile(r"\b(?:if|unless|when|once|may|might|could|would|should|consider\w*|"
                      r"goal\w*|anticipat\w*|expect\w*|hope\w*|until cleared|request\w*)\b|\?",
                      re.IGNORECASE)
# Where a note writes what it orders (the plan under any name, its disposition).
_ORDERS = re.compile(r"\bplan\b|^(?:p|a/p|a&p)$|\brecommendations?\b|\bdisposition\b",
                     re.IGNORECASE)


def work_status_given(sentence: Sentence) -> bool:
    """A work status or restriction given at the visit, in the part of the note that orders."""
    return bool(_ORDERS.search(f"{sentence.section} {sentence.label or ''}")
                and _STATUS.search(sentence.text) and not _NOT_NOW.search(sentence.text)
                and not NOT_ABOUT_THE_PATIENT.search(sentence.text))
