"""Is a finding negated in its clause ("no stenosis", "denies numbness", "without radiation")?"""

from __future__ import annotations

import re

_CUE = re.compile(r"\b(?:no|not|non|without|denies|denied|negative for|free of|never|none|"
                  r"absence of|rule out|ruled out)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[;:]|,\s+(?:and|but)\b|\b(?:but|however|although|though|yet|which|"
                       r"except)\b", re.IGNORECASE)


def negated(sentence: str, start: int) -> bool:
    """True when a negation cue stands between the start of the finding's clause and ``start``."""
    before = sentence[:start]
    boundaries = list(_BOUNDARY.finditer(before))
    clause = before[boundaries[-1].end():] if boundaries else before
    return bool(_CUE.search(clause))
