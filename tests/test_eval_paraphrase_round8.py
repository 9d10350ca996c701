"""Paraphrase round on set 8 (#19): each cause of a false alarm or a miss fixed in the checks,
with synthetic sentences written for the test (none is from a labelled paraphrase set).

- entities: the patient's occupation, which the case file states outside any fact, and a drug's
  property ("non-sedating") that names no side effect;
- outcomes: a holding reported of another body ("the court of appeal held it medically
  necessary") is not the draft's outcome; a decision on the denial in the draft's own voice or
  the passive ("this reviewer overturns the non-certification", "the denial is upheld") is;
- consistency: a date with a two-digit year the cited facts give, a change of points the source
  gives from one value to another, a count of the roots cited, a span from a key date of the
  case the sentence names;
- polarity: what the writer has not been sent, what the notes do not record (the absences
  check's to read) and a criterion's terms in apposition are no statement about the patient."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import claims
from evals.checks.consistency import _Cited, _problems
from evals.checks.entities import lexicon, unsupported
from evals.checks.outcomes import check_outcomes, decided_outcome, stated_outcome
from evals.checks.polarity.check import _problems as polarity_problems
from evals.context import EvalContext
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return asyncio.run(draft_case(case, "round8", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def errors(name: str, sentence: str, check: str, kind: str | None = None) -> list[str]:
    """The errors of one check on a sentence added to the case's first item section (or the
    first section of ``kind``)."""
    draft, case = _draft(name)
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if (s.kind == kind if kind else s.item_id))
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check == check and f.text.strip() == sentence]


# --- entities ----------------------------------------------------------------------------------
# wc-consult-topical-imr: the patient is a "warehouse forklift operator"; F1 the crush injury.

@pytest.mark.parametrize(("sentence", "wrong"), [
    ("The applicant, a forklift operator at a warehouse, was pinned against a loading-dock wall "
     "[F1].", False),
    ("The applicant, a long-haul truck driver, was pinned against a loading-dock wall [F1].",
     True),
])
def test_the_patients_occupation_needs_no_fact(sentence, wrong):
    found = errors("wc-consult-topical-imr", sentence, "entities")
    assert bool(found) is wrong, found


@pytest.mark.parametrize(("said", "wrong"), [
    ("a non-sedating topical agent is preferred", False),
    ("a nonsedating topical agent is preferred", False),
    ("the agent caused sedation", True),
])
def test_a_drugs_property_names_no_side_effect(said, wrong):
    found = unsupported(lexicon(), said, [("F12", "Tramadol 50 mg twice daily gives partial "
                                                  "relief.")])
    assert bool(found) is wrong, found


# --- outcomes ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "outcome"), [
    ("The court of appeal held the injection medically necessary.", None),
    ("Because the court has already held it medically necessary, I ask that it be scheduled.",
     None),
    ("The IRO found the injection not medically necessary.", None),
    ("This reviewer finds the injection medically necessary.", "necessary"),
    ("I have determined that the injection is not medically necessary.", "not_necessary"),
    ("It is found that the injection is medically necessary.", "necessary"),
    ("The injection is not medically necessary.", "not_necessary"),
])
def test_a_reported_holding_is_not_the_drafts_outcome(text, outcome):
    assert stated_outcome(text) == outcome


@pytest.mark.parametrize(("text", "outcome"), [
    ("This reviewer overturns the non-certification of the cream.", "necessary"),
    ("The reviewer therefore upholds the plan's denial of further visits.", "not_necessary"),
    ("The plan's denial of 3/8/22 is upheld in full.", "not_necessary"),
    ("The modification to 45 tablets should therefore be overturned.", "necessary"),
    ("In summary, this reviewer overturns the denial of the patch and upholds the denial of "
     "the cream.", "not_necessary"),
    # reported, or hoped for: not the draft's
    ("The judge, who upheld the denial, was affirmed on appeal.", None),
    ("Both denials, upheld by the IRO, stand.", None),
    ("We see little prospect that the denial will be overturned.", None),
])
def test_a_decision_on_the_denial_in_the_drafts_voice(text, outcome):
    assert decided_outcome(text) == outcome


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("This reviewer overturns the non-certification of the compounded cream.", True),
    ("This reviewer upholds the non-certification of the compounded cream.", False),
    ("The non-certification of the compounded cream is overturned.", True),
    ("Utilization review's non-certification of the cream, upheld by no one yet, is under "
     "review.", False),
])
def test_overturning_a_denial_states_an_outcome(sentence, wrong):
    # wc-consult-topical-imr: I3, the compounded cream, is not medically necessary
    draft, case = _draft("wc-consult-topical-imr")
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I3")
    section.text = section.text.rstrip() + " " + sentence
    found = [f.message for f in check_outcomes(EvalContext(changed, case, EXCERPTS))]
    assert bool(found) is wrong, found


# --- consistency -------------------------------------------------------------------------------
# wc-consult-topical-imr: injury 2016-03-08; F5 the orthopaedic visit of 2016-04-12 ("healing
# within six to eight weeks"); F19 utilization review's non-certification of 2017-05-24.

@pytest.mark.parametrize(("sentence", "wrong"), [
    ("Utilization review non-certified the consultation on 5/24/17 [F19].", None),
    ("Utilization review non-certified the consultation on 5/26/17 [F19].",
     "number(s) 17, 26 not in the cited source"),
])
def test_a_date_with_a_two_digit_year(sentence, wrong):
    found = errors("wc-consult-topical-imr", sentence, "consistency")
    assert found == ([wrong] if wrong else []), found


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("The surgeon, seen about five weeks after the injury, managed the fracture without "
     "surgery [F5].", False),
    ("The surgeon, seen about twelve weeks after the injury, managed the fracture without "
     "surgery [F5].", True),
])
def test_a_span_from_a_key_date_the_sentence_names(sentence, wrong):
    found = errors("wc-consult-topical-imr", sentence, "consistency")
    assert bool(found) is wrong, found


@pytest.mark.parametrize(("sentence", "wrong"), [
    # wc-lumbar-esi-plaintiff F10: "Oswestry index improved from 44 to 26 percent"
    ("An 18-point change in the Oswestry index followed the injection [F10].", None),
    ("A 20-point change in the Oswestry index followed the injection [F10].",
     "number(s) 20 not in the cited source"),
])
def test_a_change_the_source_gives_from_one_value_to_another(sentence, wrong):
    found = errors("wc-lumbar-esi-plaintiff", sentence, "consistency")
    assert found == ([wrong] if wrong else []), found


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("The imaging identified two specific roots as impinged.", False),
    ("The imaging identified three specific roots as impinged.", True),
])
def test_a_count_of_roots_is_the_roots_cited(sentence, wrong):
    draft, case = _draft("wc-consult-topical-imr")
    ctx = EvalContext(draft, case, EXCERPTS)
    text = "MRI showed multilevel stenosis with impingement of the exiting L4 and L5 roots."
    cited = _Cited(("F1",), text, claims.scan(text), frozenset(), frozenset(), [], 1, None)
    found = _problems(ctx, claims.scan(sentence), cited)
    assert bool(found) is wrong, found


# --- polarity ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("sentence", "source"), [
    ("We have not seen the requesting physician's own examination notes.",
     "He came under the care of the requesting physician in April 2011."),
    ("The notes do not record a daily task she could not perform.",
     "The notes showed she was able to do all daily tasks, although she reported limited "
     "stamina."),
    ("The plan's criterion, continuing pain with inability to do daily tasks, was not met.",
     "The plan denied further therapy because the notes did not show continuing pain with "
     "inability to do daily tasks."),
])
def test_what_the_writer_lacks_or_a_criterion_says_is_no_reversal(sentence, source):
    assert polarity_problems(sentence, (("F2", source),)) == []


def test_a_reversal_is_still_read():
    found = polarity_problems("Straight-leg raise was positive on the right.",
                              (("F3", "Straight-leg raise was negative on the right."),))
    assert found, found


# --- what names nothing of the record ------------------------------------------------------------

@pytest.mark.parametrize(("said", "wrong"), [
    ("he can walk about two blocks before resting", False),
    ("her walking tolerance was about one block at the consultation", False),
    ("he had two blocks before the ablation", True),
])
def test_a_walking_distance_is_no_nerve_block(said, wrong):
    found = unsupported(lexicon(), said, [("F15", "Pain 7/10; he can walk for ten minutes.")])
    assert bool(found) is wrong, found


def test_what_a_sentence_sets_aside_with_not_whether_is_not_claimed():
    from evals.checks.entity_text import without_contrasts

    text = "The reason concerned her daily tasks, not whether her shoulder pain was genuine."
    assert "shoulder" not in without_contrasts(text)


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("I set out below why the injection remains the right next step for him.", False),
    ("The injection on the right gave relief for him.", True),
])
def test_right_as_correct_is_no_side(sentence, wrong):
    from evals.checks.uncited import _specific

    assert _specific(sentence, claims.scan("left leg pain")) is wrong


@pytest.mark.parametrize(("statement", "gives"), [
    ("Her disability score improved only from 18 to 16 since the last visit.", False),
    ("She attended twelve physical therapy visits.", True),
])
def test_a_count_is_a_number_of_the_thing_counted(statement, gives):
    from evals.checks.absence_acts import act_or_count

    found = act_or_count("no how many therapy visits she had", "F3", statement)
    assert bool(found) is gives, found


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("The MRI showed single-level stenosis at L4-L5.", True),
    ("The MRI showed multi-level stenosis at L4-L5.", False),
])
def test_a_single_level_finding_is_not_a_multilevel_one(sentence, wrong):
    found = polarity_problems(sentence, (("F1", "Lumbar MRI showed multilevel stenosis at "
                                                "L4-L5 and L5-S1."),))
    assert bool(found) is wrong, found
