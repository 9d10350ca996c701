"""What a cited sentence names that is not a claim about the case, so the entities check does
not look for it in the cited facts: a requirement named by what it requires ("the nicotine
requirement", "the imaging requirement") is the guideline's, not the patient's smoking or a
study of the patient; and what a sentence sets against what it says ("a diagnostic block, not an
ablation") is denied, not claimed."""

from __future__ import annotations

import re

_REQUIREMENT = re.compile(r"\b[A-Za-z][\w-]*\s+(?=requirements?\b)", re.IGNORECASE)


def without_requirements(text: str) -> str:
    """The text with the word naming each requirement blanked ("the requirement")."""
    return _REQUIREMENT.sub(" ", text) if "requirement" in text.lower() else text


# ", not <what is denied>" up to the next comma or clause end: "a diagnostic block, not a
# therapeutic injection or an ablation, so ..." (not "not only", "not yet", a verb's "not")
_CONTRAST = re.compile(r",\s+not\s+(?!only\b|just\b|yet\b|merely\b|because\b)"
                       r"(?:a|an|the|any|for|as|whether)\b[^,;:.]*", re.IGNORECASE)


def without_contrasts(text: str) -> str:
    """The text less what it sets against what it says (", not an ablation", ", not whether
    her shoulder pain was genuine"): denied, not claimed."""
    return _CONTRAST.sub(" ", text) if ", not " in text.lower() else text
