"""What a cited sentence names that is not a claim about the case, so the entities check does
not look for it in the cited facts: a requirement named by what it requires ("the nicotine
requirement", "the imaging requirement") is the guideline's, not the patient's smoking or a
study of the patient."""

from __future__ import annotations

import re

_REQUIREMENT = re.compile(r"\b[A-Za-z][\w-]*\s+(?=requirements?\b)", re.IGNORECASE)


def without_requirements(text: str) -> str:
    """The text with the word naming each requirement blanked ("the requirement")."""
    return _REQUIREMENT.sub(" ", text) if "requirement" in text.lower() else text
