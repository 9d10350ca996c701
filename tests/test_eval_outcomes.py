"""The outcomes check (#19): an outcome is the last one stated about an item in its section or
its paragraph of the conclusion; a sentence there that names another item's service and not its
own states that item's outcome (a multi-item letter's reasoning crosses items)."""

from __future__ import annotations

import asyncio
import re
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.outcomes import check_outcomes, named_items, stated_outcome
from evals.context import EvalContext
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft() -> tuple[Draft, Case]:
    # I1 consultation (necessary), I2 lidocaine patch (necessary), I3 compounded cream (not)
    case = load_case(EXAMPLES / "wc-consult-topical-imr.yaml")
    return asyncio.run(draft_case(case, "outcomes", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def outcome_errors(sentence: str, where: str) -> list[str]:
    """The outcomes errors once a sentence ends the conclusion's paragraph for ``where`` (an
    item id) or the item's own section (``where`` = "section:I1")."""
    draft, case = _draft()
    changed = draft.model_copy(deep=True)
    if where.startswith("section:"):
        section = next(s for s in changed.sections if s.item_id == where[8:])
        section.text = section.text.rstrip() + " " + sentence
    else:
        section = next(s for s in changed.sections if s.kind == "conclusion")
        section.text = re.sub(rf"(?ms)(^{where}\. .*?)(?=\n\nI\d+\. |\Z)",
                              lambda m: m.group(1).rstrip() + " " + sentence, section.text)
    return [f.message for f in check_outcomes(EvalContext(changed, case, EXCERPTS))]


def test_the_clean_draft_has_no_outcome_error():
    draft, case = _draft()
    assert check_outcomes(EvalContext(draft, case, EXCERPTS)) == []


@pytest.mark.parametrize(("sentence", "where"), [
    ("By contrast, the requested patches are medically necessary for this neuropathy.", "I3"),
    ("The specialist consultation, for its part, is medically necessary.", "I3"),
    ("Unlike the patch, the ketoprofen and baclofen cream is not medically necessary.",
     "section:I2"),
])
def test_a_sentence_naming_another_item_states_that_items_outcome(sentence, where):
    assert outcome_errors(sentence, where) == []


@pytest.mark.parametrize(("sentence", "where", "message"), [
    ("By contrast, the requested patches are not medically necessary.", "I3",
     "conclusion states not_necessary for I2 but the criteria result is necessary"),
    ("For these reasons the request is medically necessary.", "I3",
     "conclusion states necessary for I3 but the criteria result is not_necessary"),
])
def test_an_outcome_is_still_checked_against_the_item_it_names(sentence, where, message):
    assert message in outcome_errors(sentence, where)


def test_items_are_named_by_what_sets_their_service_apart():
    draft, case = _draft()
    ctx = EvalContext(draft, case, EXCERPTS)
    assert named_items(ctx, "The lidocaine patches [G:mtus-cp-topical-lidocaine]") == {"I2"}
    assert named_items(ctx, "The cream holds baclofen.") == {"I3"}
    assert named_items(ctx, "Lidocaine is in both.") == frozenset()  # shared by I2 and I3


def test_an_item_named_by_its_whole_service_is_named_though_only_numbers_set_it_apart():
    """Two strengths of one drug (I1 oxycodone ER 40 mg, I2 20 mg) differ only in numbers, which
    are no mark of an item; a sentence giving one's whole service names it, so a stray word of a
    third item's service ("pain" of a pain management visit) does not make it that item's."""
    case = load_case(EXAMPLES.parents[1] / "benchmarks" / "realistic_cases" /
                     "wc-oxycontin-office-visit.yaml")
    draft = asyncio.run(draft_case(case, "outcomes", create("offline", SETTINGS), SETTINGS,
                                   EXCERPTS))
    ctx = EvalContext(draft, case, EXCERPTS)
    line = ("To a reasonable degree of medical probability, the oxycodone ER 40 mg, 90 tablets is "
            "not medically necessary, because function did not improve, not pain scores alone.")
    assert named_items(ctx, line) == {"I1", "I3"}
    assert named_items(ctx, "The oxycodone ER 20 mg, 90 tablets is continued.") == {"I2"}
    assert check_outcomes(ctx) == []


@pytest.mark.parametrize(("sentence", "outcome"), [
    # a party's position, reported: not the draft's outcome
    ("Two days later the employer offered a panel of physiatrists and argued the referral was "
     "not medically necessary [F5].", None),
    ("The carrier contends that the repeat injection is not medically necessary [F7].", None),
    ("Counsel for the claimant asserted the stimulator was medically necessary [F2].", None),
    # the draft's own voice, or no reporting verb: the draft's outcome
    ("We maintain that the injection is medically necessary.", "necessary"),
    ("I contend the injection is not medically necessary.", "not_necessary"),
    ("The injection is not medically necessary.", "not_necessary"),
])
def test_a_partys_argument_is_reported_not_concluded(sentence: str, outcome: str | None) -> None:
    assert stated_outcome(sentence) == outcome
