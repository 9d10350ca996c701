"""Relief from a treatment the patient keeps receiving (a medication, therapy, chiropractic
care), described in words.

Records of a continuing treatment rarely give a percentage: the treating physician or the
patient says the drug "helps her manage the pain", that he "finds it effective", that it "makes
the pain tolerable", or that the care "helped keep everything in line"; or, against it, that it
is "not helping" or "no longer effective". These are evidence of lower strength (qualitative),
not silence (issue #25 class 4). CDC 2016 rec. 7 and CDC 2022 rec. 5 and 7 weigh a continuing
opioid regimen on whether it still gives benefit; the MTUS continues care that improves.
"""

from __future__ import annotations

import re

from drafting.case import Fact

# The treatment is said not to help: "do not appear to be helping him control his pain", "was not
# working", "no longer effective", "ineffective". Checked before the good readings.
NOT_HELPING = re.compile(
    r"\b(?:not|never|no longer)\s+(?:\w+\s+){0,3}?(?:help|helps|helped|helping|effective|"
    r"controlling|working|helpful)\b|\bineffective\b|\bfailed to (?:help|control|relieve)\b", re.I)
# The treatment is said to help: "finds Tramacet effective", "the medication makes the pain
# tolerable", "helps her manage the pain", "keeps his pain under control".
HELPING = re.compile(
    r"\b(?:finds?|found|is|are|was|were|has been|have been|remains?)\b[^.;]{0,120}?\b(?:effective|"
    r"helpful)\b|\b(?:makes?|made|keeps?|kept|renders?)\b[^.;]{0,40}?\b(?:tolerable|bearable|"
    r"manageable|under control)\b|\bhelps?\b[^.;]{0,25}?\b(?:manage|control|cope with|relieve|"
    r"reduce|ease)\b[^.;]{0,25}?\bpain\b|\bpain\b[^.;]{0,20}?\b(?:is|was|remains|stays)\s+(?:well\s+"
    r"|adequately\s+|reasonably\s+)?(?:controlled|manageable|tolerable)\s+(?:on|with)\b|"
    # the care itself said to help ("because it helped", "the treatment has helped")
    r"\b(?:it|they|this|the (?:\w+ )?(?:treatment|care|therapy|medication|medications))\s+"
    r"(?:has\s+|have\s+)?(?:helped|helps)\b|\bhelps\b(?:\s+\w+){0,3}?\s+(?:pain|symptoms)\b",
    re.I)


def medication_relief(statement: str) -> bool | None:
    """True for a treatment said to help in words, False for one said not to, None otherwise."""
    if NOT_HELPING.search(statement):
        return False
    return True if HELPING.search(statement) else None


def reads_relief(fact: Fact, response: bool | None) -> bool | None:
    """The relief a fact reports from a continuing treatment: the general response reading
    (``response``, from drafting/criteria/prose.py) where it says something, else the
    medication's own words."""
    words = medication_relief(fact.statement)
    if words is False or response is False:
        return False
    return True if (words or response) else None
