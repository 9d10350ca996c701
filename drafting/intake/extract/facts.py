"""Facts from one classified document: each sentence that states a finding of the tag vocabulary
or a structured value becomes a fact, with its category, date, side, levels and values.

Which sentences count, and as what, depends on the kind of record:
- imaging and electrodiagnostic reports: the impression (else the findings), nothing else;
- procedure reports: the ``Procedure:`` line, then responses (relief, function after the block);
- pharmacy records: fills grouped into courses (drug, strength and directions);
- denial and UR letters: the sentences that give the reason;
- psychological evaluations: scores and conclusions;
- everything else: relief, medications with a dose, conservative care, monitoring, function,
  examination and history, in that order of precedence.
Plans, techniques, appeal rights and signature blocks are not facts, and neither are findings
stated as absent ("no stenosis", "denies numbness").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from drafting.case import Dose, Duration, Measure
from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import Laterality, ProcedureFamily, RecordType
from drafting.deid.dates import find_partial_date
from drafting.intake.extract.anatomy import laterality, levels
from drafting.intake.extract.decisions import SERVICE_LABELS
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.letters import is_review_step, letter_parts
from drafting.intake.extract.medications import medications_in, pharmacy_courses
from drafting.intake.extract.narrative import improvement_told, procedure_told
from drafting.intake.extract.sections import (
    NOT_ABOUT_THE_PATIENT,
    PROCEDURE_LABELS,
    PSYCH_DIAGNOSES,
    label_core,
    label_date,
    psych_conclusion,
    readable,
)
from drafting.intake.extract.text import Line, Sentence, sentences
from drafting.intake.extract.values import (
    date_range,
    dates_in,
    durations,
    measures,
    percent_relief,
    relief_duration,
)
from drafting.intake.extract.vocabulary import procedure_in

EXAM_SECTIONS = re.compile(r"exam", re.IGNORECASE)
_IMAGING_MENTION = re.compile(r"\b(?:MRI|CT (?:scan|of)|x-?rays?|radiographs?|EMG|NCS|nerve "
                              r"conduction|imaging)\b", re.IGNORECASE)
_PROCEDURE_WORDS = re.compile(r"\b(?:injection|block|ablation|procedure|relief period|period of "
                              r"relief|stimulator|trial|implant)\b", re.IGNORECASE)

RESPONSE_TAGS = {"functional_improvement", "medication_reduction", "adl_improved",
                 "return_to_work", "no_relief", "successful_trial"}
CONSERVATIVE_TAGS = {"physical_therapy", "home_exercise", "chiropractic", "acupuncture",
                     "functional_restoration", "conservative_care_failed"}
MONITORING_TAGS = {"urine_drug_test", "pdmp_check", "opioid_agreement", "treatment_goals",
                   "aberrant_behavior", "four_as_documented"}
FUNCTION_TAGS = {"adl_limitation", "activity_modification", "return_to_work", "adl_improved",
                 "functional_improvement"}
EXAM_TAGS = {"positive_slr", "positive_spurling", "dermatomal_sensory_deficit", "motor_weakness",
             "reflex_change", "facet_loading_pain", "paraspinal_tenderness", "normal_neuro_exam",
             "allodynia", "tinel_sign", "crps_signs", "myofascial_pain"}
PSYCH_TAGS = {"psych_evaluation", "cleared_for_implant", "untreated_psych_condition",
              "substance_use_disorder"}
HISTORY_TAGS = {"radicular_pain", "axial_pain", "neuropathic_pain", "neurogenic_claudication",
                "smoker", "smoking_cessation", "surgery", "red_flag_excluded", "crps_signs"}
RESPONSE_CATEGORY_TAGS = RESPONSE_TAGS | {"odi"}
PSYCH_SCALES = {"PHQ-9", "GAD-7", "ORT", "BDI", "PCS"}
LETTERS = (RecordType.ur_denial, RecordType.review_decision)
# Records of a procedure done: the procedure line, then responses. Their indication is history.
PROCEDURE_RECORDS = (RecordType.procedure_report, RecordType.operative_report,
                     RecordType.device_trial_record)
INDICATION = re.compile(r"^(?:indications?|reason for (?:procedure|referral)|history)$",
                        re.IGNORECASE)
DATED_BY_TEXT = {C.history, C.medication, C.conservative_care, C.other}


@dataclass
class Found:
    """A fact before it has an id: everything a ``Fact`` holds, and where it was read."""

    category: C
    date: dt.date
    statement: str
    page: int
    date_precision: str = "day"  # "month" or "year" when the record gives no day
    named_in_passing: bool = False  # a procedure or study a note names, not its report
    end_date: dt.date | None = None
    procedure: ProcedureFamily | None = None
    laterality: Laterality | None = None
    levels: list[str] = field(default_factory=list)
    measures: list[Measure] = field(default_factory=list)
    percent_relief: float | None = None
    duration: Duration | None = None
    dose: Dose | None = None
    mme: float | None = None
    tags: list[str] = field(default_factory=list)


@dataclass
class Document:
    """A classified record: what ``document_facts`` reads."""

    type: RecordType
    date: dt.date
    pages: list[tuple[int, str]]
    lines: list[Line] = field(default_factory=list)


def document_facts(doc: Document) -> list[Found]:
    if doc.type is RecordType.pharmacy_record and (filled := _pharmacy(doc)):
        return filled  # a "pharmacy" record without fill lines is read as a note
    said = sentences(doc.lines)
    if doc.type in (RecordType.imaging_report, RecordType.electrodiagnostic_report):
        return _report(doc, said)
    if doc.type in (RecordType.ur_denial, RecordType.review_decision):
        return _letter(doc, said)
    if doc.type is RecordType.psych_evaluation:
        # its scores and conclusions, and the history it takes like any note
        history = [s for s in said if readable(s) and "history" in label_core(s.section)]
        return [f for s in said if (readable(s) or psych_conclusion(s))
                and (f := _psych(s, doc))] + _general(doc, history)
    return _general(doc, said)


def _stated_date(text: str, doc: Document) -> tuple[dt.date, str] | None:
    """The first date the sentence gives, up to the document's own (a day, else a month or
    a year without a day), with its precision."""
    days = [d.date for d in dates_in(text) if d.date <= doc.date]
    if days:
        return days[0], "day"
    partial = find_partial_date(text)
    return partial if partial and partial[0] <= doc.date else None


def _letter(doc: Document, said: list[Sentence]) -> list[Found]:
    """A letter deciding a request: its reasons and the steps of the request's history as
    utilization-review facts (each dated by its own sentence), and the patient facts of its
    case summary."""
    said = [s for s in said if not NOT_ABOUT_THE_PATIENT.search(s.text)]
    dated = {i for i, s in enumerate(said) if _stated_date(f"{s.lead} {s.text}", doc)}
    parts = letter_parts(said, dated)
    steps = [_fact(C.utilization_review, s, doc, tags=[]) for s in parts.steps]
    reasons = [_fact(C.utilization_review, s, doc, tags=[]) for s in parts.reasons
               if readable(s)]
    summary = [s for s in parts.summary if readable(s)]
    return steps + reasons + _carry_dates(_general(doc, summary), summary, doc)


def _carry_dates(found: list[Found], said: list[Sentence], doc: Document) -> list[Found]:
    """In a letter's summary, a sentence that states no date of its own ("Examination showed
    ...") happened on the date the paragraph last stated ("On 08/16/2021 she reported ...")."""
    stated: dict[int, dt.date] = {}
    dated_at: dict[tuple[int, str], dt.date] = {}
    for sentence in said:
        days = [d.date for d in dates_in(sentence.text) if d.date <= doc.date]
        if days:
            stated[sentence.paragraph] = days[0]
        elif sentence.paragraph in stated:
            dated_at[(sentence.page, _statement(sentence))] = stated[sentence.paragraph]
    for fact in found:
        carried = dated_at.get((fact.page, fact.statement))
        if carried and fact.date == doc.date and fact.date_precision == "day":
            fact.date = carried
    return found


def _statement(sentence: Sentence) -> str:
    """The sentence as written, with its field label when it opens a labelled value."""
    return f"{sentence.lead} {sentence.text}" if sentence.lead else sentence.text


def _fact(category: C, sentence: Sentence, doc: Document, tags: list[str],
          **values: object) -> Found:
    text = sentence.text
    found = Found(category=category, date=doc.date, statement=_statement(sentence),
                  page=sentence.page, laterality=laterality(text), levels=levels(text),
                  measures=measures(text), tags=tags)
    for key, value in values.items():
        setattr(found, key, value)
    # A letter's case summary reports events: each sentence's own date, else the letter's.
    if category in DATED_BY_TEXT or doc.type in LETTERS or category is C.utilization_review:
        span = date_range(text)
        if span:
            found.date, found.end_date = span
        else:
            stated = _stated_date(text, doc)
            if stated:
                found.date, found.date_precision = stated
    # "Baseline (01/30/2023): leg pain 8/10" was observed on the label's date.
    stated = label_date(sentence.label)
    if stated and found.date == doc.date and found.date_precision == "day":
        found.date, found.date_precision = stated
    names = {m.name for m in found.measures}
    found.tags = [t for t in found.tags if (t != "odi" or "ODI" in names)
                  and (t != "bmi" or "BMI" in names)]
    return found


def _report(doc: Document, said: list[Sentence]) -> list[Found]:
    group = "imaging" if doc.type is RecordType.imaging_report else "electrodiagnostic"
    category = C.imaging if group == "imaging" else C.electrodiagnostic
    for wanted in ("impression", "conclusion", "findings"):
        chosen = [s for s in said if wanted in s.section]
        if chosen:
            break
    else:
        chosen = said
    out = []
    for sentence in chosen:
        tags = tags_in(sentence.text, {group}) if sentence.label is None or readable(
            sentence) else []
        tags = [t for t in tags if _group_of(t) == group]
        if tags:
            out.append(_fact(category, sentence, doc, tags))
    return out


def _group_of(tag: str) -> str:
    from drafting.intake.extract.vocabulary import finding_patterns

    return next(p.group for p in finding_patterns() if p.tag == tag)


def _psych(sentence: Sentence, doc: Document) -> Found | None:
    scores = [m for m in measures(sentence.text) if m.name in PSYCH_SCALES]
    tags = [t for t in tags_in(sentence.text) if t in PSYCH_TAGS]
    diagnosis = bool(PSYCH_DIAGNOSES.match(label_core(sentence.label or sentence.section)))
    if not scores and not diagnosis and set(tags) <= {"psych_evaluation"}:
        return None  # naming the evaluation (its title) is not a finding
    return _fact(C.psych, sentence, doc, ["psych_evaluation", *[t for t in tags
                                                                if t != "psych_evaluation"]])


def _pharmacy(doc: Document) -> list[Found]:
    out = []
    for course in pharmacy_courses(doc.pages):
        med, fills = course.medication, course.fills
        out.append(Found(
            category=C.medication, date=fills[0][0], statement=course.statement,
            page=course.page, end_date=fills[-1][0] if fills[-1][0] != fills[0][0] else None,
            dose=med.dose, mme=med.mme, tags=list(med.drug.tags)))
    return out


_DOSED = re.compile(r"\d\s?(?:mg|mcg|g|mL)\b", re.IGNORECASE)


def _states_something(part: str) -> bool:
    return bool(_DOSED.search(part) or tags_in(part))


def _clauses(said: list[Sentence]) -> list[Sentence]:
    """A sentence listing things apart with semicolons ("Ibuprofen 600 mg TID; Tizanidine 4 mg
    qhs", "PT x 12 visits 9/2021-11/2021 - min relief; HEP daily") split into one sentence per
    part that states a dose or a finding, so each is dated and classed by its own words."""
    out = []
    for sentence in said:
        parts = [p.strip() for p in sentence.text.split(";")]
        if len(parts) > 1 and sum(_states_something(p) for p in parts) > 1:
            out += [replace(sentence, text=part, lead=sentence.lead if i == 0 else "")
                    for i, part in enumerate(parts) if part]
        else:
            out.append(sentence)
    return out


def _general(doc: Document, said: list[Sentence]) -> list[Found]:
    out: list[Found] = []
    context: ProcedureFamily | None = None
    procedure_done = False
    for sentence in _clauses(said):
        family = procedure_in(sentence.text)
        if sentence.label and SERVICE_LABELS.match(sentence.label) and family:
            context = family
        if not readable(sentence):
            continue
        if doc.type in PROCEDURE_RECORDS and not INDICATION.match(label_core(sentence.section)):
            if sentence.label and PROCEDURE_LABELS.match(label_core(sentence.label)) \
                    and not procedure_done:
                procedure_done = True
                context = family or context
                tags = [t for t in tags_in(sentence.text, {"procedure"})
                        if _group_of(t) == "procedure"]
                done = _fact(C.procedure, sentence, doc, tags, procedure=family)
                span = date_range(sentence.text)  # "Trial dates: 02/13/2023 to 02/20/2023"
                if span:
                    done.date, done.end_date = span
                out.append(done)
                continue
            found = _response(sentence, doc, family or context)
        else:
            found = _classified(sentence, doc, family or context)
            if found and (done := _procedure_named(found, sentence, doc)):
                out.append(done)
            elif found is None or found.category is not C.response:
                out += _past_procedure(sentence, doc)
            if found is None and is_review_step(sentence) and _stated_date(sentence.text, doc):
                found = _fact(C.utilization_review, sentence, doc, [])  # "submitted 03/01/2023"
        if family:
            context = family
        if found:
            out.append(found)
    return out


def _procedure_named(response: Found, sentence: Sentence, doc: Document) -> Found | None:
    """A response that names its procedure and when it was done ("s/p R L5-S1 TFESI 1/14/22
    w/ 70% relief", "RFA on 03/17/2021 with 50-60% relief") records the procedure too."""
    if response.category is not C.response or response.procedure is None:
        return None
    if procedure_in(sentence.text) is None:
        return None
    when = _stated_date(sentence.text, doc)
    if when is None:
        return None
    return replace(_fact(C.procedure, sentence, doc, [], procedure=response.procedure),
                   date=when[0], date_precision=when[1], percent_relief=None, duration=None,
                   measures=[], named_in_passing=True)


def _study_summary(sentence: Sentence, doc: Document) -> Found | None:
    """An imaging or electrodiagnostic study a note or letter summarises ("MRI 10/18/21: R
    L5-S1 disc protrusion abutting the L5 root"): secondhand, dated by the sentence; assembly
    keeps it only when the packet holds no report of that kind (the report is the fact)."""
    mention = _IMAGING_MENTION.search(sentence.text)
    reported = sentence.text[mention.start():] if mention else ""  # not "..., per the MRI"
    for group, category in (("imaging", C.imaging), ("electrodiagnostic", C.electrodiagnostic)):
        tags = [t for t in tags_in(reported, {group}) if _group_of(t) == group]
        if tags:
            found = _fact(category, sentence, doc, tags)
            when = _stated_date(sentence.text, doc)
            if when:
                found.date, found.date_precision = when
            found.named_in_passing = True
            return found
    return None


def _past_procedure(sentence: Sentence, doc: Document) -> list[Found]:
    """A procedure a narrative says was done on a date of its own, and the improvement it
    attributes to it ("an epidural steroid injection in August 2017 which improved her
    symptoms"): both secondhand, dated by the sentence."""
    told = procedure_told(sentence.text)
    if told is None:
        return []
    family, named = told
    when = _stated_date(sentence.text[named:], doc) or _stated_date(sentence.text, doc)
    if when is None:
        return []
    dated = {"date": when[0], "date_precision": when[1], "named_in_passing": True,
             "percent_relief": None, "duration": None, "measures": []}
    out = [replace(_fact(C.procedure, sentence, doc, [], procedure=family), **dated)]
    improved = improvement_told(sentence.text)
    if improved >= 0:
        lasting = durations(sentence.text[improved:])
        out.append(replace(_fact(C.response, sentence, doc, [], procedure=family),
                           **{**dated, "duration": lasting[0] if lasting else None}))
    return out


def _response(sentence: Sentence, doc: Document, family: ProcedureFamily | None,
              tags: list[str] | None = None) -> Found | None:
    text = sentence.text
    relief, end = percent_relief(text)
    tags = tags if tags is not None else tags_in(text)
    kept = [t for t in tags if t in RESPONSE_CATEGORY_TAGS]
    if relief is None and not set(kept) & RESPONSE_TAGS:
        return None
    return _fact(C.response, sentence, doc, kept, procedure=family, percent_relief=relief,
                 duration=relief_duration(text, end) if relief is not None else None)


def _classified(sentence: Sentence, doc: Document, family: ProcedureFamily | None
                ) -> Found | None:
    text = sentence.text
    if _IMAGING_MENTION.search(text):
        return _study_summary(sentence, doc)
    tags = tags_in(text)
    relief, _ = percent_relief(text)
    if relief is not None or (set(tags) & RESPONSE_TAGS and _PROCEDURE_WORDS.search(text)):
        return _response(sentence, doc, family, tags)
    meds = [m for m in medications_in(text) if m.amount is not None]
    if meds:
        med = meds[0]
        found_durations = durations(text)
        return _fact(C.medication, sentence, doc, list(dict.fromkeys([*med.drug.tags, *tags])),
                     dose=med.dose, mme=med.mme,
                     duration=found_durations[0] if found_durations else None)
    scores = {m.name for m in measures(text)}
    tag_set = set(tags)
    exam_section = bool(EXAM_SECTIONS.search(sentence.section))
    if tag_set & CONSERVATIVE_TAGS:
        category = C.conservative_care
    elif tag_set & MONITORING_TAGS:
        category = C.other
    elif scores & {"ODI", "NDI"} or tag_set & FUNCTION_TAGS:
        category = C.functional
    elif tag_set & EXAM_TAGS or "BMI" in scores:
        category = C.exam
    elif tag_set & PSYCH_TAGS or scores & PSYCH_SCALES:
        category = C.psych
    elif tag_set & HISTORY_TAGS or scores & {"NRS", "VAS"}:
        category = C.exam if exam_section and tag_set else C.history
    else:
        return None
    found_durations = durations(text) if category in (C.conservative_care, C.history) else []
    return _fact(category, sentence, doc, tags,
                 duration=found_durations[0] if found_durations else None)
