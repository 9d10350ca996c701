"""What a therapy visit's plan line says was given that day: chiropractic and therapy daily
notes write the treatment rendered under "P:" ("Diversified CMT C5, C6, L5 (3 regions)", "EMS
12 min cervical, moist heat 10 min", "HEP: chin tucks"), which is care received, not a plan.
A line that orders, continues or schedules ("Continue 3x/wk x 4 wks", "re-exam at visit 12")
is still the plan."""

from __future__ import annotations

import re

from drafting.intake.extract.sections import label_core
from drafting.intake.extract.text import Sentence

_PLAN = re.compile(r"^(?:p|plan|treatment plan)$", re.IGNORECASE)
# A treatment named as given: a manipulation or adjustment, a modality with its minutes or
# units, a home programme with its exercises.
RENDERED = re.compile(
    r"\b(?:CMT|CMT\d|spinal manipulation|manipulation|adjust(?:ed|ment)s?|mobili[sz]ation)\b|"
    r"\b(?:EMS|e-?stim|IFC|TENS|ultrasound|US|moist heat|hot packs?|cold packs?|ice|traction|"
    r"massage|soft tissue|myofascial release|ther(?:apeutic)? ?ex(?:ercise)?)\b[^.;]{0,40}?"
    r"\b\d+\s*(?:min(?:utes)?|units?)\b|"
    r"^HEP\b", re.IGNORECASE)


def rendered_in_plan(sentence: Sentence) -> bool:
    """A therapy visit's plan line naming a treatment given that day."""
    return bool(_PLAN.match(label_core(sentence.label or sentence.section))
                and RENDERED.search(sentence.text))
