"""A text as the entities check reads it (``words``), and what a cited sentence names that is
not a claim about the case, so the entities check does not look for it in the cited facts: a
requirement named by what it requires ("the nicotine requirement", "the imaging requirement") is
the guideline's, not the patient's smoking or a study of the patient; and what a sentence sets
against what it says ("a diagnostic block, not an ablation") is denied, not claimed."""

from __future__ import annotations

import re
from functools import lru_cache

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


# An indirect question up to its clause's end ("whether interlaminar or transforaminal"), in a
# sentence that says the record leaves it open ("Whether the claimant has had facet injections
# before is not stated"): what is unknown, not claimed. (Not "questioned whether Zanaflex was
# needed", which says what a party asked of a drug the record names.)
_QUESTION = re.compile(r"\bwhether\b[^,;:.]*", re.IGNORECASE)
_LEFT_OPEN = re.compile(r"\b(?:is|are|was|were|remains?) (?:not|never) (?:stated|recorded|"
                        r"documented|known|given|specified|said|clear|reported)\b|\bunclear\b|"
                        r"\bunknown\b|\bnot (?:say|state|specify|record|document)\b|"
                        r"\b(?:cannot|can[’']t|could not|couldn[’']t) "
                        r"(?:tell|say|know|determine)\b|"
                        # a question someone might put, or one the writer declines to answer
                        # ("one might ask whether the pain could be managed without surgery",
                        # "I won't guess whether surgery was ever offered")
                        r"\b(?:might|may|could) (?:\w+ )?(?:ask|wonder|question)\b|"
                        r"\b(?:won[’']t|will not|cannot|can[’']t) guess\b", re.IGNORECASE)


def without_questions(text: str) -> str:
    """The text less what it says is unknown ("whether ... is not stated")."""
    if "hether" not in text or not _LEFT_OPEN.search(text):
        return text
    return _QUESTION.sub(" ", text)


# The writer naming their own role ("this pharmacist cannot tell", "this nurse case manager
# reviewed", a heading "RN reviewer comment:", "the undersigned physician"): the voice of the
# opinion, not a provider the record must name. (Not "the nurse reviewer's findings", a third
# party's role, which the cited record must give; nor "I am the treating physiatrist": a
# treating physician's own role is a fact of the record.)
_VOICE = re.compile(
    r"\b(?:this|the undersigned)\s+(?:reviewing\s+|consulting\s+|examining\s+)?"
    r"(?:pharmacist|nurse case manager|nurse reviewer|nurse|RN|LPN|NCM|"
    r"physician|psychologist|examiner|reviewer|surgeon|physiatrist|neurologist|anesthesiologist|"
    r"anaesthesiologist|clinician|consultant|case manager)s?\b|"
    # a heading that names the writer's review ("RN reviewer comment:", "RN review worksheet:")
    r"^\s*(?:RN|LPN|nurse|pharmacist|pharmacy|physician|surgeon|psychologist)\s+"
    r"(?:review(?:er)?|case manager)\b(?=[^:;.]{0,40}:)|"
    # a heading naming the writing itself, its writer or its reader ("Pharmacy consult note
    # (clinical pharmacist, med-use review):", "In-service handout (pain clinic nursing
    # staff):", "Short version for the PCP:", "Nurses' takeaway:"): the frame, not the record
    r"^[^:;.]{0,60}?\b(?:note|handout|memo|consult|version|recommendation|comment|worksheet|"
    r"takeaway|entry|reply|letter)s?\b[^:;.]{0,50}:(?=\s)",
    re.IGNORECASE)


def without_voice(text: str) -> str:
    """The text less the writer's naming of their own role ("this pharmacist")."""
    return _VOICE.sub(" ; ", text)


def without_pending(text: str) -> str:
    """The text less its clauses about what the record will, would or does not yet hold, and
    less a leading "once ..." or "until ..." condition."""
    text = _CONDITION.sub(" ", text)
    if not _PENDING.search(text):
        return text
    return " ; ".join(c for c in _CLAUSE.split(text) if not _PENDING.search(c))


_PUNCT = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"', "\u00a0": " "})
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]\.){2,}")  # b.i.d., e.g., q.d.
_DOTTED_HINT = re.compile(r"\.[A-Za-z]\.")  # in every dotted abbreviation
_POSSESSIVE = re.compile(r"(?<=\w)'s\b")
# Idioms that hold a body region's word without naming the body ("a first-hand account", "on
# the other hand", "hands-on"): blanked before the text is read as words.
_IDIOM = re.compile(r"\b(?:first|second)[- ]?hand(?:ed)?\b|\bhands?-on\b|\bbeforehand\b|"
                    r"\boffhand\b|\bhand-?(?:written|delivered|picked)\b|"
                    r"\bon (?:the other|the one|one) hand\b|"
                    # "the decision was in hand", "the question at hand" (not "numbness in
                    # hand", a clinical note's region, nor "lifting by hand")
                    r"\bat hand\b|\b(?:is|was|are|were|be|been) in hand\b",
                    re.IGNORECASE)
_TOKEN = re.compile(r"[A-Za-z0-9]+|[#&]")
# Bytes other than a letter or a digit, as spaces: an ASCII text's tokens without # or &.
_NOT_TOKEN = bytes(b if chr(b).isascii() and chr(b).isalnum() else ord(" ") for b in range(256))


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """The text as words: straight quotes, dotted abbreviations closed up (b.i.d. -> bid),
    possessives dropped (Spurling's -> Spurling), and anything but letters, digits, # and &
    a separator (X-ray -> X ray, L4-5 -> L4 5, EMG/NCS -> EMG NCS)."""
    ascii_text = text.isascii()
    text = text.replace("`", "'") if ascii_text else text.translate(_PUNCT)
    if _DOTTED_HINT.search(text):
        text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
    if "'s" in text:
        text = _POSSESSIVE.sub("", text)
    if "hand" in text.lower():
        text = _IDIOM.sub(" ", text)
    if ascii_text and "#" not in text and "&" not in text:
        return tuple(text.encode().translate(_NOT_TOKEN).decode().split())
    return tuple(_TOKEN.findall(text))
