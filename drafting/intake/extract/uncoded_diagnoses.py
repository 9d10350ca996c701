"""Diagnoses a record states without their codes ("Dx: lumbar strain", an assessment's numbered
list "1. Lumbar radiculopathy, right L5 - worse"): kept as written, uncoded, for the reviewer
to code, never given a code the record does not hold. Read only where a record lists its
diagnoses (a diagnosis, assessment or impression field or heading, outside imaging and
electrodiagnostic reports, whose impression is a finding), only a short item that names a
condition (a head word of the diagnosis vocabulary below) and is not a step of the plan."""

from __future__ import annotations

import re

from drafting.case import Diagnosis
from drafting.case.vocab import RecordType
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.diagnoses import ICD_CODE
from drafting.intake.extract.found import Document
from drafting.intake.extract.sections import label_core
from drafting.intake.extract.text import sentences

# The labels and headings under which a record lists its diagnoses.
_DIAGNOSIS_FIELD = re.compile(
    r"^(?:a|a/p|assessment(?: and plan)?|(?:clinical |working )?impression|"
    r"(?:[\w-]+ )*diagnos[ie]s(?:\(es\))?|dx|ddx)$", re.IGNORECASE)
# Records whose impression is what a study showed, not what the patient has.
_STUDY_RECORDS = (RecordType.imaging_report, RecordType.electrodiagnostic_report)
# Head words of conditions, from the titles of the ICD-10-CM chapters a pain-management file
# draws on (musculoskeletal, nervous system including G89 pain, mental and behavioural,
# injury): an item names a condition when it holds one of them.
_CONDITION = re.compile(
    r"\b(?:pain|ache|algia|lumbago|sciatica|cervicalgia|radiculopathy|radiculitis|radicular|"
    r"stenosis|spondylosis|spondylolisthesis|spondylolysis|spondylitis|strain|sprain|"
    r"syndrome|disorder|degeneration|degenerative|ddd|djd|herniation|herniated|hnp|protrusion|"
    r"extrusion|displacement|bulge|fracture|arthropathy|arthritis|osteoarthritis|neuropathy|"
    r"myelopathy|neuralgia|neuritis|dysfunction|tear|crps|fibromyalgia|myalgia|myofascial|"
    r"headache|migraine|depression|depressive|anxiety|insomnia|dependence|contusion|"
    r"instability|scoliosis|kyphosis|pseudarthrosis|nonunion|failed back|post-?laminectomy|"
    r"s/p|status post|spasm|tendinitis|tendinopathy|bursitis|capsulitis|impingement|"
    r"epicondylitis|carpal tunnel|obesity|diabetes)\b", re.IGNORECASE)
# The plan's steps an assessment-and-plan list holds beside its diagnoses.
_PLAN_STEP = re.compile(
    r"^(?:continue|cont|start|begin|stop|discontinue|d/c|refer|referral|schedule|sched|"
    r"follow|f/u|fu|return|rtc|order|request|requested|recommend|plan|will|obtain|consider|"
    r"discussed|increase|decrease|taper|trial|proceed|check|repeat|pt to|patient to|"
    r"continue with|see|rx|prescribe|advised?|counsel(?:l?ed)?|ok to|may)\b", re.IGNORECASE)
# What a diagnosis item is not: a negation or a rule-out ("No acute fracture", "r/o alcohol use
# disorder"), a field of its own ("History: ...", "Ruled out: ..."), a drug and its dose, a
# sentence about care or scores ("Pain clinic wants to repeat ESI", "scores have fallen",
# "would consider repeat", "values may be falsely elevated"), "same".
_NOT_A_DIAGNOSIS = re.compile(
    r"^(?:no|not|without|negative|neg|denies|ruled? out|r/o|same|correlate|history|hx)\b|"
    r"^[\w /-]{1,30}:|\b\d+(?:\.\d+)?\s?(?:mg|mcg|ml)\b|"
    r"\b(?:wants?|would|could|should|may|might|will|consider(?:ed|ing)?|defer(?:red)?|"
    r"stopped|fallen|recommend(?:ed|s)?|refresh|revisit|discussed|scheduled|ordered|tried|"
    r"reports?|states?|continue|cont|to see|letter|largely resolved|"
    # a verb of a sentence: a diagnosis is a noun phrase
    r"is|are|was|were|has|have|had|requires?|required|needs?|needed|shows?|showed|remains?|"
    r"appears?|seems?|feels?|felt|did|does|limited)\b", re.IGNORECASE)
# Clinical notes: an impression there is what the clinician concludes; elsewhere (a study's
# report, a letter) it may be what a test showed.
_IMPRESSION_RECORDS = (RecordType.office_note, RecordType.consultation_note,
                       RecordType.psych_evaluation, RecordType.chiropractic_note,
                       RecordType.pt_note)
_LIST_MARK = re.compile(r"^\s*(?:#?\d{1,2}[.)]|[-*\u2022])\s*")
_COURSE = re.compile(r"\s+[-\u2013]\s+(?:\w+\s*){1,3}$")  # "- stable", "- worse since fall"
_MOST_WORDS = 14


def _items(text: str) -> list[str]:
    return [part for part in re.split(r";\s*", text) if part.strip()]


def uncoded_diagnoses(doc: Document) -> list[Diagnosis]:
    """The diagnoses ``doc`` lists without a code, each once, as written."""
    if doc.type in _STUDY_RECORDS:
        return []
    found: dict[str, Diagnosis] = {}
    for sentence in sentences(doc.lines):
        field = label_core(sentence.label or sentence.section or "")
        if not _DIAGNOSIS_FIELD.search(field) or not (sentence.listed or sentence.labelled):
            continue
        if "impression" in field.lower() and doc.type not in _IMPRESSION_RECORDS:
            continue
        if ICD_CODE.search(sentence.text):
            continue  # a coded diagnosis (diagnoses.py)
        for item in _items(sentence.text):
            words = _COURSE.sub("", _LIST_MARK.sub("", item)).strip().rstrip(".,")
            if (not _CONDITION.search(words) or _PLAN_STEP.search(words)
                    or _NOT_A_DIAGNOSIS.search(words)
                    or len(words.split()) > _MOST_WORDS or words.lower() in found):
                continue
            found[words.lower()] = Diagnosis(text=words, laterality=laterality(words),
                                             levels=levels(words))
    return list(found.values())
