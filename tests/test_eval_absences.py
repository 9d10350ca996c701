"""The absences check (#19 item 4): a sentence that says the record lacks something a fact of
the case records is an error naming that fact, whatever the criteria engine decided and
whether or not the sentence cites anything. A true absence, a clinical finding denied at one
time and place, and what another party is reported saying are not flagged."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks import CHECKS
from evals.checks.absences import check_absences
from evals.context import EvalContext
from evals.findings import Finding
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"  # F4 twelve PT visits, F6 tramadol, F9 relief


@cache
def _draft() -> tuple[Draft, Case]:
    case, settings = load_case(CASE), Settings()
    return asyncio.run(draft_case(case, "h", create("offline", settings), settings,
                                  excerpts_by_id())), case


def findings_for(sentence: str) -> list[Finding]:
    draft, case = _draft()
    sections = list(draft.sections)
    last = sections[-2]  # before the signature
    sections[-2] = last.model_copy(update={"text": last.text.rstrip() + "\n\n" + sentence})
    changed = draft.model_copy(update={"sections": sections})
    return [f for f in check_absences(EvalContext(changed, case, excerpts_by_id()))
            if f.text.strip() == sentence.strip()]


def test_the_clean_draft_has_no_absence_finding():
    draft, case = _draft()
    assert check_absences(EvalContext(draft, case, excerpts_by_id())) == []


@pytest.mark.parametrize(("sentence", "fact"), [
    ("No documented physical therapy preceded the injection.", "F4"),
    ("Physical therapy was never tried before the first injection.", "F4"),
    ("Tramadol was never tried.", "F6"),
    ("A home exercise program is not documented.", "F4"),
    ("The record contains no documented relief after the first injection.", "F9"),
    ("There is no record of a straight-leg raise test.", "F2"),
    # cited, but to a fact that does not say it: the record still has it
    ("The patient has never had an MRI of the lumbar spine [F1].", "F5"),
])
def test_an_absence_the_record_contradicts_is_an_error_naming_the_fact(sentence, fact):
    found = findings_for(sentence)
    assert len(found) == 1 and found[0].severity == "error", found
    assert f" {fact} records " in found[0].message


@pytest.mark.parametrize("sentence", [
    "No prior trial of oral gabapentin is recorded.",  # true: F13 says so
    "No electrodiagnostic study is documented.",  # true: there is none
    "No documented psychological evaluation is in the file.",
    # clinical findings at one time and place, not claims about the record
    "There is no stenosis at L3-L4.",
    "He denies bowel or bladder symptoms.",
    # what another party says
    "The denial stated that physical therapy was not documented.",
    'Utilization review wrote "no documented physical therapy" in its letter.',
    # the cited fact itself (the polarity check's business)
    "No documented physical therapy preceded the injection [F4].",
])
def test_true_absences_findings_and_reported_words_are_not_flagged(sentence):
    assert findings_for(sentence) == []


@pytest.mark.parametrize(("sentence", "fact"), [
    # other record words, and a list or an example inside the claim
    ("The chart holds no imaging of any kind.", "F5"),
    ("Imaging of the lumbar spine has never been obtained.", "F5"),
    ("No opioid, such as tramadol or codeine, appears in the record.", "F6"),
    ("No analgesic had been tried before the injection.", "F3"),
    ("The procedure note does not state whether contrast was used.", "F8"),
    # a region before the kind qualifies it; a validated scale is a kind of outcome measure
    ("No lumbar imaging was obtained at any time.", "F5"),
    ("No validated disability questionnaire appears in the file.", "F7"),
])
def test_an_absence_in_other_words_is_read_against_the_record(sentence, fact):
    found = findings_for(sentence)
    assert len(found) == 1, found
    assert f" {fact} records" in found[0].message


@pytest.mark.parametrize("sentence", [
    "No cervical imaging was obtained.",  # the MRI is of the lumbar spine
    "No other anti-inflammatory besides ibuprofen is recorded.",  # leaves ibuprofen out
    "No new medication was started after the repeat injection.",
    "The reviewer held that no physical therapy was documented.",  # another party's words
    "No SNRI such as duloxetine appears in the record.",  # true
])
def test_an_absence_that_leaves_some_out_or_is_true_is_not_flagged(sentence):
    assert findings_for(sentence) == []


def test_a_reviewers_decision_is_not_a_record_of_what_it_names():
    # F14: utilization review denied the repeat injection; no procedure fact is a repeat
    # injection before the request, so only a word-for-word match could contradict
    assert findings_for("No repeat epidural injection had been authorized before October.") \
        == []


def test_the_check_is_listed_and_counts_sentences():
    check = CHECKS["absences"]
    draft, case = _draft()
    assert check.unit == "sentences"
    assert check.units(EvalContext(draft, case, excerpts_by_id())) > 50


@pytest.mark.parametrize(("sentence", "fact"), [
    # never put through it
    ("He was never examined for a straight-leg raise before the injection.", "F2"),
    # "no evidence that <someone> <did> <it>": the object is what is missing
    ("There is no evidence that he ever completed a course of physical therapy.", "F4"),
    ("There is no sign that anyone prescribed tramadol for his leg pain.", "F6"),
    # "in my record" after the denial; a word of the concept's own name is no modifier head
    ("There is no magnetic resonance imaging in his record at all.", "F5"),
])
def test_an_absence_by_subject_verb_or_place_is_read_against_the_record(sentence, fact):
    found = findings_for(sentence)
    assert len(found) == 1, found
    assert f" {fact} records" in found[0].message


@pytest.mark.parametrize("sentence", [
    "There is no electrodiagnostic testing in his record.",  # true: there is none
    "There is no evidence that he ever received an SNRI.",  # true
    "He was never screened for opioid misuse before tramadol.",  # no such fact, a modifier
])
def test_such_absences_when_true_are_not_flagged(sentence):
    assert findings_for(sentence) == []


def test_a_test_report_records_its_test_and_a_name_holds_no_modifier_head():
    # wc-consult-topical-imr F8 gives only findings, but was read from D6, "EMG and nerve
    # conduction study of the right lower limb"; "electrodiagnostic testing" is a name of the
    # concept, though "testing" after a concept usually only qualifies it ("no opioid testing"
    # is not "no opioid")
    case, settings = load_case(EXAMPLES / "wc-consult-topical-imr.yaml"), Settings()
    draft = asyncio.run(draft_case(case, "h", create("offline", settings), settings,
                                   excerpts_by_id()))
    sentence = "There is no electrodiagnostic testing anywhere in his file."
    sections = list(draft.sections)
    sections[-2] = sections[-2].model_copy(
        update={"text": sections[-2].text.rstrip() + "\n\n" + sentence})
    found = [f for f in check_absences(EvalContext(draft.model_copy(update={"sections": sections}),
                                                   case, excerpts_by_id()))
             if f.text.strip() == sentence]
    assert len(found) == 1 and " F8 records " in found[0].message, found


@pytest.mark.parametrize(("statement", "contradicts"), [
    # lidocaine and a patch named apart name a lidocaine patch, a topical agent
    ("Lidocaine 4 percent patches on the knee twice daily helped a little.", True),
    ("Fentanyl 25 mcg patches every 72 hours.", False),  # a patch, but no topical agent
    ("Lidocaine 1 percent was infiltrated before the block.", False),  # lidocaine, no patch
])
def test_a_concept_a_fact_names_by_its_parts(statement, contradicts):
    from evals.checks.absences import _contradicted

    assert bool(_contradicted("no topical agent", "F1", statement)) is contradicts


def _contradicts(sentence: str, statement: str) -> bool:
    from evals.checks.absences import _contradicted, absence_clauses

    return any(_contradicted(claim, "F1", statement)
               for _, claims in absence_clauses(sentence) for claim in claims)


@pytest.mark.parametrize(("sentence", "statement"), [
    # a synonym the polarity tokens write as one word ("nsaid", "odi") is still a kind
    ("Nothing in the chart shows that NSAIDs or muscle relaxants were ever given.",
     "NSAIDs were stopped in 2021 after reflux."),
    # a measure's score is the measure; "or other ..." after the first item leaves none out
    ("No Oswestry score or other functional scale is on file.",
     "Oswestry disability index 36 percent at intake."),
])
def test_a_kind_the_record_names_contradicts_its_absence(sentence, statement):
    assert _contradicts(sentence, statement)


@pytest.mark.parametrize(("sentence", "statement"), [
    # a place named: the clinic is not the home
    ("No home TENS trial is recorded.",
     "TENS was applied in the clinic during therapy; no home TENS use."),
    # "other" in the first item still leaves some out
    ("No other anti-inflammatory was tried.", "Ibuprofen 600 mg was tried for a month."),
])
def test_a_kind_named_elsewhere_or_left_out_does_not(sentence, statement):
    assert not _contradicts(sentence, statement)


def test_an_order_does_not_record_what_it_is_for():
    assert not _contradicts("No daily home use was ever recorded.",
                            "The physician ordered a cane with a brace for daily home use.")
    assert _contradicts("No daily home use was ever recorded.",
                        "The patient logged daily home use for a month.")


def test_a_denial_that_excepts_what_it_names_is_not_contradicted_by_it():
    assert not findings_for("Apart from the twelve visits in the spring, no physical therapy "
                            "is documented.")
    assert findings_for("No physical therapy is documented.")


def test_a_thing_said_not_done_is_an_absence_claim():
    assert _contradicts("A reviewer may note that no nerve conduction study was done before "
                        "the block.", "Nerve conduction study of both legs: normal.")
