"""Facts from a study's report (imaging, electrodiagnostic): what the study concluded (its
impression, interpretation or conclusion) and what its findings add (a level's findings line
whose findings the impression states at that level is the impression's, unless it measures and
places a herniation, a root's compression, a stenosis or a slip), each sentence that
states a finding of the study's vocabulary; and what the report tells of the patient before
the study, its history or indication and the examination, read as a note reads them (the
indication is history, never the study's finding). Technique, comparison, credentials and
signature lines are not findings."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.deid.dates import find_dates
from drafting.intake.extract.anatomy import levels
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, Found, group_of, make_fact
from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.text import Sentence

# What the study concluded, and what it found (a labelled line under these headings too:
# "Alignment: 5 mm slip").
SUMMARY_SECTIONS = re.compile(r"\b(?:impression|conclusions?|interpretation|summary|opinion)\b",
                              re.IGNORECASE)
FINDINGS_SECTIONS = re.compile(r"\bfindings\b", re.IGNORECASE)
# What the report tells of the patient before the study.
CLINICAL_SECTIONS = re.compile(r"\b(?:history|indications?|reason for (?:exam|study|referral)|"
                               r"complaint|exam(?:ination)?|physical|medications?)\b",
                               re.IGNORECASE)
_NOT_CLINICAL = re.compile(r"\b(?:technique|comparison|procedure|study|studies)\b",
                           re.IGNORECASE)
_EXAM = re.compile(r"\bexam", re.IGNORECASE)

General = Callable[[Document, list[Sentence]], list[Found]]


def _where(sentence: Sentence) -> str:
    return f"{sentence.heading} {sentence.section}" if sentence.label else sentence.section


def _under_findings(said: list[Sentence], summary: list[Sentence]) -> list[Sentence]:
    """The findings: every sentence from the findings heading to the conclusion, whatever
    sub-heading the report puts over a part of them ("FINDINGS: ... Disc levels: T6-T7: ...",
    "Paraspinal and other: ..."): a sub-heading orders the findings, it does not end them."""
    out: list[Sentence] = []
    for sentence in said:
        if sentence in summary:
            if out:
                break
            continue
        if out or FINDINGS_SECTIONS.search(_where(sentence)):
            if CLINICAL_SECTIONS.search(_where(sentence)) and not out:
                continue
            out.append(sentence)
    return out


# The reader's advice in an impression ("Recommend correlation with the prior MRI for ...
# stenosis", "Consider MRI if symptoms persist", "Clinical correlation advised"): no finding.
_ADVICE = re.compile(r"^(?:\d{1,2}[.)]\s*)?(?:recommend\w*|suggest\w*|consider\w*|"
                     r"(?:clinical )?correlation\b)", re.IGNORECASE)


def report_facts(doc: Document, said: list[Sentence], general: General) -> list[Found]:
    group = "imaging" if doc.type is RecordType.imaging_report else "electrodiagnostic"
    category = C.imaging if group == "imaging" else C.electrodiagnostic
    summary = [s for s in said if SUMMARY_SECTIONS.search(_where(s))]
    findings = _under_findings(said, summary)
    if not summary and not findings:
        summary = said
    added = [s for s in said if s not in summary and ADDENDUM.search(_where(s))]
    out: list[Found] = []
    for part in (summary, _level_lines(findings), added):
        read: list[Found] = []
        for sentence in part:
            if NOT_ABOUT_THE_PATIENT.search(sentence.text) or _ADVICE.match(sentence.text):
                continue
            tags = [t for t in tags_in(sentence.text, {group}) if group_of(t) == group]
            if tags and not (_restated(sentence, tags, out) and not set(tags) & _MEASURED):
                read.append(_on_its_day(make_fact(category, sentence, doc, tags), sentence, doc))
        out += read
    findings += added
    chosen = summary + findings
    clinical = [s for s in said if s not in chosen and CLINICAL_SECTIONS.search(_where(s))
                and not _NOT_CLINICAL.search(_where(s))]
    # read as a note's history or examination (a report's "clinical history" is the patient's)
    as_note = [replace(s, section="examination" if _EXAM.search(_where(s)) else "history",
                       label=None, heading="") for s in clinical]
    # (a pain score copied into the indication from the order is not an assessment)
    told = [f for f in general(doc, as_note)
            if not (f.category is C.history and not f.tags and f.measures)]
    return out + told


# An addendum to the report ("ADDENDUM 05/08/2026": a comparison received later, a corrected
# side) concludes like its impression, on the addendum's day.
ADDENDUM = re.compile(r"\baddend(?:um|a)\b", re.IGNORECASE)


def _on_its_day(fact: Found, sentence: Sentence, doc: Document) -> Found:
    """A finding an addendum states is of the addendum's day (its heading's date)."""
    where = _where(sentence)
    if not ADDENDUM.search(where):
        return fact
    day = next((d.date for d in find_dates(where[ADDENDUM.search(where).end():])
                if doc.date <= d.date), None)
    if day is not None:
        fact.date, fact.date_precision = day, "day"
    return fact


_LEVEL_LINE = re.compile(r"^[CTLS]\d{1,2}(?:\s*-\s*[CTLS]?\d{1,2})?(?:\s+through\s+[CTLS]\d{1,2}"
                         r"(?:\s*-\s*[CTLS]?\d{1,2})?)?\s*:")


def _level_lines(said: list[Sentence]) -> list[Sentence]:
    """A findings line for one level ("L4-5: Disc desiccation ... Mild facet arthropathy.") is
    one finding, all its sentences together."""
    out: list[Sentence] = []
    for sentence in said:
        previous = out[-1] if out else None
        if previous is not None and sentence.paragraph and \
                sentence.paragraph == previous.paragraph and _LEVEL_LINE.match(previous.text):
            out[-1] = replace(previous, text=f"{previous.text} {sentence.text}")
            continue
        out.append(sentence)
    return out


# The findings whose level's line the report measures and places ("L5-S1: Right paracentral
# disc extrusion measuring 7 x 5 mm ... compressing the right S1 nerve root"): a finding of
# its own beside the impression that names it, as the blind sets have it; degeneration restated
# is the impression's.
_MEASURED = frozenset({"disc_herniation", "nerve_root_compression", "foraminal_stenosis",
                       "central_stenosis", "spondylolisthesis"})


def _restated(sentence: Sentence, tags: list[str], concluded: list[Found]) -> bool:
    """A findings line whose findings the impression states at its levels (no finding of its
    own) is the impression's finding, not a second one: the impression is the report's word."""
    named = [_vertebrae(level) for level in levels(sentence.text)]
    at_level = [f for f in concluded if named and all(
        any(level & _vertebrae(said) for said in f.levels) for level in named)]
    return bool(at_level) and set(tags) <= {t for f in at_level for t in f.tags}


def _vertebrae(level: str) -> set[str]:
    """"L4-L5" -> {"L4", "L5"}; a single level ("S1") is within a segment naming it."""
    return set(level.split("-"))
