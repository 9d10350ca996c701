"""Letters that decide a request (a UR or payer denial, an independent review, a Medicare
reconsideration): which of their sentences are the decision's reasons, which record a step of
the request's history (submitted, received, denied, upheld, on a date), and which belong to the
case summary of patient facts. Never patient facts: the reviewer's qualifications, the list of
records reviewed, appeal rights, guideline citations and criteria. A line naming an item with its
decision is the disputed item (read in decisions.py); an item's verdict alone ("1. Certified.",
"Item 1: OVERTURNED.") is also the review's record that the item was so decided."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace

from drafting.deid.dates import find_dates
from drafting.intake.extract.decisions import (
    DENIAL_REASON,
    ITEM_DECISION,
    codes_in,
    decision_line,
)
from drafting.intake.extract.found import Document, Found, statement
from drafting.intake.extract.sections import NARRATIVE_LABELS, label_core
from drafting.intake.extract.text import Sentence
from drafting.intake.extract.values import dates_in

# Sections of a letter that hold no patient fact.
LETTER_SECTIONS_NOT_FACTS = re.compile(
    r"qualification|documents? reviewed|records? reviewed|what we reviewed|appeal|rights|issue|"
    r"^item \d{1,2}\s*[-\u2013\u2014(]|"  # (the reasons of a named item: "Item 1 - Massage: ...")
    r"rationale|determination|decision|guideline|criteria|reference|principal reason|basis|"
    r"what you can do|if you disagree", re.IGNORECASE)
# Sections where the request's history may still be told (a letter's opening paragraph sits
# under its title, which names the decision).
STEPS_NOT_IN = re.compile(r"qualification|reviewed|appeal|rights|what you can do|if you disagree",
                          re.IGNORECASE)
GUIDELINE_CITATION = re.compile(r"\b(?:MTUS|ODG|ACOEM|LCD|NCD|guidelines?|policy|CP\.MP|"
                                r"pp?\.\s*\d+)\b", re.IGNORECASE)
# What a payer's criteria say, in the voice of a rule rather than of the record.
CRITERIA_VOICE = re.compile(r"\b(?:is|are) (?:covered|indicated|allowed|appropriate|supported) "
                            r"(?:only )?(?:when|if|after|for)\b|\brequires? (?:at least|that)\b|"
                            r"\ballow(?:s|ed)? \d|\bno sooner than\b|\bat least \d+\s?%",
                            re.IGNORECASE)
DECISION_WORDS = re.compile(r"\bmedically necessary\b|\b(?:upheld|overturned|reversed|"
                            r"non-?certified|certified|favorable|unfavorable)\b|"
                            r"\brequest(?:ed)? for\b|\bwas submitted\b|\butilization review\b|"
                            r"\breasonable and necessary\b", re.IGNORECASE)
# The decision as a letter's prose states it ("The health plan's determination is overturned").
VERDICT = re.compile(r"\b(?:is|are) (?:not )?(?:medically|reasonable and) necessary\b|"
                     r"\b(?:is|was) (?:upheld|overturned|reversed)\b", re.IGNORECASE)
# A reason to approve: the record meets the payer's rule ("This meets our policy for a first
# radiofrequency ablation", "The request satisfies the guideline's criteria").
CRITERIA_MET = re.compile(r"\b(?:meets|satisfies|fulfils|fulfills)\s+(?:our|the|its|all|your "
                          r"plan's)?\s*(?:\w+\s+)?(?:policy|criteria|guidelines?|requirements)\b",
                          re.IGNORECASE)
# What the reviewer found in the record, for or against, in the letter's reasoning ("In this
# case the provider documented 60% relief"); in the case summary such a sentence tells the record.
REVIEWER_FINDING = re.compile(r"\b(?:the )?(?:provider|physician|records?) "
                              r"(?:documented|documents|shows?|showed)\b", re.IGNORECASE)
# What a letter granted of a request, in part ("We approved one injection on the right at L5-S1",
# "We approved 6 visits so that ..."): the decision's terms.
GRANTED_IN_PART = re.compile(r"\b(?:we|the plan|the reviewer) (?:approved|authori[sz]ed|"
                             r"certified|modified)\b|"
                             # "Six further visits to transition to a home program are supported"
                             r"\b(?:visits?|sessions?|injections?|units?|refills?)\b[^.;]{0,50}?"
                             r"\b(?:are|is) (?:supported|certified|approved|authori[sz]ed)\b(?! "
                             r"(?:only )?(?:when|if|after|for)\b)", re.IGNORECASE)
DECISION_ONLY = re.compile(r"\bnot medically necessary\b", re.IGNORECASE)
# A step of the request's history: asked for, received, or decided, on a date the sentence gives.
REVIEW_STEP = re.compile(
    r"\b(?:submitted|requested|received|denied|non-?certified|modified|upheld|overturned|"
    r"authori[sz]ed|approved|redetermination|not payable|"
    # the peer-to-peer call ("the reviewer spoke with Dr. X", "was attempted ... voicemail left")
    r"spoke with|discussed (?:the case )?with|attempted|offered|voicemail)\b", re.IGNORECASE)
_REVIEWER = re.compile(r"\b(?:utilization review|URA?|URO|health plan|plan|insurer|carrier|MAC|"
                       r"contractor|reviewer|IMR|request(?:ed|s)?|application|authori[sz]ation|"
                       r"reconsideration|peer[- ]to[- ]peer|P2P|denial|(?:internal |first[- ]"
                       r"level |second[- ]level )?appeal)\b",
                       re.IGNORECASE)


# A letter's case summary under a heading naming the clinical history ("PATIENT CLINICAL
# HISTORY (SUMMARY)", "Clinical history: ..."): in a study's report that heading gives the
# reason for the study, in a letter it retells the record.
_CLINICAL_HISTORY = re.compile(r"\bclinical history\b", re.IGNORECASE)


def as_summary(sentence: Sentence) -> Sentence:
    """A letter's sentence under a clinical-history heading or label, read as its case summary."""
    if not _CLINICAL_HISTORY.search(sentence.section):
        return sentence
    return replace(sentence, section="clinical summary",
                   label="clinical summary" if sentence.label else None)


@dataclass
class LetterParts:
    reasons: list[Sentence]
    steps: list[Sentence]
    summary: list[Sentence]
    decisions: list[Sentence] = field(default_factory=list)


# A verdict alone, opening an item's line or field, as determination letters write each item's
# decision ("1. Certified. ODG supports ...", "Item 1: OVERTURNED.", "Decision: DENIED (we
# upheld our earlier decision).", "Non-certified with weaning."), with no service named.
BARE_DECISION = re.compile(
    r"^(?:fully |partially )?(?:(?:not |non-?)?(?:certified|approved|authori[sz]ed|medically "
    r"necessary)|denied|upheld|overturned|reversed|affirmed|modified|(?:un)?favorable|"
    r"(?:not )?reasonable (?:and|or) necessary)\b"
    # at most a few words or a parenthesis after it ("with weaning", "(we upheld our earlier
    # decision)"): a verdict with its terms ("PARTIALLY OVERTURNED - 4 visits are medically
    # necessary; 4 are not") is the item's decision, read in decisions.py
    r"(?:\s+[a-z]+){0,3}(?:\s*\([^()]{1,60}\))?\.?$", re.IGNORECASE)


def _decision(sentence: Sentence, first: bool) -> bool:
    """Is ``sentence`` an item's verdict alone: the first sentence of a numbered item or of an
    "Item N:" field, naming no service? (A line naming the service with its verdict, "2.
    Lidocaine patch #30: NOT MEDICALLY NECESSARY", is the disputed item itself, read in
    decisions.py, and so is a one-item letter's "Determination: Denied".)"""
    label = label_core(sentence.label) if sentence.label else ""
    opens = (sentence.listed and first and not sentence.label) or bool(
        sentence.lead and ITEM_DECISION.match(label))
    return opens and bool(BARE_DECISION.match(sentence.text))


def is_review_step(sentence: Sentence) -> bool:
    """A sentence telling when a request was made or decided ("Utilization review on 08/27/2021
    non-certified the injection", "requested on 06/12/2023"), in prose: a header field's date
    ("Request received: 08/12/2022") dates the disputed item instead."""
    if sentence.label is not None and not NARRATIVE_LABELS.match(label_core(sentence.label)):
        return False  # a header field's request date is the item's, read in decisions.py
    text = sentence.text
    return bool(REVIEW_STEP.search(text) and _REVIEWER.search(text))


# A plan that tells a request already decided ("EMG/NCS was requested 02/2026 and denied by UR
# on 02/20/2026; not repeated"): the decision is a step of the request's history, not a plan.
_PLAN = re.compile(r"\bplan\b", re.IGNORECASE)
_DECIDED = re.compile(r"\b(?:denied|non-?certified|modified|upheld|overturned|approved|"
                      r"authori[sz]ed)\b", re.IGNORECASE)


def decided_in_plan(sentence: Sentence) -> bool:
    """A review step (``is_review_step``) told under a plan, with a decision made."""
    return bool(_PLAN.search(sentence.section) and is_review_step(sentence)
                and _DECIDED.search(sentence.text))


def _verdict_only(text: str) -> bool:
    """A verdict with no reason of its own ("The request is medically necessary.")."""
    rest = VERDICT.sub(" ", DECISION_ONLY.sub(" ", text))
    return (bool(VERDICT.search(text) or DECISION_ONLY.search(text))
            and not DENIAL_REASON.search(rest) and not REVIEWER_FINDING.search(rest))


def letter_parts(said: list[Sentence], dated: set[int]) -> LetterParts:
    """Split a letter's sentences; ``dated`` holds the indexes of sentences that state a date."""
    reasons, steps, summary, decisions = [], [], [], []
    # "2) Lidocaine 5% patch #30: NOT MEDICALLY NECESSARY. The UR decision is upheld." is an
    # item with its decision, read as such: not a fact, nor is the rest of its paragraph.
    items = {s.paragraph for s in said if s.paragraph and decision_line(s.text)}
    # An item's label names the item and its decision ("Item 2: UPHELD", "Service 1: Lumbar RFA
    # (CPT 64635) - APPROVED"); the same label again, below the list, opens that item's reasons
    # ("Service 1: Your records show ..."), read as the letter's reasons and case summary.
    deciding, named, runs = False, set(), 0
    for index, sentence in enumerate(said):
        item = bool(sentence.label and ITEM_DECISION.match(sentence.label))
        if item and sentence.lead:
            deciding, runs = sentence.label not in named, runs + 1
            named.add(sentence.label)
        first = index == 0 or not _same_paragraph(said[index - 1], sentence)
        if _decision(sentence, first):
            decisions.append(sentence)
            continue
        if decision_line(sentence.text) or sentence.paragraph in items or (item and deciding):
            continue
        if item:  # read as the reasons' prose, one paragraph, not as the value of a field
            sentence = replace(sentence, label=None, paragraph=-runs)
        if codes_in(sentence.text) and index not in dated and (
                DENIAL_REASON.search(sentence.text) or VERDICT.search(sentence.text)):
            continue  # "The plan denied L3-L5 RFA (CPT 64635) as not medically necessary": the item
        if index in dated and is_review_step(sentence) and \
                not STEPS_NOT_IN.search(sentence.section):
            steps.append(sentence)
        elif LETTER_SECTIONS_NOT_FACTS.search(sentence.section) and _verdict_only(sentence.text):
            if reasons and _same_paragraph(reasons[-1], sentence):
                reasons.append(sentence)  # the verdict closing its reasons' paragraph
            # else "The request is not medically necessary." under ISSUE 2: the item's own
        elif DENIAL_REASON.search(sentence.text) or VERDICT.search(sentence.text) or (
                GRANTED_IN_PART.search(sentence.text)) or CRITERIA_MET.search(sentence.text) or (
                REVIEWER_FINDING.search(sentence.text)
                and LETTER_SECTIONS_NOT_FACTS.search(sentence.section)):
            reasons.append(sentence)
        elif not (LETTER_SECTIONS_NOT_FACTS.search(sentence.section)
                  or GUIDELINE_CITATION.search(sentence.text)
                  or CRITERIA_VOICE.search(sentence.text)
                  or DECISION_WORDS.search(sentence.text)):
            summary.append(as_summary(sentence))
    # a paragraph left with its verdict alone ("The request is not certified.", its grounds
    # being a guideline's words) states no reason: the item's decision, read as such
    return LetterParts([r for r in _one_per_paragraph(reasons) if not _BARE_VERDICT.match(r.text)],
                       steps, summary, decisions)


# A verdict naming neither the service nor a ground ("The request is not certified."): the
# decision of the item it closes, which the item carries.
_BARE_VERDICT = re.compile(r"^(?:the|this) (?:request|requested (?:service|treatment)|service)s? "
                           r"(?:is|are|was|were) (?:not |non-?)?(?:certified|medically necessary|"
                           r"approved|authori[sz]ed|denied|modified)\.?$", re.IGNORECASE)


def _same_paragraph(one: Sentence, other: Sentence) -> bool:
    return bool(other.paragraph) and (one.page, one.paragraph) == (other.page, other.paragraph)


def _one_per_paragraph(reasons: list[Sentence]) -> list[Sentence]:
    """A paragraph's reasons are one reason, in its words ("No trial is documented. Purchase is
    denied."): what the reviewer read in the record ("Your records do not show new weakness")
    is the ground of the decision the paragraph states, not a finding of its own."""
    out: list[Sentence] = []
    for sentence in reasons:
        last = out[-1] if out else None
        if last and _same_paragraph(last, sentence):
            out[-1] = replace(last, text=f"{last.text} {sentence.text}")
        else:
            out.append(sentence)
    return out


# The clinical notes a letter says it reviewed ("We reviewed the office notes of 06/30/2022 and
# 07/28/2022", "Primary treating physician's progress reports (PR-2), 03/10/2021 through
# 08/16/2021"), up to the next kind of record named.
_NOTES_REVIEWED = re.compile(r"\b(?:office|progress|clinic|visit|treating physician'?s?|"
                             r"physician)\s+(?:notes?|reports?|visits?)\b|\bPR-?2\b",
                             re.IGNORECASE)
_NEXT_RECORD = re.compile(r";|\b(?:MRI|CT|EMG|x-?rays?|imaging|procedure|operative|therapy|"
                          r"pharmacy|determination|application|guidelines?)\b", re.IGNORECASE)


def latest_note_reviewed(said: list[Sentence], latest: dt.date) -> dt.date | None:
    """The last date of the clinical notes a letter lists as reviewed, up to ``latest``."""
    found: list[dt.date] = []
    for sentence in said:
        if not re.search(r"\breview", f"{sentence.section} {sentence.text}", re.IGNORECASE):
            continue
        for match in _NOTES_REVIEWED.finditer(sentence.text):
            tail = sentence.text[match.end():]
            stop = _NEXT_RECORD.search(tail)
            found += [d.date for d in find_dates(tail[:stop.start() if stop else len(tail)])
                      if d.date <= latest]
    return max(found, default=None)


def carry_dates(found: list[Found], said: list[Sentence], doc: Document,
                latest: dt.date | None = None) -> list[Found]:
    """In a letter's summary, a sentence that states no date of its own ("Examination showed
    ...") happened on the date the paragraph last stated ("On 08/16/2021 she reported ..."),
    else was last recorded in the latest clinical note the letter reviewed (``latest``). A
    fact may be one clause of its sentence ("Examination: SLR ...; paraspinal tenderness")."""
    dated_at: list[tuple[int, str, dt.date]] = []
    stated: dict[int, dt.date] = {}
    for sentence in said:
        days = [d.date for d in dates_in(sentence.text) if d.date <= doc.date]
        if days:
            stated[sentence.paragraph] = days[0]
        elif sentence.paragraph in stated:
            dated_at.append((sentence.page, statement(sentence), stated[sentence.paragraph]))
    for fact in found:
        carried = next((day for page, text, day in dated_at
                        if page == fact.page and fact.statement in text), None) or latest
        if carried and fact.date == doc.date and fact.date_precision == "day":
            fact.date = carried
    return found
