"""Facts from one classified document: each sentence that states a finding of the tag vocabulary
or a structured value becomes a fact, with its category, date, side, levels and values.

Which sentences count, and as what, depends on the kind of record:
- imaging and electrodiagnostic reports: the impression (else the findings), nothing else;
- procedure reports and device trial records: the ``Procedure:`` (or trial) line, then
  responses (relief, function after the block); their indication is read as history;
- pharmacy records: fills grouped into courses (drug, strength and directions);
- letters deciding a request (denials, independent reviews): each item's decision, the reasons,
  the request's history and the patient facts of the case summary (letter_facts.py);
- psychological evaluations: scores, diagnoses, conclusions and the history taken;
- everything else: relief, medications with a dose, conservative care, monitoring, function,
  examination and history, in that order of precedence, and what a sentence states in passing
  (passing.py: care beside a medication, a procedure with its date, a study's summary).
Plans, techniques, goals, appeal rights and signature blocks are not facts, and neither are
findings stated as absent ("no stenosis", "denies numbness", "acupuncture - never tried").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import ProcedureFamily, RecordType
from drafting.intake.extract.care_items import care_items
from drafting.intake.extract.clauses import clauses_of
from drafting.intake.extract.columns import column_dates, column_row
from drafting.intake.extract.decisions import SERVICE_LABELS
from drafting.intake.extract.diagnoses import ICD_CODE
from drafting.intake.extract.drug_lines import (
    analgesic_response,
    continued_drug,
    drugs_told_once,
    other_drugs,
)
from drafting.intake.extract.earlier_values import earlier_value, function_scored
from drafting.intake.extract.examination import graded_only, reflexes_only
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import (
    CONSERVATIVE_TAGS,
    PSYCH_SCALES,
    PSYCH_TAGS,
    Document,
    Found,
    group_of,
    make_fact,
    stated_date,
)
from drafting.intake.extract.function import ability, is_fce
from drafting.intake.extract.injury_dates import dated_by_entry, since_the_injury
from drafting.intake.extract.letter_facts import appeal_sentences, letter_facts
from drafting.intake.extract.letters import decided_in_plan, is_review_step
from drafting.intake.extract.medications import (
    pharmacy_courses,
)
from drafting.intake.extract.narrative import not_done_yet
from drafting.intake.extract.one_line import joined_on_one_line
from drafting.intake.extract.passing import (
    PROCEDURE_WORDS,
    care_beside,
    past_procedure,
    procedure_named,
    told_beside,
    without_restated,
)
from drafting.intake.extract.plan_orders import ordered_now
from drafting.intake.extract.procedure_series import each_injection
from drafting.intake.extract.procedure_table import procedure_table
from drafting.intake.extract.records_gap import records_missing
from drafting.intake.extract.rendered import rendered_in_plan
from drafting.intake.extract.reports import report_facts
from drafting.intake.extract.retold import told_in_the_record
from drafting.intake.extract.sections import (
    NOT_ABOUT_THE_PATIENT,
    PROCEDURE_LABELS,
    PSYCH_DIAGNOSES,
    SKIPPED_SECTIONS,
    as_narrative,
    label_core,
    names_diagnosis,
    psych_conclusion,
    readable,
    with_scale,
)
from drafting.intake.extract.sentence_facts import EXAM_SECTIONS, classified, response_fact
from drafting.intake.extract.text import Sentence, entry_dates, sentences
from drafting.intake.extract.therapy_course import THERAPY_GIVEN, THERAPY_RECORDS, therapy_course
from drafting.intake.extract.trials import INDICATION, as_of_trial_start
from drafting.intake.extract.values import (
    date_range,
    measures,
)
from drafting.intake.extract.visits import visit_counts
from drafting.intake.extract.vocabulary import procedure_in
from drafting.intake.extract.work_status import work_status_given

# An assessment's coded diagnoses are the case's diagnoses (diagnoses.py), not findings.
DIAGNOSIS_LIST = re.compile(r"^(?:a|assessment|impression|diagnos[ie]s|a/p|assessment and plan)$",
                             re.IGNORECASE)

# An assessment's listed problem ("2. Lumbar stenosis with claudication - stable", "4. Tobacco
# use.", "Assessment: chronic post-fusion pain; opioid use") is a diagnosis with its course, not a
# history, finding or function (a response, drug or care it states is still read, and so is an
# assessment paragraph's prose: "He continues to have right leg pain with prolonged sitting.").
_NOT_LISTED = (C.history, C.functional, C.exam)

# Records of a procedure done: the procedure line, then responses. Their indication is history,
# and so are the examination, prior care and medications they record (trials.py).
PROCEDURE_RECORDS = (RecordType.procedure_report, RecordType.operative_report,
                     RecordType.device_trial_record)


# Where a psychological evaluation or session note tells the history it takes.
PSYCH_HISTORY = re.compile(r"history|subjective|\bhpi\b|background|treatment|progress",
                           re.IGNORECASE)


def document_facts(doc: Document) -> list[Found]:
    found = _document_facts(doc) + visit_counts(doc)
    found += each_injection(found, doc)  # "#1 on 08/19 ...; #2 on 09/23 ...": each its own
    found = without_restated(found + told_in_the_record(doc, sentences(doc.lines), found))
    title = doc.title.casefold()  # the record's title line names it ("UDT REVIEW NOTE"): no fact
    return joined_on_one_line(drugs_told_once(_exclusions_folded(
        [f for f in found if " ".join(f.statement.split()).casefold() != title])), doc)


# Findings a sentence states only as absent ("Denies bowel or bladder changes", "No red flags").
EXCLUSION_TAGS = {"red_flag_excluded"}


def _exclusions_folded(found: list[Found]) -> list[Found]:
    """A sentence whose only finding is one denied ("Denies bowel or bladder changes.") states
    nothing the patient has: it qualifies the complaint told before it, which carries its tag
    (red flags excluded) instead of a fact of its own. Without such a complaint on its page and
    day, it is dropped too: a denial is never a fact."""
    out: list[Found] = []
    for fact in found:
        if fact.tags and set(fact.tags) <= EXCLUSION_TAGS and fact.category in (C.history, C.exam):
            host = next((f for f in reversed(out) if f.page == fact.page and f.date == fact.date
                         and f.category in (C.history, C.exam)), None)
            if host is not None:
                host.tags = list(dict.fromkeys([*host.tags, *fact.tags]))
            continue
        out.append(fact)
    return out


def _document_facts(doc: Document) -> list[Found]:
    if doc.type is RecordType.pharmacy_record and (filled := _pharmacy(doc)):
        return filled  # a "pharmacy" record without fill lines is read as a note
    tabled, rows = procedure_table(doc)  # a procedure log's rows, each read once, as a row
    said = [s for s in sentences(doc.lines) if not any(s.text in row for row in rows)]
    return tabled + _read(doc, said)


def _read(doc: Document, said: list[Sentence]) -> list[Found]:
    if is_fce(doc.title):  # "Repetitive squatting: occasional, 12 repetitions": a measured ability
        said = [replace(s, label=None) if s.label and ability(s) else s for s in said]
    if doc.type in (RecordType.imaging_report, RecordType.electrodiagnostic_report):
        return report_facts(doc, said, _general)
    if doc.type in (RecordType.ur_denial, RecordType.review_decision):
        return letter_facts(doc, said, _general)
    if doc.type is RecordType.appeal:
        said = appeal_sentences(said)
    if doc.type is RecordType.psych_evaluation:
        # its scores and conclusions, and the history it takes like any note (its history
        # fields, "PSYCHIATRIC HISTORY: One episode of ...", are narrative)
        said = [as_narrative(s, PSYCH_HISTORY) for s in said]
        # (a disability index among its tests, "Oswestry ...... 52%", is function, as anywhere)
        history = [s for s in said if readable(s) and (PSYCH_HISTORY.search(label_core(
            s.section)) or any(m.name in ("ODI", "NDI") for m in measures(s.text)))]
        return [f for s in map(with_scale, said) if (readable(s) or psych_conclusion(s))
                and (f := _psych(s, doc))] + _general(doc, history)
    if doc.type in THERAPY_RECORDS:
        course = [s for s in said if THERAPY_GIVEN.search(label_core(s.label or s.section))
                  or rendered_in_plan(s)]  # "P: Diversified CMT C5, C6 (2 regions)": given
        return therapy_course(doc, course) + _general(doc, [s for s in said
                                                             if s not in course])
    return _general(doc, said)


def _psych(sentence: Sentence, doc: Document) -> Found | None:
    scores = [m for m in measures(sentence.text) if m.name in PSYCH_SCALES]
    tags = [t for t in tags_in(sentence.text) if t in PSYCH_TAGS]
    diagnosis = bool(PSYCH_DIAGNOSES.match(label_core(sentence.label or sentence.section))
                     and names_diagnosis(sentence.text))
    if not scores and not diagnosis and set(tags) <= {"psych_evaluation"}:
        return None  # naming the evaluation (its title) is not a finding
    return make_fact(C.psych, sentence, doc, ["psych_evaluation", *[t for t in tags
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


def _general(doc: Document, said: list[Sentence]) -> list[Found]:
    out: list[Found] = []
    context: ProcedureFamily | None = None
    procedure_done = False
    clauses = clauses_of([with_scale(s) for s in said])
    entries = entry_dates(clauses)  # a log's entries, each dated ("06/20/2024 11:25 - URA ...")
    dated_columns, header = None, -1
    graded: tuple[Found, int, int] | None = None  # the last graded examination sentence's fact
    previous: Sentence | None = None
    for sentence, previous in zip(clauses, [None, *clauses], strict=False):
        if dated_columns and sentence.paragraph == header + 1 and not sentence.label and (
                row := column_row(sentence, doc, dated_columns)) is not None:
            header += 1
            if row:  # "NDI (%)  48  30  18" under "Initial 02/06/24 ... Discharge 04/26/24"
                out += row
                continue
        if not sentence.label and (dated_columns := column_dates(sentence, doc.date)):
            header = sentence.paragraph  # (read as any sentence too)
        family = procedure_in(sentence.text)
        if sentence.label and SERVICE_LABELS.match(sentence.label) and family:
            context = family
        # a drug any field but the plan continues with its dose is taken now ("MEDICAL (Dr.
        # Roe): Continues duloxetine 60 mg daily."); the plan's "Continue" restates the list
        ordered = ordered_now(sentence)  # "Start duloxetine 30 mg daily." in the plan
        if not readable(sentence) and not ordered and not (
                continued_drug(sentence.text) and not NOT_ABOUT_THE_PATIENT.search(sentence.text)
                and not SKIPPED_SECTIONS.search(f"{sentence.section} {sentence.heading}")):
            if decided_in_plan(sentence) and stated_date(sentence.text, doc):
                out.append(make_fact(C.utilization_review, sentence, doc, []))
            elif work_status_given(sentence):  # "Work note: off 3 days" in the plan
                out.append(make_fact(C.functional, sentence, doc, ["activity_modification"]))
            continue
        if DIAGNOSIS_LIST.search(label_core(sentence.label or sentence.section)) and \
                ICD_CODE.search(sentence.text):
            continue  # "3. Obesity, BMI 31 (E66.9)": a diagnosis of the list, read as such
        if records_missing(sentence.text):  # "op note not in chart": what the file lacks
            out.append(make_fact(C.other, sentence, doc, []))  # (beside what else it tells)
        if not_done_yet(sentence.text) and not _procedure_line(sentence, doc) and \
                not continued_drug(sentence.text) and not ordered:
            if is_review_step(sentence) and stated_date(sentence.text, doc):  # "requested on"
                out.append(make_fact(C.utilization_review, sentence, doc, []))
            continue  # asked for, planned or hoped for: not care, a drug or a finding
        if doc.type in PROCEDURE_RECORDS and not INDICATION.match(label_core(sentence.section)):
            if _procedure_line(sentence, doc) and not procedure_done:
                procedure_done = True
                context = family or context
                tags = [t for t in tags_in(sentence.text, {"procedure"})
                        if group_of(t) == "procedure"]
                done = make_fact(C.procedure, sentence, doc, tags, procedure=family)
                span = date_range(sentence.text)  # "Trial dates: 02/13/2023 to 02/20/2023"
                if span:
                    done.date, done.end_date = span
                out.append(done)
                continue
            # (a function score taken before the procedure, "NDI 42% pre-procedure.", is one)
            found = response_fact(sentence, doc, family or context) or function_scored(
                sentence, doc)
            # an earlier block told with its relief ("Block #1 (11/05/2026): 90% relief")
            if found and (done := procedure_named(found, sentence, doc)) and done.date < doc.date:
                out.append(done)
        else:
            # "10 sessions of physical therapy with 20% improvement" answers the therapy,
            # not the procedure an earlier sentence named
            cared = not family and not PROCEDURE_WORDS.search(sentence.text) and bool(
                set(tags_in(sentence.text)) & CONSERVATIVE_TAGS)
            found = classified(sentence, doc, None if cared else family or context)
            if found and found.category in _NOT_LISTED and (
                    sentence.listed or sentence.labelled) and DIAGNOSIS_LIST.search(
                    label_core(sentence.label or sentence.section)):
                found = None  # a problem of the assessment's list: a diagnosis, not a finding
            if found and found.category is C.response and doc.type in PROCEDURE_RECORDS and (
                    day := stated_date(sentence.text, doc)):
                found.date, found.date_precision = day  # a prior block's, in the indication
            if found and (care := care_beside(found, sentence, doc)):
                out.append(care)
            if found and (done := procedure_named(found, sentence, doc)):
                out.append(done)
            elif found is None or found.category is not C.response:
                out += past_procedure(sentence, doc)
        if analgesic_response(sentence.text) and (found is None or found.category not in (
                C.response, C.medication) or found.dose is None):
            # "Pain 5/10 on meds, 8/10 w/o.": what the drugs do, beside what the sentence tells
            out.append(make_fact(C.response, sentence, doc, []) if found is None else replace(
                found, category=C.response, tags=[], percent_relief=None, duration=None,
                dose=None, mme=None, procedure=None))
        if found and found.category is C.response and previous is not None and (
                when := _answered_on(sentence, previous, doc)):
            found.date, found.date_precision = when  # the block the sentence before dated
        if found:
            out += told_beside(found, sentence, doc,
                               exam_section=bool(EXAM_SECTIONS.search(sentence.section)))
            if earlier := earlier_value(found, sentence, doc):  # "(was 22% on 3/7/22)"
                out.append(earlier)
            out += other_drugs(found, sentence, doc)
            out += care_items(found, sentence, doc)  # "PT 2024 (18 visits), aquatic 2025"
            if found.category is C.conservative_care and found.date != doc.date and \
                    _HOME_NOW.search(sentence.text):
                # "completed 12 sessions of PT (last visit 4/2026) and continues a home
                # exercise program most days": the home program is the record's day's
                out.append(replace(found, date=doc.date, date_precision="day", end_date=None,
                                   tags=["home_exercise"], duration=None))
        if found is None and is_review_step(sentence) and (
                stated_date(sentence.text, doc) or sentence.paragraph in entries):
            found = make_fact(C.utilization_review, sentence, doc, [])  # "submitted 03/01/2023"
        if family:
            context = family
        if found and found.category is C.exam and graded_only(sentence):
            # strength, then sensation, then reflexes, one sentence each: one examination
            if graded and out and graded[0] is out[-1] and graded[1] == sentence.page and \
                    0 <= sentence.paragraph - graded[2] <= 1:
                graded[0].statement = f"{graded[0].statement} {found.statement}"
                graded[0].tags = list(dict.fromkeys([*graded[0].tags, *found.tags]))
                graded = (graded[0], sentence.page, sentence.paragraph)
                continue
            if reflexes_only(sentence) and not found.tags:
                continue  # normal reflexes alone: no finding of their own
            graded = (found, sentence.page, sentence.paragraph)
        if found:
            out.append(found)
    return since_the_injury(as_of_trial_start(dated_by_entry(out, clauses, doc), clauses, doc),
                             doc)


# A home program the patient keeps up now, told beside a past course.
_HOME_NOW = re.compile(r"\b(?:continues|continuing|keeps up|still does|is doing|does|doing)\s+"
                       r"(?:a |an |the |her |his |their )?(?:daily )?(?:home exercise|HEP|home "
                       r"(?:program|stretch\w*|exercises?)|exercises at home)", re.IGNORECASE)


def _answered_on(sentence: Sentence, previous: Sentence, doc: Document
                 ) -> tuple[dt.date, str] | None:
    """A relief told without a date, right after the sentence of its paragraph that dates the
    procedure ("... underwent a C5-C6 ESI on May 3rd. She reports 60% relief for 4 weeks.",
    "The first was in March of '25. It helped about half."): the procedure's date."""
    # (the sentence before: of its paragraph, or the line before in the same section, as a
    # summary written one sentence a line has it)
    if previous.page != sentence.page or not (
            previous.paragraph == sentence.paragraph or (
                previous.paragraph + 1 == sentence.paragraph
                and previous.section == sentence.section)) or \
            previous.label != sentence.label or stated_date(sentence.text, doc) or \
            _MEASURED_NOW.search(sentence.text):
        return None  # (relief measured at the visit, "70% better at 7 wks", is the visit's)
    if not (PROCEDURE_WORDS.search(previous.text) or procedure_in(previous.text) or
            _ORDINAL_ONE.search(previous.text)):
        return None
    when = stated_date(previous.text, doc)
    return when if when and when[0] < doc.date else None


_MEASURED_NOW = re.compile(r"\bat (?:\d{1,2}|one|two|three|four|six|eight)\s*(?:wks?|weeks?|mos?|"
                          r"months?|days?)\b|\b(?:today|currently|now|still|at this visit)\b",
                          re.IGNORECASE)
# One of a series told in order ("The first was in 12/2024.", "the second, on 04/09/2026").
_ORDINAL_ONE = re.compile(r"\b(?:the|a|her|his) (?:first|second|third|fourth|last|latest|"
                          r"most recent|repeat)\b(?! (?:visit|time|day|week|month|year))",
                          re.IGNORECASE)


def _procedure_line(sentence: Sentence, doc: Document) -> bool:
    """The ``Procedure:`` line of a procedure's own record, or an item under its heading
    ("PROCEDURE PERFORMED:" then "1. Radiofrequency ablation, ..."): its codes are the
    procedure's."""
    return doc.type in PROCEDURE_RECORDS and bool(PROCEDURE_LABELS.match(
        label_core(sentence.label or sentence.section)))  # (or the first item under it)

