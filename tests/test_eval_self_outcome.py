"""A sentence that disagrees with itself about an item's outcome (#19 coherence): not
medically necessary while the decision that cut the request back is overturned, or medically
necessary while its denial is upheld. A sentence whose outcome and disposition agree, or that
says the decision should not stand or not be reversed, is left alone."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.coherence import check_coherence
from evals.context import EvalContext
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft() -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    return asyncio.run(draft_case(case, "h", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def coherence(sentence: str) -> list[str]:
    draft, case = _draft()
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in check_coherence(EvalContext(changed, case, EXCERPTS))
            if f.text.strip() == sentence and ("overturns" in f.message or
                                               "upholds" in f.message)]


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("The repeat injection is not medically necessary, and the UR non-certification is "
     "reversed [F2].", "not medically necessary but overturns"),
    ("The repeat injection is medically necessary, and the utilization review denial is "
     "affirmed [F2].", "medically necessary but upholds"),
    ("The repeat injection is medically necessary, and the denial is overturned [F2].", None),
    ("The repeat injection is not medically necessary, and the denial is upheld [F2].", None),
    ("Because the repeat injection is medically necessary, the denial should not be upheld "
     "[F2].", None),
    ("The repeat injection is not medically necessary, so the denial should not be "
     "overturned [F2].", None),
])
def test_an_outcome_and_its_disposition_agree(sentence, wrong):
    found = coherence(sentence)
    if wrong is None:
        assert found == []
    else:
        assert any(wrong in f for f in found), found


def outcome_conflicts(sentence: str) -> list[str]:
    """The coherence errors naming two outcomes that a sentence added to I1's section raises."""
    draft, case = _draft()
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I1")
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in check_coherence(EvalContext(changed, case, EXCERPTS))
            if f.text.strip() == sentence and "states" in f.message]


@pytest.mark.parametrize(("sentence", "wrong"), [
    # I1, the repeat epidural injection, is found medically necessary in its own section
    ("A repeat injection is not medically necessary unless the first gave lasting relief "
     "[G:mtus-cp-esi-repeat-therapeutic].", None),
    ("The repeat injection is not medically necessary here [F2].",
     "states not_necessary for I1, but analysis-I1 states necessary"),
])
def test_the_guidelines_rule_cited_to_it_alone_is_no_outcome_for_the_item(sentence, wrong):
    """A sentence cited to guideline excerpts only states the standard ("... is not medically
    necessary unless ..."), not the draft's outcome; the same words cited to the record do."""
    assert outcome_conflicts(sentence) == ([wrong] if wrong else [])
