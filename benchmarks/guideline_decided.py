"""Which labelled items a guideline decides (round 15): the reviewer's stated reason is a
guideline criterion, not a legal ground. Used by ``criteria_realistic.py --guideline-decided``.

Rule, from the label alone (never the engine's result):
- in: the label's ``reason_category`` names a criterion (anything but ``other``), or its reason
  or deciding terms name a guideline (MTUS, ODG, ACOEM, a state's medical treatment guideline or
  treatment parameters, an LCD or NCD, a plan's policy criteria): California IMR and UR letters,
  external reviews, Medicare and plan items, and tribunals applying an adopted guideline;
- out, whatever the above says: items whose deciding terms name a legal ground (burden of
  proof, credibility, causation or compensability, onus, a presumption, deference or
  substantial-evidence review, preponderance, unrebutted evidence, the insurance contract),
  which no guideline criterion can give.
"""

from __future__ import annotations

import re

GUIDELINE = re.compile(
    r"\b(?:MTUS|ODG|ACOEM|guidelines?|LCD|NCD|policy|criteria|criterion|Official Disability|"
    r"treatment parameters?|5221\.|clinical policy|InterQual)\b", re.I)
LEGAL_GROUND = re.compile(
    r"burden|credib|causation|causal|compensab|onus|presum|deference|abuse of discretion|"
    r"substantial evidence|preponderance|unrebutted|not rebutted|insurance contract|"
    r"declaratory|malinger", re.I)


def guideline_decided(entry: dict) -> bool:
    """Whether a label's reviewer decided the item on a guideline criterion (rule above)."""
    terms = " ".join(entry.get("deciding_terms") or [])
    if LEGAL_GROUND.search(terms):
        return False
    return (entry.get("reason_category") != "other"
            or bool(GUIDELINE.search(f"{entry.get('reason', '')} {terms}")))
