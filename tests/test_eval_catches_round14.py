"""Catch round 14 (#19): classes of miss read across the development paraphrase sets 1-20, each
written here in new synthetic words, with the correct sentence each rule must leave alone.

- A section about the whole case (the opening, the summary, the conclusion) concludes as the
  criteria do: "the denial should be overturned" in the opening of a draft whose criteria find
  the item not necessary contradicts the draft's own checklist. Workers' compensation and
  no-fault wording ("reasonably required", "reasonable and necessary") states an outcome as
  "medically necessary" does.
- A cited guideline is not stated wider than it is written: "covers the device whenever the
  patient asks", "exempt from the necessity requirement", where the excerpt has no word that
  makes its rule unconditional."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.absences import _contradicted
from evals.checks.currency import check_currency
from evals.checks.outcomes import check_outcomes, stated_outcome
from evals.checks.reach import widened
from evals.context import EvalContext
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return asyncio.run(draft_case(case, "h", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def _context(name: str, kind: str, sentence: str) -> EvalContext:
    draft, case = _draft(name)
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.kind == kind)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return EvalContext(changed, case, EXCERPTS)


def _outcome_errors(name: str, kind: str, sentence: str) -> list[str]:
    return [f.message for f in check_outcomes(_context(name, kind, sentence))
            if sentence[:40] in f.text]


# --- the whole-case sections conclude as the criteria do --------------------------------------

@pytest.mark.parametrize(("text", "outcome"), [
    ("On this record the epidural was reasonably required.", "necessary"),
    ("The unit was not reasonable and necessary for the sprain.", "not_necessary"),
    ("The refills were not shown to be reasonably required.", "insufficient_documentation"),
    ("The block isn't reasonably required on these notes.", "not_necessary"),
    ("I do not think the officer will find the block reasonably required.", "not_necessary"),
    ("I think the officer will find the block reasonably required.", "necessary"),
    # reported, not the draft's own finding
    ("The hearing officer found the block reasonably required.", None),
])
def test_workers_compensation_words_state_an_outcome(text, outcome):
    assert stated_outcome(text) == outcome


@pytest.mark.parametrize(("name", "kind", "sentence"), [
    # the TENS review finds the unit not necessary; its opening says the opposite
    ("medicare-tens-review", "opening",
     "Having read the file, I find the home unit reasonable and necessary for her back pain."),
    ("medicare-tens-review", "opening", "In short, the denial of the unit should be overturned."),
    # the ESI appeal finds the injection necessary; its summary upholds the denial
    ("medicare-lumbar-esi-appeal", "opening",
     "On balance the contractor's denial should be upheld for now."),
])
def test_a_case_section_that_concludes_against_the_criteria_is_flagged(name, kind, sentence):
    assert _outcome_errors(name, kind, sentence)


@pytest.mark.parametrize(("name", "kind", "sentence"), [
    ("medicare-tens-review", "opening",
     "Having read the file, I find the home unit not medically necessary for her back pain."),
    ("medicare-lumbar-esi-appeal", "opening", "In short, the denial should be overturned."),
    # another body's finding, reported
    ("medicare-tens-review", "chronology",
     "The supplier's physician called the unit medically necessary in March."),
    # the decision under review reported, and the question put
    ("medicare-lumbar-esi-appeal", "opening",
     "The contractor denied the injection in May as not medically necessary."),
    ("medicare-lumbar-esi-appeal", "opening",
     "The question is whether the contractor's denial should be upheld."),
    # a case of two items with different results: a general outcome names neither
    ("wc-lumbar-esi-plaintiff", "opening", "I find the care reasonably required."),
])
def test_a_case_section_that_agrees_or_reports_is_not_flagged(name, kind, sentence):
    assert not _outcome_errors(name, kind, sentence)


# --- a guideline stated wider than it is written -----------------------------------------------

RULE = [("x-rule", "Replacement is covered at battery end of life or when the device fails and "
                   "cannot be repaired.")]


@pytest.mark.parametrize("sentence", [
    "The policy covers replacement whenever the patient reports pain at the site.",
    "The policy covers replacement regardless of why the device was removed.",
    "Under the policy, pump revisions are exempt from these limits.",
    "The policy applies one uniform rule to every pump.",
    "Replacement is approved automatically once the battery is low.",
])
def test_an_unconditional_word_the_excerpt_does_not_use_is_flagged(sentence):
    assert "wider than it is written" in widened(sentence, RULE)


@pytest.mark.parametrize(("sentence", "excerpts"), [
    # the excerpt grants it
    ("The rule applies regardless of what was tried before.",
     [("y-rule", "Any compound holding one drug that is not recommended is not recommended, "
                 "regardless of the other ingredients.")]),
    # a concession about the case, at the sentence's start
    ("Whatever the clinical intent, the note records only the refills.", RULE),
    # no unconditional word
    ("Replacement is covered when the device fails beyond repair.", RULE),
    # no excerpt cited
    ("The pump is refilled whenever the alarm sounds.", []),
])
def test_a_faithful_or_conceding_sentence_is_not_flagged(sentence, excerpts):
    assert widened(sentence, excerpts) == ""


def test_the_currency_check_reports_a_widened_guideline():
    ctx = _context("medicare-lumbar-esi-appeal", "item_analysis",
                   "Medicare covers a repeat injection whenever the patient asks for one "
                   "[G:lcd-esi-repeat-response].")
    assert any("wider than it is written" in f.message for f in check_currency(ctx))


@pytest.mark.parametrize("text", [
    "The IRO's decision treats the block as not medically necessary.",
    "For a commercial plan, “medically necessary” is measured against accepted standards.",
])
def test_an_outcome_named_or_reported_of_a_decision_is_not_stated(text):
    assert stated_outcome(text) is None


# --- a neurological examination is recorded by its parts -----------------------------------------

@pytest.mark.parametrize(("claim", "statement"), [
    ("no neurological examination", "Strength 5/5 in both legs, sensation intact, reflexes 2+."),
    ("no neurological examination", "Left knee reflex diminished and reduced light touch over "
                                     "the left shin."),
    ("no neurologic exam of the legs", "Sensation and muscle strength are normal in both legs."),
])
def test_no_neurological_examination_is_contradicted_by_a_recorded_motor_sensory_or_reflex_finding(
        claim, statement):
    assert "neurological examination" in _contradicted(claim, "F9", statement)


@pytest.mark.parametrize(("claim", "statement"), [
    # a tablet's strength is no examination
    ("no neurological examination", "Cyclobenzaprine 10 mg tablets, strength as dispensed."),
    ("no neurological examination", "Lumbar MRI: disc protrusion at L4-L5."),
])
def test_no_neurological_examination_stands_beside_facts_without_one(claim, statement):
    assert _contradicted(claim, "F9", statement) == ""
