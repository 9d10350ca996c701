"""Past care told in a narrative rather than reported: "She was treated with physical therapy,
medications and an epidural steroid injection in August 2017 which improved her symptoms",
"A left L5-S1 interlaminar ESI was done on 09/20/2022". A procedure named with a date of its
own, and not as something asked for or planned, was done then; an improvement the sentence
attributes to it is its response. Such facts are secondhand (the note is not the procedure
report), and assembly drops them when the packet holds the report itself."""

from __future__ import annotations

import re

from drafting.case.vocab import ProcedureFamily
from drafting.intake.extract.negation import negated
from drafting.intake.extract.not_patient import NOT_DONE_YET
from drafting.intake.extract.vocabulary import history_patterns, procedure_in, procedures

DONE = re.compile(r"\b(?:performed|done|underwent|undergone|received|had|treated with|s/p|"
                  r"status post|completed|placed|administered|since|after)\b", re.IGNORECASE)
SURELY_DONE = re.compile(r"\b(?:s/p|status post|underwent|(?:was|were) (?:performed|done))\b",
                         re.IGNORECASE)
NOT_DONE = re.compile(r"\b(?:request(?:ed|s|ing)?|recommend\w*|plan(?:s|ned)?|schedul\w*|will|"
                      r"authori[sz]\w*|propos\w*|candidate|consider\w*|appeal\w*|denied|"
                      r"non-?certif\w*|criteria|guidelines?|policy|requires?)\b", re.IGNORECASE)
IMPROVED = re.compile(r"\b(?:which|that|and|it) (?:improved|helped|relieved|reduced)\b|"
                      r"\b(?:improved|helped|relieved) (?:her|his|their|the) (?:symptoms|pain)\b|"
                      r"\bwith (?:good|excellent|significant|marked) relief\b|"
                      # what it did, in words or with its duration ("helped for 'a week or
                      # so'", "helped 2 mos", "minimal relief", "no real change", "relief ~30%
                      # x 1 week", "each giving about two weeks of relief")
                      r"\bhelped\b[^.;]{0,25}?\b(?:\d+|a|one|two|three|four|six|few|couple)\s*"
                      r"(?:-\s*\d+\s*)?(?:days?|wks?|weeks?|mos?|months?)\b|"
                      r"\b(?:minimal|no|little|partial|no real|brief)\s+(?:relief|change|benefit|"
                      r"improvement)\b|\bdid (?:nothing|not help)\b|\bdidn'?t help\b|"
                      r"\brelief\s*(?:of\s*)?~?\s*\d{1,3}\s?%|\b\d{1,3}\s?%\s*relief\b|"
                      r"\bgiving (?:about |roughly |~)?[\w-]+ (?:days?|weeks?|months?) of relief\b",
                      re.IGNORECASE)


def procedure_told(text: str) -> tuple[ProcedureFamily, int] | None:
    """The procedure a sentence says was done (not asked for, planned or denied), and where
    it is named (its date is the first one written after it). "s/p", "underwent" and "was
    performed" say it was done whatever else the sentence tells ("s/p RFA 08/16/2022
    (authorized 07/12/2022)")."""
    family = procedure_in(text)
    if family is None:
        return None
    # (a procedure the sentence says helped, or did not, was done: "Right L4-5 TFESI
    # 08/27/2026: minimal relief", "Dr. Ames did a TFESI on 04/30/2026, which helped for a week")
    if not SURELY_DONE.search(text) and (NOT_DONE.search(text) or not (
            DONE.search(text) or IMPROVED.search(text))):
        return None
    named = next((m.start() for entry in procedures() if entry.family is family
                  for m in [entry.pattern.search(text)] if m), 0)
    return family, named


def improvement_told(text: str) -> int:
    """Where the sentence says the care improved the symptoms (-1 when it does not)."""
    match = IMPROVED.search(text)
    return match.end() if match else -1


def _stated(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(not negated(text, m.start(), m.end()) for p in patterns for m in p.finditer(text))


def history_told(text: str, dated: bool, summary: bool) -> bool:
    """A sentence telling the patient's history in plain words: an injury or onset event with
    a date of its own (``dated``: "injured on 04/14/2016 while lifting"), or, in a letter's
    summary (``summary``), where it may be the only record of it, a symptom at a body site
    ("pain across the low back that is worse with standing"); never when the cue is negated.
    A note's own symptoms count when they state a finding of the tag vocabulary."""
    found = history_patterns()
    return (dated and _stated(found.events, text)) or (summary and _stated(found.symptoms, text))


def injury_told(text: str) -> bool:
    """The injury or onset event told in plain words ("Injured lifting a bundle of shingles",
    "slipped on a wet floor and landed on his back"), not negated."""
    return _stated(history_patterns().events, text)


def not_done_yet(text: str) -> bool:
    """Asked for, planned or hoped for, unless the sentence says it was done ("s/p RFA
    08/16/2022 (authorized 07/12/2022, auth # PA-1)")."""
    return bool(NOT_DONE_YET.search(text)) and not SURELY_DONE.search(text)
