"""A criterion quoted in the guideline's words is not the draft's claim (#19, absences): "the
requirement that the compound contains no ingredient the guideline does not recommend ... is
not established" says nothing about what the record lacks, though its words read like an
absence ("contains no ingredient"), and the record's facts do name the compound's ingredients.
The draft's own statement of an absence is still read."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.test_criteria import mutated

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


def _with_reviewers_remark(data: dict) -> None:
    """A fact that names the compound's ingredients (a peer reviewer's remark, as real files
    summarise one)."""
    remark = dict(next(f for f in data["facts"] if f["id"] == "F18"))
    remark.update(id="F99", category="other", tags=[], statement="The peer reviewer added that "
                  "the amounts and ratios of the ingredients have no scientific basis.")
    remark.pop("dose", None)
    data["facts"].append(remark)


CASE = mutated("wc-consult-topical-imr", _with_reviewers_remark)  # I3 a compounded cream
STATEMENT = ("the compound contains no ingredient the guideline does not recommend for topical "
             "use (gabapentin, baclofen, cyclobenzaprine or other muscle relaxants, ketoprofen, "
             "or lidocaine in a non-patch form)")


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(draft_case(CASE, "quotes", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def absence_errors(draft: Draft, sentence: str) -> list[str]:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.key == "determination-I3")
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, CASE, EXCERPTS).errors
            if f.section == section.key and f.check == "absences" and f.text == sentence]


def test_a_quoted_criterion_is_not_an_absence_claim(draft: Draft) -> None:
    assert absence_errors(draft, f"For I3, the requirement that {STATEMENT} is not met.") == []
    assert absence_errors(draft, f"**{STATEMENT[0].upper() + STATEMENT[1:]}.** Not met.") == []


def test_the_drafts_own_absence_claim_is_still_read(draft: Draft) -> None:
    assert absence_errors(draft, "No ingredient of the compound is recorded.") == [
        "says the record has no ingredient of the compound, but F99 records ingredients"]
