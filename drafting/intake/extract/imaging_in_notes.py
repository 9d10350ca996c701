"""A study a note or letter reads in a section of its own ("IMAGING (my review of the disc)",
"MRI REVIEW"), as surgeons write their own read of the images: each sentence of that section
that states an imaging finding criteria correlate (a herniation, root compression,
stenosis, a slip or instability) is an imaging fact, dated by the study's date the section states
("MRI lumbar spine from 11/2025: ... Recurrent right L4-L5 disc compressing the right L5
root"), else by the note. Secondhand when the packet holds the study's own report (assembly
then keeps the report's). A finding stated as absent is none (findings.py)."""

from __future__ import annotations

import datetime as dt
import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import RecordType
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import Document, Found, group_of, make_fact, stated_date
from drafting.intake.extract.sections import NOT_ABOUT_THE_PATIENT, SKIPPED_SECTIONS, label_core
from drafting.intake.extract.text import Sentence

IMAGING_SECTION = re.compile(r"^(?:imaging|radiology|diagnostic imaging|(?:mri|ct|x-?ray|"
                             r"radiograph)s?(?: review| findings)?|imaging (?:review|findings))\b",
                             re.IGNORECASE)
REPORTS = (RecordType.imaging_report, RecordType.electrodiagnostic_report)
# The findings a note's own read is taken for: those criteria correlate with the symptoms and
# the examination (drafting/case/tags.yaml); degeneration and post-operative change alone are
# left to the study's report.
CORRELATED = frozenset({"disc_herniation", "nerve_root_compression", "foraminal_stenosis",
                        "central_stenosis", "spondylolisthesis", "dynamic_instability"})


def imaging_sections(doc: Document, said: list[Sentence], found: list[Found]) -> list[Found]:
    """The imaging findings of a note's own imaging section that ``found`` does not hold."""
    if doc.type in REPORTS:
        return []  # (a study's own report is read by reports.py)
    have = {f.statement for f in found if f.category is C.imaging}
    out: list[Found] = []
    study: dict[str, tuple[dt.date, str]] = {}  # the date each section states for its study
    for sentence in said:
        where = label_core(sentence.label or sentence.section)
        if not IMAGING_SECTION.match(where) or SKIPPED_SECTIONS.search(sentence.section) or \
                NOT_ABOUT_THE_PATIENT.search(sentence.text):
            continue
        if (day := stated_date(sentence.text, doc) or stated_date(sentence.lead, doc)) and \
                where not in study:  # (or in its label: "MRI lumbar spine 2/11/25: ...")
            study[where] = day
        tags = [t for t in tags_in(sentence.text, {"imaging"}) if group_of(t) == "imaging"]
        if not set(tags) & CORRELATED:
            continue
        fact = make_fact(C.imaging, sentence, doc, tags)
        if fact.statement in have:
            continue
        if where in study:
            fact.date, fact.date_precision = study[where]
        fact.named_in_passing = True
        out.append(fact)
    return out
