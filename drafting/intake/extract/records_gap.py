"""A record the writer says is missing from what they hold ("those records are not available",
"op note not in chart", "Pages 2-3 missing.", "I don't have the operative report"): a fact of
its own (category other), whatever the sentence names, for a reviewer weighs what the file
lacks; not the procedure, study or care the missing record would tell."""

from __future__ import annotations

import re

_RECORD = (r"(?:records?|reports?|notes?|films?|summar(?:y|ies)|pages?|p\.\s?\d+(?: of \d+)?|"
           r"documentation|results?|chart notes?|evaluation)")
_NOT_HELD = (r"(?:not|NOT)\s+(?:yet\s+)?(?:available|received|sent|attached|included|provided|"
             r"in\s+(?:our|the|his|her|my|this)?\s*(?:chart|file|records?|packet))")
# the record named, then said not held ("those notes were not available to me", "discharge
# summary not included", "Pages 2-3 missing."), or not held, then the record named ("I don't
# have the operative report", "Not attached: PT notes", "I was not given flexion-extension films")
_GAP = re.compile(
    rf"\b{_RECORD}\b[^.;:]{{0,60}}?\b(?:(?:is|are|was|were|has|have been)\s+)?{_NOT_HELD}\b|"
    r"\b(?:records?|notes?|pages?|p\.\s?\d+(?: of \d+)?)\b[^.;:]{0,20}?\bmissing\b|\bno records\b|"
    rf"\b(?:don'?t|do not|does not|did not) have|\b(?:was|were) not (?:given|sent)\b|"
    rf"\bnever received\b|^not attached\b", re.IGNORECASE)
_AFTER = re.compile(rf"^[^.;]{{0,50}}?\b{_RECORD}\b", re.IGNORECASE)


def records_missing(text: str) -> bool:
    """The sentence says a record is not in the writer's hands."""
    for match in _GAP.finditer(text):
        phrase = match.group(0).lower()
        if phrase.startswith(("don", "do not", "does not", "did not", "was not", "were not",
                              "never", "not attached")):
            if _AFTER.search(text[match.end():]):  # the record named after the phrase
                return True
            continue
        return True
    return False
