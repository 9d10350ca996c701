"""Which sentences of a record can state a patient fact: the sections and field labels whose
text is narrative (findings, history, results) rather than a plan, a technique, an
administrative field or a signature, and text that is never about the patient wherever it
sits. A field label may carry the date its value was observed ("Baseline (01/30/2023): ...",
"PAIN DIARY (returned 06/09/2022): ..."): the label is read without it, and the value is dated
by it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from drafting.deid.dates import find_dates, find_partial_date
from drafting.intake.extract.examination import EXAM_FIELDS
from drafting.intake.extract.findings import tags_in
from drafting.intake.extract.medicolegal import medicolegal_status
from drafting.intake.extract.not_patient import FAMILY_SECTIONS, NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import measures

__all__ = ["NOT_ABOUT_THE_PATIENT", "SKIPPED_SECTIONS", "label_core", "readable"]

SKIPPED_SECTIONS = re.compile(
    r"\bplan\b|recommend|technique|description|tests administered|appeal|resubmission|"
    r"signature|attestation|referral question|review of imaging|imaging and electro|"
    r"\bfuture (?:medical )?(?:care|needs|treatment)\b|\bprojections?\b|"
    r"clinical (?:history|indication)|reviewer|disclaimer|instructions|"
    r"\bgoals?\b(?! not met)|" + FAMILY_SECTIONS, re.IGNORECASE)
NARRATIVE_LABELS = re.compile(
    r"^(?:assessment|impression|findings|reason(?: for (?:denial|decision|determination))?|"
    r"rationale|summary|clinical summary|comments?|history|interval history|subjective|"
    # a history section under another name ("Background:", "BRIEF HISTORY:")
    r"background|(?:brief|pertinent|relevant) history|"
    r"objective|exam(?:ination)?|physical exam(?:ination)?|results?|conclusion|work status|"
    # the examination before a procedure ("Pre-trial exam", "Pre-procedure check today")
    r"pre-?(?:procedure|trial|op(?:erative)?|injection) (?:exam(?:ination)?|check)(?: today)?|"
    # before and after a procedure, in its own note ("PRE-PROCEDURE: Pain 7/10 ...",
    # "POST-PROCEDURE: Pain 2/10 at 30 minutes")
    r"(?:pre|post)-?\s?(?:procedure|injection|block)(?: (?:assessment|evaluation|course))?|"
    # a form's question on what the pain is like ("Type of pain:", "Pain is:")
    r"(?:type|quality|character|description) of (?:the |your )?pain|"
    r"pain (?:is|type|quality|character|description)|"
    r"function(?:al status)?|course(?: of care)?|(?:current |home |active )?medications?|meds|"
    r"procedures? performed|procedures?|operation|notes?|goals not met|pain diary|hpi|cc|"
    r"chief complaint|"
    r"s|o|a|a/p|assessment(?: and |/)plan|impression(?: and |/)plan|monitoring|work|"
    r"testing|test results|scores|indications?|complications|baseline|outcome|end of trial|"
    r"results? of trial|"
    r"imaging|diagnostic studies|studies|trial(?: dates?| period)?|prior (?:tx|treatments?|care)|"
    r"(?:past |prior )?treatment history|past treatments?|social(?: history)?|sh|"
    # what a source tells ("Per pt stim diary (reviewed):", "Per outside records:")
    r"per (?:pt|patient|the patient|records?|outside records|chart|diary|report|family)\b.*|"
    r"past (?:medical|surgical) history|pmh|psh|(?:past|prior|previous) medications?(?: tried)?|"
    r"medications? tried|history of (?:injury|illness|present illness)|mechanism of injury|"
    r"presenting complaints?|complaints?|progress|prior history|hospital course|"
    r"(?:ed|er|emergency department|emergency) course|discharge (?:rx|prescriptions?|"
    r"medications?)|(?:ed|er|discharge|final) diagnos[ie]s|work note|"
    # a speaker and a verb of saying ("Dr. Lee summarized: ..."), and an examination or a
    # history of a visit ("Exam at the 05/12/2025 visit: ...")
    r".*\b(?:summari[sz]ed|stated|states|reported|reports|noted|explained|confirmed|said|"
    r"added|described)|(?:exam(?:ination)?|history|findings) (?:at|on|of|from)\b.*)$",
    re.IGNORECASE)
# A field whose value is a score of a scale or of pain.
SCALE_LABELS = re.compile(r"\boswestry\b|\bODI\b|\bNDI\b|neck disability|\bPHQ-?9\b|\bGAD-?7\b|"
                          r"pain catastroph|\bPCS\b|\bBDI\b|\bPSEQ\b|pain self-?efficacy|"
                          r"\bNPRS?\b|\bVAS\b|\bPHQ-?2\b|\bORT\b|opioid risk tool|"
                          # outcome measures of function (values.FUNCTION_SCALES)
                          r"\bPEG\b|\bRMDQ\b|roland[- ]morris|quick\s?dash|\bKOOS\b|\bLEFS\b|"
                          r"\bFOTO\b|\bPFDI|\bTUG\b|timed up (?:and|&) go|\b6MWT\b|"
                          r"6-?minute walk|"
                          r"\bpain (?:score|level|rating|at\b)|"
                          # a daily opioid dose ("MME: hydrocodone 5 mg x 3/day = 15 MME/day")
                          r"^(?:total )?(?:MME|MED|morphine (?:milligram )?equivalents?)"
                          r"(?:\s*/\s*day| per day)?$", re.IGNORECASE)
PROCEDURE_LABELS = re.compile(r"^(?:procedures?(?: performed)?|operation(?: performed)?|"
                              r"trial(?: dates?| period)?)$", re.IGNORECASE)
FINDINGS_HEADINGS = re.compile(r"\bexam|\bobjective\b|physical findings", re.IGNORECASE)
HISTORY_HEADINGS = re.compile(r"^(?:hpi|history of (?:the )?present illness|interval history|"
                              r"subjective)\b", re.IGNORECASE)
# The elements of a history of present illness as a template asks them (onset, location,
# duration, character, severity, radiation, timing, what worsens and eases it, the interval since
# the last visit).
HPI_ELEMENTS = re.compile(r"^(?:onset|location|duration|severity(?: today)?|radiation|timing|"
                          r"aggravating(?: factors)?|alleviating(?: factors)?|relieving factors|"
                          r"modifying factors|context|interval(?: history| hx)?)$", re.IGNORECASE)
_AHEAD = re.compile(r"\b(?:next|due|planned|scheduled|follow-?up|return|expected|since|last "
                    r"report|previous|prior)\b",
                    re.IGNORECASE)
_PARENTHESES = re.compile(r"\s*\([^)]*(?:\)|$)")  # (or left open: "summary (from records: ...")
# A psychological evaluation's conclusions are findings even when written as a recommendation.
PSYCH_CONCLUSIONS = re.compile(r"^(?:impression|assessment|diagnos[ie]s|conclusions?|"
                               r"recommendations?|disposition(?: and recommendations?)?|"
                               r"summary|opinion|testing|test results|results?)$", re.IGNORECASE)
# (a psychological evaluation's psychiatric history names past diagnoses as its impression does)
PSYCH_DIAGNOSES = re.compile(r"^(?:impression|diagnos[ie]s|(?:past )?psychiatric history|"
                             r"(?:past )?mental health history)$", re.IGNORECASE)
# What a psychological diagnosis names (an impression's other sentences are commentary).
PSYCH_DIAGNOSIS_WORDS = re.compile(r"\b(?:disorder|depress\w*|anxiety|PTSD|insomnia|somatic|"
                                   r"personality|psychosis|bipolar|dementia|cognitive)\b",
                                   re.IGNORECASE)


def as_narrative(sentence: Sentence, labels: re.Pattern[str]) -> Sentence:
    """A field whose label names a narrative part of the record (``labels``) read as prose."""
    if sentence.label and labels.search(label_core(sentence.label)):
        return replace(sentence, label=None)
    return sentence


def names_diagnosis(text: str) -> bool:
    """A psychological diagnosis named and not denied ("One episode of major depression in
    2023", not "No history of substance use disorder"); one to rule out is named, provisionally
    ("rule out alcohol use disorder")."""
    from drafting.intake.extract.negation import negated

    return any(not negated(text, m.start(), m.end()) or _RULE_OUT.search(text[:m.start()])
               for m in PSYCH_DIAGNOSIS_WORDS.finditer(text))


_RULE_OUT = re.compile(r"\b(?:rule out|r/o)\b[^.;]*$", re.IGNORECASE)


# Where a note tells the patient's history in its own words: a symptom at a body site told
# there is history ("Pain to R lat thigh, lat calf", "Left buttock and posterior thigh pain").
HISTORY_PLACES = re.compile(r"^(?:hpi|history(?: of (?:the )?present illness)?|interval history|"
                            r"subjective|s|"
                            r"background|(?:brief|pertinent|relevant) history)$", re.IGNORECASE)


# What a history section says that is not the symptom's history: the note's introduction of
# the patient ("Mr. Doe is a 75-year-old retired carrier whom I am seeing for back pain") and
# a change since care began ("back pain is much better than when I started", "the leg pain has
# returned": how long the care helped, told with its response).
_INTRODUCTION = re.compile(r"\bis an? \d{1,3}[- ](?:year|yr|y/?o)\b", re.IGNORECASE)
# ... unless the introduction tells when the pain began ("a 46-year-old office manager with low
# back pain since a fall on ice in early 2019").
_ONSET = re.compile(r"\bsince (?:a |an |the )?(?:fall|injury|accident|collision|MVA|MVC|"
                    r"(?:early |late |mid-?)?(?:19|20)\d{2})\b", re.IGNORECASE)
_NOT_HISTORY = re.compile(r"\bbetter\b|\bimprov\w*|"
                          r"\breturn(?:ed|s|ing)?\b|\bcame back\b|"
                          # (a "recurrent" symptom is the history's: "recurrent buttock pain")
                          r"\brecurr(?:ed|ence|ing|s)\b", re.IGNORECASE)


def in_history(sentence: Sentence) -> bool:
    """A sentence telling the symptoms in a note's history section or field (HPI, subjective,
    background), not its introduction of the patient nor a change since care began."""
    return bool(HISTORY_PLACES.match(label_core(sentence.label or sentence.section))
                and not _NOT_HISTORY.search(sentence.text)
                and (not _INTRODUCTION.search(sentence.text) or bool(_ONSET.search(sentence.text))))


_TRAILING_DATE = re.compile(r"\s+\d{1,2}/\d{1,2}/\d{2,4}$")


def label_core(label: str) -> str:
    """A field label without what it holds in parentheses ("baseline (01/30/2023)") or the date
    it closes with ("PROCEDURE 05/04/2026")."""
    return _TRAILING_DATE.sub("", _PARENTHESES.sub("", label).strip())


def label_date(label: str | None) -> tuple[dt.date, str] | None:
    """The date a field label gives its value, with its precision: it may follow the
    document's own date (a pain diary returned after the procedure), but a label that looks
    ahead ("next visit (07/01/2024)") dates nothing."""
    if not label or _AHEAD.search(label):
        return None
    inside = " ".join(re.findall(r"\(([^)]*)\)", label)) or label
    days = [d.date for d in find_dates(inside)]
    if days:
        return days[0], "day"
    return find_partial_date(inside)


def psych_conclusion(sentence: Sentence) -> bool:
    """A psychological evaluation's impression, diagnosis or recommendation (readable there,
    though a note's recommendation is a plan)."""
    if NOT_ABOUT_THE_PATIENT.search(sentence.text):
        return False
    return bool(PSYCH_CONCLUSIONS.match(label_core(sentence.label or sentence.section)))


def states(label: str) -> bool:
    """A field label that is itself part of the finding: a scale's name, or a finding of the
    vocabulary ("Modified duty through 11/14/2023: no lifting over 15 lb")."""
    return bool(SCALE_LABELS.search(label) or tags_in(label))


def with_scale(sentence: Sentence) -> Sentence:
    """A field whose label is part of the finding, read with it ("Neck Disability Index: 28%"
    is an NDI of 28%), and an examination's field naming what was examined ("Sensation:
    decreased R thumb/index", "Spurling: R [+]") when only with its label it states a finding."""
    if sentence.label and sentence.lead and (states(sentence.label) or (
            _EXAMINED.match(label_core(sentence.label))
            and len(tags_in(f"{sentence.lead} {sentence.text}")) > len(tags_in(sentence.text)))):
        return replace(sentence, text=f"{sentence.lead} {sentence.text}", lead="")
    return sentence


# What an examination field names: a region or system (examination.EXAM_FIELDS) or a test.
_EXAMINED = re.compile(EXAM_FIELDS.pattern.removesuffix(")$") + r"|light touch|pinprick|"
                       r"spurling\S*|slr|straight leg rais\w*|faber|patrick\S*|kemp\S*|"
                       r"hoffmann?\S*|babinski|clonus|facet loading|tenderness)$", re.IGNORECASE)


# A goal's or a criterion's score, not one measured: "LTG 1: NDI under 20% in 8 weeks".
_AIMED = re.compile(r"\b(?:goals?|[LS]TG|under|below|less than|greater than|at least|met)\b|"
                    r"[<>\u2264\u2265]", re.IGNORECASE)


# A sentence of prose (at least eight words, ending with a full stop), and labels whose prose
# is no fact told of the patient: what is ordered, advised, consented to, aimed at or answered,
# a diagnosis line, and another writer's note.
_PROSE = re.compile(r"^(?:\S+\s+){7,}\S*[a-z)\]\"']\.$")
_NOT_TOLD = re.compile(SKIPPED_SECTIONS.pattern + r"|order|future|consent|precaution|homework|"
                       r"(?:short|long)[- ]term|\bterm\b|diagnos|\bdx\b|answer|question|"
                       r"\bnote\b|\bpca\b|course|disposition|discharge|risks?\b",
                       re.IGNORECASE)


def readable(sentence: Sentence) -> bool:
    """A sentence that can state a fact: not in a plan or technique section, not the value of
    an administrative field (name, dates, providers, anaesthetic), and not credentials, a
    signature, letterhead or a page header."""
    if SKIPPED_SECTIONS.search(sentence.section):
        return False
    if NOT_ABOUT_THE_PATIENT.search(sentence.text) or sentence.text.endswith(":"):
        return False  # (a line introducing a list, "Services requested on 04/22/2025:")
    if sentence.label is None or NARRATIVE_LABELS.match(label_core(sentence.label)):
        return True
    if medicolegal_status(sentence.text):
        return True  # an evaluator's answer: "Answer: ... He was MMI as of 06/12/2024."
    if states(sentence.label) or EXAM_FIELDS.match(label_core(sentence.label)):
        return True  # "Oswestry Disability Index: 34%", "Modified duty through 11/14/2023: ..."
    if _MEASURED.search(f"{sentence.label} {sentence.text}") and not SKIPPED_SECTIONS.search(
            sentence.label):
        return True  # a measure under any label: "Self-rated pain: 6/10 (admission 8/10)"
    if drug_with_dose(sentence):
        return True  # "Home meds: meloxicam 7.5 mg daily", "Tried: duloxetine 30 mg - stopped"
    if SCALE_LABELS.match(sentence.text) and measures(sentence.text) and not _AIMED.search(
            f"{sentence.label} {sentence.text}"):
        return True  # a scale's score under any label: "Risk: ORT score 2 (low)"
    if _PROSE.match(sentence.text) and not _NOT_TOLD.search(sentence.label) and \
            not _dosed(sentence.text):
        # prose under a label of its own: "What we looked at: They describe ..." (a drug with
        # its dose is read under a label only as a list's item, drug_with_dose)
        return True
    # "Motor: EHL 4/5 R", "Sens: dec LT R L5 derm" under an examination heading are findings,
    # and "Onset: 2023", "Severity today: 6/10", "Interval: ..." under a history heading (a
    # template's HPI) are the history told
    return bool(FINDINGS_HEADINGS.search(sentence.heading) or (
        HISTORY_HEADINGS.search(sentence.heading)
        and HPI_ELEMENTS.match(label_core(sentence.label))))


# A SOAP note's plan letter written as a field ("P: naproxen 500 mg bid"): what is ordered.
_PLAN_LETTER = re.compile(r"^(?:p|a/p|a&p|rx|plan)$", re.IGNORECASE)
_ITEM_MARK = re.compile(r"^(?:\d{1,2}[.)]\s*|[-*\u2022]\s*)?")
# A patient-controlled pump's settings (demand dose, lockout, basal rate): the device's order.
_PUMP_SETTINGS = re.compile(r"\bPCA\b|\block-?out\b|\bbasal\b", re.IGNORECASE)


def _dosed(text: str) -> bool:
    from drafting.intake.extract.medications import medications_in

    return any(m.amount is not None for m in medications_in(text))


def drug_with_dose(sentence: Sentence) -> bool:
    """A field's value that opens with a drug of the lexicon and its dose, under a label that
    is not the plan's: an item of a medication list however its field is named ("Home meds:
    meloxicam 7.5 mg daily", "Current tx: gabapentin 300 mg TID", "Tried: duloxetine 30 mg -
    stopped"). A drug told inside prose ("Pain controlled with oxycodone 5 mg ...") or after
    a device ("PCA hydromorphone 0.2 mg demand") is not a list's item."""
    from drafting.intake.extract.medications import medications_in, ocr_read

    label = label_core(sentence.label or "")
    if _PLAN_LETTER.match(label) or SKIPPED_SECTIONS.search(sentence.heading or "") or \
            _PUMP_SETTINGS.search(sentence.text):
        return False
    text = ocr_read(sentence.text)
    opening = _ITEM_MARK.sub("", text, count=1)
    offset = len(text) - len(opening)
    return any(m.amount is not None and (hit := m.drug.pattern.search(text)) is not None
               and hit.start() == offset for m in medications_in(sentence.text))


# A score of a validated scale, or of pain, told as its value and its change ("Oswestry 52% ->
# 34%", "PHQ-9 16 at admission -> 9 this week", "pain 6/10 average (admission 8/10)"): the
# shape of an outcome measured, whatever the field's label.
_MEASURED = re.compile(
    r"(?:\b(?:ODI|Oswestry|NDI|Neck Disability(?: Index)?|PHQ-?9|GAD-?7|PCS|"
    r"Pain Catastrophi[sz]ing Scale|FABQ\S*|PSEQ|BDI\S*|pain)\b[^.;]{0,30}?\d{1,3}\s?(?:%|/10)?"
    r"[^.;]{0,30}?(?:->|\u2192|\bto\b|\(\s*(?:admission|baseline|initial|intake|pre-?\w*)\b))",
    re.IGNORECASE)
