"""Whether the effects of an injury continue, described in words: the question a
reasonably-required standard asks before any treatment guideline does (care that cures or
relieves the effects naturally resulting from the injury, or promotes recovery: Tex. Lab. Code
§408.021, ``guideline_index/corpus/state-workers-comp-rules.yaml``).

"He continues to have pain", "treating her for ongoing pain", "the pain persisted", "post-operative
therapy to help her recovery" say the effects continue; "the injury appears to have been a
localized, temporary injury" or "the strain has resolved" say they ended."""

from __future__ import annotations

import re

from drafting.case import Fact

_NEGATION = re.compile(r"\b(?:no|not|never|without|denies|denied|yet to)\b", re.I)
CONTINUING = re.compile(
    r"\bcontinu(?:es|ed|ing) to (?:have|complain of|report|suffer|experience|describe)\b|"
    r"\b(?:continuing|ongoing|persistent|persisting|constant|chronic|residual)\s+(?:\w+\s+){0,3}?"
    r"(?:pain|symptoms|complaints)\b|\b(?:pain|symptoms|complaints)\s+(?:\w+\s+){0,2}?"
    r"(?:persist(?:s|ed)?|continu(?:es|ed)|remain(?:s|ed)?)\b|\bremain(?:s|ed)? symptomatic\b|"
    r"\b(?:still|has|had|reports|reported|complains of|complained of|describes|described)\s+"
    r"(?:\w+\s+){0,4}?pain\b", re.I)
# A condition said not to have improved has continued (its denial is its meaning).
NOT_IMPROVED = re.compile(r"\b(?:condition|pain|symptoms)\b[^.;]{0,30}?\b(?:did not|has not|"
                          r"had not|failed to) improve", re.I)
RECOVERY = re.compile(
    r"\bpost-?operative (?:physical )?(?:therapy|rehabilitation|care)\b|\b(?:help|promote|aid)"
    r"(?:s|ed|ing)? (?:his |her |their |the )?recovery\b|\brehabilitation after (?:the |his |"
    r"her )?surgery\b", re.I)
# The injury said to have ended: temporary, transient, self-limited, resolved or healed; not
# "temporary relief" or "temporary total disability".
RESOLVED = re.compile(
    r"\binjur(?:y|ies)\b[^.;]{0,40}?\b(?:temporary|transient|self-limit(?:ed|ing)|resolved|"
    r"healed)\b(?!\s+(?:total|partial|income|disability|relief|benefits?))|\b(?:temporary|"
    r"transient|self-limited)\s+(?:\w+\s+)?injur(?:y|ies)\b|\b(?:strain|sprain|injury|"
    r"condition|symptoms|pain)\s+(?:has |had |have )?(?:fully |completely )?(?:resolved|"
    r"healed)\b", re.I)


def _said(pattern: re.Pattern[str], statement: str) -> bool:
    """A match not denied inside its own words ('had no pain', 'has not resolved')."""
    return any(not _NEGATION.search(m.group(0)) for m in pattern.finditer(statement))


def ended(fact: Fact) -> bool | None:
    """True when the statement says the injury was temporary or has resolved, else None."""
    return True if _said(RESOLVED, fact.statement) else None


def continuing(fact: Fact) -> bool | None:
    """True for effects of the injury said to continue (or recovery from its surgery under
    way), False when the injury is said to have ended, None when the words say neither."""
    if ended(fact):
        return False
    if _said(CONTINUING, fact.statement) or _said(RECOVERY, fact.statement) \
            or NOT_IMPROVED.search(fact.statement):
        return True
    return None
