"""What one sentence of a general record states (``classified``): a study's summary, a
medico-legal status, a row of outcomes, a response to a procedure, a medication with its dose,
and else a category by the tags and measures it holds (conservative care, monitoring,
function, examination, psychological, history, the injury), or nothing."""

from __future__ import annotations

import re

from drafting.case.vocab import FactCategory as C
from drafting.case.vocab import ProcedureFamily, RecordType
from drafting.intake.extract.activity import activity_told
from drafting.intake.extract.drug_lines import (
    drug_date,
    medication_list,
    scored_after,
    taken_now,
)
from drafting.intake.extract.examination import exam_finding
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.found import (
    CONSERVATIVE_TAGS,
    EXAM_TAGS,
    FUNCTION_TAGS,
    HISTORY_TAGS,
    LETTERS,
    MONITORING_TAGS,
    PSYCH_SCALES,
    PSYCH_TAGS,
    RESPONSE_CATEGORY_TAGS,
    RESPONSE_TAGS,
    Document,
    Found,
    make_fact,
    stated_date,
)
from drafting.intake.extract.function import ability, is_fce
from drafting.intake.extract.injury_dates import injury_day
from drafting.intake.extract.medications import drugs_listed, medications_in
from drafting.intake.extract.medicolegal import medicolegal_status
from drafting.intake.extract.narrative import history_told, injury_told
from drafting.intake.extract.not_patient import bmi_among_vitals
from drafting.intake.extract.onset import onset_day
from drafting.intake.extract.passing import IMAGING_MENTION, PROCEDURE_WORDS, study_summary
from drafting.intake.extract.sections import in_history, label_core
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import (
    FUNCTION_SCALES,
    durations,
    measures,
    percent_relief,
    relief_duration,
)
from drafting.intake.extract.vocabulary import outcome_rows, procedure_in

EXAM_SECTIONS = re.compile(r"exam", re.IGNORECASE)
# The exam of an organ the pain does not concern, opening its line ("Abdomen soft, non-tender",
# "Exam: lungs clear", "Prostate smooth, ~30 g", "Heart RRR"): none of its words (tenderness,
# size, sounds) is a finding of the spine or a limb.
OTHER_ORGAN_EXAM = re.compile(r"^(?:(?:physical )?exam(?:ination)?\s*:\s*)?(?:abdomen|abd|"
                              r"prostate|lungs?|heart|cardiac|CV|HEENT|chest|pulm\w*|GU)\b"
                              r"(?!\s+(?:wall|pain))", re.IGNORECASE)
# A study's report grades its own tests ("Tibial motor normal bilat."): no examination.
_STUDY_REPORTS = (RecordType.imaging_report, RecordType.electrodiagnostic_report)

_PRE_POST = re.compile(r"\bpre-?(?:procedure|injection|block)\b.*\bpost-?(?:procedure|injection|"
                       r"block)\b|"
                       # "Neck pain 6/10 before, 2/10 at discharge"
                       r"\bbefore\b[^.;]*\b(?:after|at discharge|on discharge|post-?(?:procedure|"
                       r"injection|block|op)?)\b", re.IGNORECASE)
_BEFORE_AFTER = re.compile(r"\S\s*(?:->|\u2192)\s*\S")

# A lawyer's letter framing the claim ("this office represents J. Doe for injuries she
# sustained when your insured ..."): the claim, not the patient's account.
_REPRESENTS = re.compile(r"\brepresent(?:s|ing)?\b|\bour client\b", re.IGNORECASE)


# A form's ticked answers to "what is your pain like" (the boxes taken out: "aching shooting
# numb/tingling"): the patient's symptoms, when the line holds nothing else. (The regions ticked
# on a body diagram are often left unrecorded: not read.)
_QUALITY = (r"(?:aching|achy|burning|shooting|stabbing|sharp|dull|throbbing|numb(?:ness)?|"
            r"tingling|pins (?:and|&) needles|cramping|electric(?:al)?|deep|constant|"
            r"intermittent)")
_FORM_SYMPTOMS = re.compile(rf"^(?:[A-Za-z][\w ]{{0,25}}:\s*)?"
                            rf"(?:{_QUALITY}(?:\s*/\s*{_QUALITY})?[\s,;]*){{2,}}$", re.IGNORECASE)


def pain_told_on_a_form(text: str) -> bool:
    """A line of a form's ticked pain descriptors and nothing else."""
    return bool(_FORM_SYMPTOMS.match(text.strip().rstrip(".")))


def response_fact(sentence: Sentence, doc: Document, family: ProcedureFamily | None,
              tags: list[str] | None = None) -> Found | None:
    text = sentence.text
    relief, end = percent_relief(text)
    tags = tags if tags is not None else tags_in(text)
    kept = [t for t in tags if t in RESPONSE_CATEGORY_TAGS]
    before_after = bool(_PRE_POST.search(text)) and len(measures(text)) >= 2
    before_after = before_after or scored_after(text)
    if relief is None and not set(kept) & RESPONSE_TAGS and not before_after:
        return None  # (pain before and after, "Pre-procedure pain: 7/10 ... Post: 1/10", is one)
    return make_fact(C.response, sentence, doc, kept, procedure=family, percent_relief=relief,
                 duration=relief_duration(text, end) if relief is not None else None)


def classified(sentence: Sentence, doc: Document, family: ProcedureFamily | None
                ) -> Found | None:
    text = sentence.text
    if IMAGING_MENTION.search(text):
        return study_summary(sentence, doc)
    tags = tags_in(text)
    if medicolegal_status(text):  # "MMI as of 06/12/2024", "8% WPI", "70% industrial"
        return make_fact(C.other, sentence, doc, [])
    if is_fce(doc.title) and ability(sentence):  # "Floor to waist lift 35 lb"
        return make_fact(C.functional, sentence, doc, [t for t in tags if t in FUNCTION_TAGS])
    if _BEFORE_AFTER.search(text):  # "NPRS usual ...... 7/10 -> 3/10": a row of outcomes
        kind = next((C(category) for category, pattern in outcome_rows()
                     if pattern.search(text)), None)
        if kind is not None:
            return make_fact(kind, sentence, doc, tags if kind is not C.response else [
                t for t in tags if t in RESPONSE_CATEGORY_TAGS])
    relief, _ = percent_relief(text)
    meds = [m for m in medications_in(text) if m.amount is not None]
    if scored_after(text) and not meds:  # "Post-procedure pain 3/10 on the evening of 02/17"
        found = response_fact(sentence, doc, family, tags)
        if found and (day := stated_date(text, doc)):
            found.date, found.date_precision = day
        return found
    drug_only = bool(meds) and procedure_in(text) is None and not PROCEDURE_WORDS.search(text)
    if (relief is not None and not drug_only) or "medication_reduction" in tags or (
            set(tags) & RESPONSE_TAGS and PROCEDURE_WORDS.search(text)):
        return response_fact(sentence, doc, family, tags)  # (a drug's relief is the drug's)
    if meds:
        med = meds[0]
        found_durations = durations(text)
        fact = make_fact(C.medication, sentence, doc, list(dict.fromkeys([*med.drug.tags, *tags])),
                         dose=med.dose, mme=med.mme,
                         duration=found_durations[0] if found_durations else None)
        if len(meds) > 1 or medication_list(text):  # each drug dated by its own words
            fact.date, fact.date_precision = drug_date(text, med, doc) or (fact.date,
                                                                             fact.date_precision)
        elif taken_now(text, med):  # "... meloxicam 15 mg daily (ongoing)": the record's day
            fact.date, fact.date_precision, fact.end_date = doc.date, "day", None
        return fact
    if named := drugs_listed(text, label_core(sentence.label or sentence.section)):
        return make_fact(C.medication, sentence, doc,
                         list(dict.fromkeys(t for m in named for t in m.drug.tags)))
    scores = {m.name for m in measures(text)}
    tag_set = set(tags)
    exam_section = bool(EXAM_SECTIONS.search(sentence.section))
    if tag_set & CONSERVATIVE_TAGS:
        category = C.conservative_care
    elif tag_set & MONITORING_TAGS:
        category = C.other
    elif scores & ({"ODI", "NDI"} | set(FUNCTION_SCALES)) or tag_set & FUNCTION_TAGS:
        category = C.functional
    elif tag_set & EXAM_TAGS or "BMI" in scores:
        category = C.exam
    elif tag_set & PSYCH_TAGS or scores & PSYCH_SCALES:
        category = C.psych
    elif tag_set & HISTORY_TAGS or scores & {"NRS", "VAS"}:
        category = C.exam if exam_section and tag_set else C.history
    elif not exam_section and activity_told(text):
        category = C.functional  # "Walks 2 miles daily", "wakes 3x/night", "working 6 hrs/day"
    elif not exam_section and history_told(text, stated_date(text, doc) is not None,
                                           doc.type in LETTERS or in_history(sentence)):
        category = C.history  # "low back pain for about 8 months", "injured on 04/14/2016"
    elif not exam_section and (injured := injury_day(doc)) and injury_told(text) and \
            not _REPRESENTS.search(text):
        # the injury told without a date, in a record that names the date of injury
        # ("Date of injury: 11/14/24" ... "Injured transferring a patient to a wheelchair")
        found = make_fact(C.history, sentence, doc, tags)
        if stated_date(text, doc) is None:
            found.date, found.date_precision = injured, "day"
        return found
    elif exam_finding(sentence, anywhere=doc.type not in _STUDY_REPORTS):
        category = C.exam  # "TTP L L4-5/L5-S1 paraspinals", "Lumbar flexion 40 degrees"
    elif not exam_section and pain_told_on_a_form(text):
        category = C.history  # a form's ticked answers: "aching shooting numb/tingling"
    elif not exam_section and (began := onset_day(text, sentence.label, doc)):
        found = make_fact(C.history, sentence, doc, tags)  # "Onset: 2023 after lifting ..."
        found.date, found.date_precision = began
        return found
    else:
        return None
    if category is C.exam and OTHER_ORGAN_EXAM.match(text):
        return None  # "Abdomen soft, non-tender": an organ's exam, no finding of the pain
    found_durations = durations(text) if category in (C.conservative_care, C.history) else []
    found = make_fact(category, sentence, doc, tags,
                      duration=found_durations[0] if found_durations else None)
    if category is C.exam and (bmi := bmi_among_vitals(text)):
        found.statement = bmi  # "O: BP 138/84 HR 76 BMI 31.2": the BMI, not the vital signs
    return found
