"""Facts a note or letter states in passing, beside its main finding or instead of a report:
conservative care told beside a medication or a response, a procedure named with its
response or told in a narrative with its date, a study (MRI, EMG) summarised, and what a
sentence tells beside its main fact (a pain score beside function, an index beside a relief,
an injury beside a drug, the drugs tried beside care). Procedures and studies told in passing
are secondhand: assembly drops them when the packet holds the report itself."""

from __future__ import annotations

import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.intake.extract.activity import activity_told
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import (
    CONSERVATIVE_TAGS,
    FUNCTION_TAGS,
    HISTORY_TAGS,
    LETTERS,
    Document,
    Found,
    bare_year,
    group_of,
    make_fact,
    stated_date,
    told_from,
)
from drafting.intake.extract.medications import Medication, medications_in
from drafting.intake.extract.narrative import history_told, improvement_told, procedure_told
from drafting.intake.extract.negation import negated
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import durations
from drafting.intake.extract.vocabulary import procedure_in

IMAGING_MENTION = re.compile(r"\b(?:MRI|CT (?:scan|of)|x-?rays?|radiographs?|EMG|NCS|nerve "
                              r"conduction|imaging)\b", re.IGNORECASE)
PROCEDURE_WORDS = re.compile(r"\b(?:injection|block|ablation|procedure|relief period|period of "
                              r"relief|stimulator|trial|implant)\b", re.IGNORECASE)



def care_beside(found: Found, sentence: Sentence, doc: Document) -> Found | None:
    """Conservative care a sentence tells beside a medication or a response ("takes naproxen
    500 mg twice daily and had 6 visits of physical therapy in 2022", "completed 10 sessions of
    physical therapy with about 20% improvement"): a fact of its own, dated by the sentence."""
    if found.category not in (C.medication, C.response):
        return None
    if procedure_in(sentence.text) or PROCEDURE_WORDS.search(sentence.text):
        return None
    care = [t for t in tags_in(sentence.text) if t in CONSERVATIVE_TAGS]
    if not care:
        return None
    lasting = durations(sentence.text)
    return make_fact(C.conservative_care, sentence, doc, care,
                 duration=lasting[0] if lasting else None)


_NAMED_BY_DATE = re.compile(r"\b(?:block|injection)\s*#\s*\d\b|\b(?:first|second|third|1st|2nd|"
                            r"3rd)\s+(?:block|injection)\s+(?:on|was on|of|date)\b|"
                            # a block, injection or trial named with the day it was done
                            # ("Diagnostic genicular nerve block on 10/27/2026 ... gave 80%
                            # relief", "SCS trial 10/19/2026-10/26/2026: 70% reduction")
                            r"\b(?:block|injection|trial)\s+(?:on\s+|of\s+|dated\s+|\(\s*)?"
                            r"\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})\b",
                            re.IGNORECASE)


def procedure_named(response: Found, sentence: Sentence, doc: Document) -> Found | None:
    """A response that names its procedure and when it was done ("s/p R L5-S1 TFESI 1/14/22
    w/ 70% relief", "RFA on 03/17/2021 with 50-60% relief") records the procedure too."""
    if response.category is not C.response:
        return None
    # (a block or an injection the sentence names by its number and date: "Block #1 date
    # 09/15/2025 ... relief 85%", "After the second injection on 04/21/2025, relief ...")
    if (response.procedure is None or procedure_in(sentence.text) is None) and \
            not _NAMED_BY_DATE.search(sentence.text):
        return None
    when = stated_date(told_from(response.procedure, sentence.text), doc) or stated_date(
        sentence.text, doc)
    if when is None:
        return None
    return replace(make_fact(C.procedure, sentence, doc, [], procedure=response.procedure),
                   date=when[0], date_precision=when[1], percent_relief=None, duration=None,
                   measures=[], named_in_passing=True)


def study_summary(sentence: Sentence, doc: Document) -> Found | None:
    """An imaging or electrodiagnostic study a note or letter summarises ("MRI 10/18/21: R
    L5-S1 disc protrusion abutting the L5 root"): secondhand, dated by the sentence; assembly
    keeps it only when the packet holds no report of that kind (the report is the fact)."""
    mention = IMAGING_MENTION.search(sentence.text)
    reported = sentence.text[mention.start():] if mention else ""  # not "..., per the MRI"
    for group, category in (("imaging", C.imaging), ("electrodiagnostic", C.electrodiagnostic)):
        tags = [t for t in tags_in(reported, {group}) if group_of(t) == group]
        if tags:
            found = make_fact(category, sentence, doc, tags)
            # (the study's date may sit in the label its findings follow: "MRI lumbar spine
            # 2/11/25 (report attached): L5-S1 ...")
            when = stated_date(sentence.text, doc) or stated_date(sentence.lead, doc)
            if when:
                found.date, found.date_precision = when
            found.named_in_passing = True
            return found
    return None


_YEAR_AFTER = 40  # how far after a procedure's name its year alone may be written
# (an ablation of the heart, "AFib s/p ablation 2022", is no procedure for pain)
_OTHER_ORGAN = re.compile(r"\b(?:a-?fib|atrial|cardiac|SVT|flutter|endometrial|thyroid)\b",
                          re.IGNORECASE)


def past_procedure(sentence: Sentence, doc: Document) -> list[Found]:
    """A procedure a narrative says was done on a date of its own, and the improvement it
    attributes to it ("an epidural steroid injection in August 2017 which improved her
    symptoms"): both secondhand, dated by the sentence."""
    told = procedure_told(sentence.text)
    if told is None:
        return []
    family, named = told
    when = stated_date(sentence.text[named:], doc) or stated_date(sentence.text, doc) or (
        # or the year written just after it, alone: "Had one L4-5 ESI 2023", "TFESI x2 (2023,
        # 2024)", "hyaluronic acid series (2025)": done in that year (the first one written)
        bare_year(sentence.text[named:named + _YEAR_AFTER], doc.date)
        if not _OTHER_ORGAN.search(sentence.text[max(0, named - _YEAR_AFTER):named]) else None)
    if when is None:
        return []
    dated = {"date": when[0], "date_precision": when[1], "named_in_passing": True,
             "percent_relief": None, "duration": None, "measures": []}
    out = [replace(make_fact(C.procedure, sentence, doc, [], procedure=family), **dated)]
    improved = improvement_told(sentence.text)
    if improved >= 0:
        lasting = durations(sentence.text[improved:])
        out.append(replace(make_fact(C.response, sentence, doc, [], procedure=family),
                           **{**dated, "duration": lasting[0] if lasting else None}))
    return out


def _named_at(medication: Medication, text: str) -> int:
    match = medication.drug.pattern.search(text)
    return match.start() if match else 0


def told_beside(found: Found, sentence: Sentence, doc: Document, exam_section: bool
                ) -> list[Found]:
    """What a sentence tells beside its main fact, as facts of their own: a pain score beside
    a functional finding or a medication ("average pain 7/10 and Oswestry 44%",
    "Baseline: leg pain 8/10, ODI 52%, oxycodone 5 mg 4 tablets/day") is history; a disability
    index beside a medication or a response is function; a history finding beside an exam
    finding outside the examination ("axial pain for 2 years, facet loading positive") is
    history; so is a letter's symptom beside an exam finding, and an injury told beside any
    other fact; drugs named without a dose beside care are the medications tried."""
    out = []
    pain = [m for m in found.measures if m.name in ("NRS", "VAS")]
    if pain and found.category in (C.functional, C.medication):
        out.append(replace(found, category=C.history, measures=pain, percent_relief=None,
                           duration=None, dose=None, mme=None, procedure=None,
                           tags=[t for t in found.tags if t in HISTORY_TAGS]))
    index = [m for m in found.measures if m.name in ("ODI", "NDI")]
    # (a response that is the index's change, "ODI improved from 46% to 24%", is one fact)
    if index and (found.category is C.medication or (
            found.category is C.response and found.percent_relief is not None)):
        out.append(replace(found, category=C.functional, measures=index, percent_relief=None,
                           duration=None, dose=None, mme=None, procedure=None,
                           tags=[t for t in found.tags if t in FUNCTION_TAGS]))
    history = [t for t in found.tags if t in HISTORY_TAGS]
    if history and found.category is C.exam and not exam_section:
        out.append(replace(found, category=C.history, tags=history))
    text = sentence.text
    if found.category is C.exam and history_told(text, False, doc.type in LETTERS):
        out.append(replace(found, category=C.history, tags=[]))  # "numbness in the left foot"
    elif found.category not in (C.history, C.exam) and history_told(
            text, stated_date(text, doc) is not None, False):
        out.append(make_fact(C.history, sentence, doc, []))  # "after the injury in 10/2018"
    if found.category is C.medication and found.dose is None and activity_told(text):
        # "Back at work full time since 03/2026, still has to take Tylenol in the afternoon"
        out.append(make_fact(C.functional, sentence, doc,
                             [t for t in tags_in(text) if t in FUNCTION_TAGS]))
    drugs = [m for m in medications_in(text) if m.amount is None
             and not negated(text, _named_at(m, text))]
    if found.category is C.conservative_care and drugs:  # "HEP, chiropractic, Lyrica"
        out.append(make_fact(C.medication, sentence, doc,
                             list(dict.fromkeys(t for m in drugs for t in m.drug.tags))))
    return out


def without_restated(found: list[Found]) -> list[Found]:
    """One record's procedures once each: an assessment or a summary that tells again a
    procedure the record already gave ("Recurrence after good response to TFESI 6/2/23", after
    "s/p R L4-5 TFESI 6/2/23 - 60-70% relief") restates it, and is no second procedure."""
    seen: dict[tuple[object, ...], set[object]] = {}
    out = []
    for fact in found:
        if fact.category is C.procedure and fact.procedure is not None:
            key = (fact.procedure, fact.date, fact.date_precision)
            sides = seen.setdefault(key, set())
            if sides and (fact.laterality is None or fact.laterality in sides):
                continue  # (one without a side restates the one with it)
            sides.add(fact.laterality)
        out.append(fact)
    return out
