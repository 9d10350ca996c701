"""Paraphrase round 15 (#19): classes of false alarm read across the development paraphrase sets
1-21, each written here in new synthetic words, with the error each rule must still catch
beside it.

- An outcome is compared with the cited record, not only with the engine: a sentence stating
  the outcome that a fact it cites records (a hearing officer's finding, a compensability
  ruling) is supported by what it cites, whatever the criteria result.
- "Neither X nor Y is reasonably required", "don't look reasonable and necessary" deny the
  outcome; a rule for all care and a definition state none; "not shown to be medically
  necessary" is the not-necessary finding of a setting whose reviewers find it so.
- The writer's own holdings ("I don't have the ALJ's reasoning", "we never had a relief
  percentage") and a record's silence said of the record ("the file doesn't show the reasons")
  reverse no status of the patient.
- A better source than the one cited must share two more of the sentence's words (one where
  the sentence says the record lacks something): one shared word in a short sentence of
  reasoning is no sign that the claim belongs to another fact.
- The patient's age stated in the present tense ("She's 58,", "who is 58,")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from drafting.case import Case
from drafting.draft import Draft
from evals.checks.consistency import _ages
from evals.checks.outcome_record import recorded_outcomes
from evals.checks.outcomes import check_outcomes, stated_outcome
from evals.checks.polarity.check import _problems
from evals.checks.support import check_support
from evals.context import EvalContext
from tests.conftest import DATA
from tests.offline_drafts import EXCERPTS, offline_draft

HEARING = ("After a contested hearing the hearing officer found the left L4-L5 epidural "
           "injection not reasonable and necessary.")


def _case_with_ruling(tmp_path: Path, statement: str = HEARING) -> Path:
    data = yaml.safe_load((DATA / "minimal_case.yaml").read_text(encoding="utf-8"))
    data["documents"].append({"id": "D4", "type": "other", "date": "2022-08-01",
                              "title": "Hearing decision", "pages": 4})
    data["facts"].append({"id": "F4", "category": "other", "date": "2022-08-01",
                          "statement": statement, "source": {"document": "D4", "page": 1}})
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _in_item_section(draft: Draft, sentence: str) -> Draft:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I1")
    section.text = section.text.rstrip() + "\n\n" + sentence
    return changed


def _outcome_errors(draft: Draft, case: Case, sentence: str) -> list[str]:
    ctx = EvalContext(_in_item_section(draft, sentence), case, EXCERPTS)
    return [f.message for f in check_outcomes(ctx)]


# --- outcomes against the cited record --------------------------------------------------------

def test_the_engine_finds_the_synthetic_injection_necessary(tmp_path):
    draft, _ = offline_draft(_case_with_ruling(tmp_path))
    assert {r.item_id: r.outcome.value for r in draft.criteria if r.outcome} == \
        {"I1": "necessary"}


def test_an_outcome_the_cited_ruling_records_is_no_error(tmp_path):
    draft, case = offline_draft(_case_with_ruling(tmp_path))
    assert _outcome_errors(draft, case, "As the hearing officer found, the injection is not "
                                        "medically necessary [F4].") == []


@pytest.mark.parametrize("sentence", [
    # nothing cited: the engine's result is all there is to compare with
    "On this record the injection is not medically necessary.",
    # a fact that records no decision
    "Given the positive straight-leg raise, the injection is not medically necessary [F1].",
])
def test_an_outcome_no_cited_fact_records_is_still_compared_with_the_engine(tmp_path, sentence):
    draft, case = offline_draft(_case_with_ruling(tmp_path))
    assert _outcome_errors(draft, case, sentence) == [
        "states not_necessary but the criteria result for I1 is necessary"]


def test_the_opposite_of_the_cited_ruling_is_still_an_error(tmp_path):
    # the ruling records necessary, as the engine finds: "not necessary" cited to it is
    # supported by neither
    ruling = "The hearing officer found the injection reasonable and necessary."
    draft, case = offline_draft(_case_with_ruling(tmp_path, ruling))
    assert _outcome_errors(draft, case, "The injection is not medically necessary, contrary to "
                                        "the hearing officer [F4].") == [
        "states not_necessary but the criteria result for I1 is necessary"]


@pytest.mark.parametrize(("statement", "outcomes"), [
    (HEARING, {"not_necessary"}),
    ("The IRO overturned the carrier's denial of the injection.", {"necessary"}),
    ("The ALJ found the stimulator implantation non-compensable.", {"not_necessary"}),
    ("The ALJ found the lamotrigine compensable.", {"necessary"}),
    # a ruling on the claim, not on a treatment
    ("The claim was held compensable for a lumbar sprain only.", set()),
    # only some care: the rest is not
    ("The ALJ found only the lowest dose compensable.", {"necessary", "not_necessary"}),
    ("The reviewer found some of her care reasonable and necessary but not the lozenges.",
     {"necessary", "not_necessary"}),
])
def test_what_a_record_decided(statement, outcomes):
    assert recorded_outcomes(statement) == frozenset(outcomes)


# --- reading an outcome ------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "outcome"), [
    ("On this file neither the buprenorphine film nor the lidocaine system is shown to be "
     "reasonably required.", "insufficient_documentation"),
    ("Neither the June refill of extended-release oxycodone nor the hydrocodone refill was "
     "reasonably required.", "not_necessary"),
    ("Like the blocks, the repeat neurotomies don't look reasonable and necessary here.",
     "not_necessary"),
    ("The neurotomies seem reasonable and necessary here.", "necessary"),
    # a rule for all care and a definition: no finding on the item
    ("The state requires that all treatment be medically necessary.", None),
    ("By the usual definition, medically necessary care must be clinically appropriate.", None),
    ("The block is medically necessary care for her radiculopathy.", "necessary"),
])
def test_outcome_readings(sentence, outcome):
    assert stated_outcome(sentence) == outcome


def test_not_shown_agrees_with_not_necessary_where_the_setting_says_so(tmp_path):
    # Medicare reviewers find an item not shown to be necessary not necessary
    ruling = "The hearing officer found the injection reasonable and necessary."
    draft, case = offline_draft(_case_with_ruling(tmp_path, ruling))
    # the engine finds it necessary: "not shown" disagrees
    assert _outcome_errors(draft, case, "The injection is not shown to be medically "
                                        "necessary.") == [
        "states insufficient_documentation but the criteria result for I1 is necessary"]


# --- the writer's holdings are no reversed status -----------------------------------------------

@pytest.mark.parametrize(("sentence", "fact"), [
    ("I don’t have the judge’s reasoning in front of me.", "The judge ruled on the pump."),
    ("I can’t find any treating opinion in the records that supports the deadline.",
     "A treating opinion supported a slow taper."),
    ("The file doesn’t show the reasons the review office gave.",
     "The review office confirmed the refusal."),
    ("We don’t have the number of laser sessions.", "She received laser sessions."),
    ("Specifically, we never had a relief percentage after the facet injection.",
     "Pain relief was reported after the facet injection."),
    ("The record does not show a trial of an oral neuropathic agent before the cream.",
     "No trial of an oral neuropathic agent is documented."),
])
def test_what_the_writer_holds_reverses_nothing(sentence, fact):
    assert _problems(sentence, (("F1", fact),)) == []


@pytest.mark.parametrize(("sentence", "fact"), [
    ("She did not have any relief after the injection.",
     "She reported 60% relief after the injection."),
    ("The MRI did not show stenosis.", "The MRI showed stenosis at L4-5."),
])
def test_a_patients_status_denied_is_still_a_reversal(sentence, fact):
    assert _problems(sentence, (("F1", fact),)) != []


# --- a better source shares more than one word ------------------------------------------------

def _support_findings(sentence: str) -> list[tuple[str, str]]:
    draft, case = offline_draft(DATA / "minimal_case.yaml")
    changed = _in_item_section(draft, sentence)
    return [(f.severity, f.message) for f in check_support(EvalContext(changed, case, EXCERPTS))
            if sentence[:30] in f.text]


def test_one_shared_word_is_no_better_source():
    # reasoning sharing one word ("knee") with F1, cited to F2: a doubt for the reader (a
    # warning), not a claim cited to the wrong fact
    assert [s for s, _ in _support_findings("The knee is not where the dispute lies [F2].")] == [
        "warning"]


def test_a_claim_cited_to_the_wrong_fact_is_still_an_error():
    assert _support_findings("Pain below the knee alone would not decide a surgical question "
                             "[F2].") == [
        ("error", "the cited source does not support the sentence (word overlap 0%); F1 does "
                  "(60%)")]
    assert [s for s, _ in _support_findings("Eight weeks of physical therapy and naproxen "
                                            "brought no lasting relief [F2].")] == ["error"]


# --- the patient's age ---------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "ages"), [
    ("She’s 58, and the dispute is narrow.", {58.0}),
    ("I write for my mother, who is 58, about the injection.", {58.0}),
    ("He’s 40 mg a day of oxycodone.", set()),
])
def test_ages_said_in_the_present_tense(sentence, ages):
    assert _ages(sentence) == ages


# --- a decision of the record, uncited --------------------------------------------------------

def _uncited_errors(sentence: str) -> list[str]:
    from evals.checks.uncited import check_uncited

    draft, case = offline_draft(DATA / "minimal_case.yaml")
    changed = _in_item_section(draft, sentence)
    return [f.message for f in check_uncited(EvalContext(changed, case, EXCERPTS))
            if f.severity == "error" and f.sentence is not None and sentence[:30] in f.text]


@pytest.mark.parametrize("sentence", [
    "The payer denied the injection, and the IRO then agreed with that denial.",
    "The hearing officer found against the independent review, and the payer appealed.",
    "The compensation judge credited the treating physician, and the Board affirmed.",
])
def test_a_decision_of_the_record_needs_a_citation(sentence):
    assert len(_uncited_errors(sentence)) == 1


@pytest.mark.parametrize("sentence", [
    "If the IRO agreed with the denial, a hearing would follow.",
    "The payer denied the injection as not medically necessary.",  # the denial under review
    "The appeal was decided by a board-certified physician who took no part in the denial.",
    "The denial is overturned.",
])
def test_the_denial_under_review_and_a_supposed_decision_need_none(sentence):
    assert _uncited_errors(sentence) == []


# --- a contrast sets a thing aside; it does not deny it -------------------------------------

@pytest.mark.parametrize(("sentence", "fact"), [
    ("The claim was accepted for a lumbar strain only, not for the degenerative changes.",
     "MRI showed degenerative changes at L4-L5."),
    ("What is requested is a temporary trial of five to seven days, not a permanent implant.",
     "A permanent implant would follow a successful trial."),
    ("The specialist thought some, not all, of his pain came from the trigger points.",
     "Part of his pain came from trigger points."),
])
def test_a_contrast_is_no_reversal(sentence, fact):
    assert _problems(sentence, (("F1", fact),)) == []


@pytest.mark.parametrize(("sentence", "fact"), [
    ("The MRI, not surprisingly, showed no stenosis.", "The MRI showed stenosis at L4-L5."),
    ("The relief was brief, not lasting, and she did not improve.", "She improved after it."),
])
def test_a_denial_after_a_contrast_is_still_a_reversal(sentence, fact):
    assert _problems(sentence, (("F1", fact),)) != []


# --- a span supposed, planned or set aside is not the record's --------------------------------

def _span_errors(sentence: str) -> list[str]:
    from evals.checks.consistency import check_consistency

    draft, case = offline_draft(DATA / "minimal_case.yaml")
    changed = _in_item_section(draft, sentence)
    return [f.message for f in check_consistency(EvalContext(changed, case, EXCERPTS))
            if sentence[:30] in f.text and "span" in f.message]


@pytest.mark.parametrize("sentence", [
    "If the therapy had given, say, relief for three weeks, this would be a different report "
    "[F3].",
    "I will keep the file open for 30 days in case the therapy notes arrive [F3].",
    "We’ll revisit the therapy question at follow-up in 4-6 weeks [F3].",
    "A home program rather than a further three-month course of therapy is what fits [F3].",
])
def test_a_supposed_span_is_not_the_records(sentence):
    assert _span_errors(sentence) == []


def test_a_span_said_of_the_record_is_still_checked():
    assert _span_errors("Three weeks of physical therapy and naproxen brought no lasting "
                        "relief [F3].") != []
