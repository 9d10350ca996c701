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


# What a clause says the record will or would hold, or does not hold yet, is not a claim that
# a cited fact holds it ("the reviewer will want the radiologist's own report", "she has not yet
# seen a surgeon", "with the MRI report now being gathered", "once a cotinine test is added"):
# the modality cues of a pending or wished-for thing (as ConText's hypothetical ones), not a
# plain "will" or "would", which also states a plan the record holds ("the lead would be placed
# under fluoroscopy").
_PENDING = re.compile(
    r"\b(?:not yet|yet to|future|(?:will|would) (?:want|strengthen|help|benefit|be (?:needed|"
    r"useful|helpful))|(?:being|to be) (?:gathered|obtained|added|collected|requested|sought|"
    r"submitted|provided|sent))\b", re.IGNORECASE)
# A clause ends at a semicolon or colon, or at a comma before a conjunction that starts one.
_CLAUSE = re.compile(r"[;:]|,\s+(?=(?:and|but|so|yet|while|whereas|although)\b)",
                     re.IGNORECASE)
# A leading condition: "Once <it is added>, ...", "Until ..., ...".
_CONDITION = re.compile(r"^\s*(?:once|until)\b[^,;]*,", re.IGNORECASE)


def without_pending(text: str) -> str:
    """The text less its clauses about what the record will, would or does not yet hold, and
    less a leading "once ..." or "until ..." condition."""
    text = _CONDITION.sub(" ", text)
    if not _PENDING.search(text):
        return text
    return " ; ".join(c for c in _CLAUSE.split(text) if not _PENDING.search(c))
