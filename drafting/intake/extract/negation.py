"""Is a finding negated in its clause ("no stenosis", "denies numbness", "without radiation"),
or right after it in chart shorthand ("Acupuncture - never tried", "HEP: not done", "Chiro -
declined by pt")?"""

from __future__ import annotations

import re

_CUE = re.compile(r"\b(?:no|not|non|without|deny|denies|denied|negative for|free of|never|none|"
                  r"absence of|rule out|ruled out)\b", re.IGNORECASE)
_BOUNDARY = re.compile(r"[;:]|,\s+(?:and|but)\b|\b(?:but|however|although|though|yet|which|"
                       r"except)\b", re.IGNORECASE)


# A sentence's end (a word of two letters or more, a full stop, a capital): "... not displacing
# the L5 roots. Mild facet arthropathy" negates nothing in the second sentence.
_SENTENCE_STOP = re.compile(r"\w\w\.\s+(?=[A-Z])")
# A negation written after the finding, before the clause ends.
_AFTER = re.compile(r"^[^.;,()]{0,12}?\b(?:never (?:tried|done|had)|not (?:tried|done)|none|"
                    r"declined|refused)\b",
                    re.IGNORECASE)


def negated(sentence: str, start: int, end: int | None = None) -> bool:
    """True when a negation cue stands between the start of the finding's clause and ``start``,
    or (given the finding's ``end``) closes the finding in shorthand."""
    if end is not None and _AFTER.match(sentence[end:]):
        return True
    before = sentence[:start]
    ends = [m.end() for m in _BOUNDARY.finditer(before)]
    ends += [m.end() for m in _SENTENCE_STOP.finditer(before)]
    clause = before[max(ends):] if ends else before
    return bool(_CUE.search(clause))
