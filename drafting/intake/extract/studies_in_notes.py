"""An electrodiagnostic study a consultation reports in a section of its own ("ELECTRODIAGNOSTIC
STUDY (performed today): ... Right tibial H-reflex was prolonged ... fibrillation potentials in
the right medial gastrocnemius"), as neurologists and physiatrists write it after testing the
same day: each sentence of that section stating an abnormal result is an electrodiagnostic
fact, and so is each impression line that concludes on the study ("Right S1 radiculopathy ...
with ongoing denervation", "No electrodiagnostic evidence of a polyneuropathy"). A normal
muscle or nerve named alone ("Right tibialis anterior ... were normal"), a muscle not tested,
and a note that only mentions an outside study are not read here (passing.py reads those)."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, Found, group_of, make_fact
from drafting.intake.extract.negation import negated
from drafting.intake.extract.sections import (
    NOT_ABOUT_THE_PATIENT,
    SKIPPED_SECTIONS,
    label_core,
    readable,
)
from drafting.intake.extract.text import Sentence

_STUDY_SECTION = re.compile(r"\b(?:electrodiagnostic|EMG|NCS|NCV|nerve conduction|"
                            r"electromyograph\w*)\b", re.IGNORECASE)
_IMPRESSION = re.compile(r"\b(?:impression|assessment|conclusions?|interpretation)\b",
                         re.IGNORECASE)
# An abnormal result of the study, in its own words.
_ABNORMAL = re.compile(r"\b(?:fibrillation|positive sharp waves?|denervation|prolonged|"
                       r"reduced recruitment|conduction block|polyphasic|long-duration|"
                       r"(?:absent|low|reduced) (?:amplitudes?|responses?|H-?reflex)|"
                       r"slowing)\b", re.IGNORECASE)
# An impression line that concludes on the study itself.
_CONCLUDES = re.compile(r"\belectrodiagnostic (?:evidence|findings?)\b|\bdenervation\b|"
                        r"\b(?:EMG|NCS)\b", re.IGNORECASE)
REPORTS = (RecordType.electrodiagnostic_report, RecordType.imaging_report)


def _where(sentence: Sentence) -> str:
    return label_core(sentence.label or sentence.section)


def study_sections(doc: Document, said: list[Sentence]) -> list[Found]:
    """The electrodiagnostic results of a note that reports its own study in a section."""
    if doc.type in REPORTS:
        return []  # (a study's own report is read by reports.py)
    studied = [s for s in said if _STUDY_SECTION.search(_where(s))  # (its label is the study's)
               and not SKIPPED_SECTIONS.search(s.section)
               and not NOT_ABOUT_THE_PATIENT.search(s.text)]
    if not studied:
        return []
    out = []
    for sentence in studied:
        abnormal = _ABNORMAL.search(sentence.text)
        if abnormal and not negated(sentence.text, abnormal.start(), abnormal.end()):
            out.append(make_fact(C.electrodiagnostic, sentence, doc, _tags(sentence.text)))
    for sentence in said:
        if _IMPRESSION.search(_where(sentence)) and readable(sentence) and (
                _CONCLUDES.search(sentence.text) or _tags(sentence.text)):
            out.append(make_fact(C.electrodiagnostic, sentence, doc, _tags(sentence.text)))
    return out


def _tags(text: str) -> list[str]:
    return [t for t in tags_in(text, {"electrodiagnostic"}) if group_of(t) == "electrodiagnostic"]
