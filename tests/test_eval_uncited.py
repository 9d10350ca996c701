"""Uncited claims (#19, paraphrase set 3 as development set): the outcome a physician reached by
hand for an item (``expected``, the answer key of tests and docs, which no drafting prompt is
given) is not something the case file states, so a sentence restating its numbers without a
citation is an error; and a number no case text states beside a drug, test, scale or procedure
the lexicon names is patient-specific, not only beside the few clinical words of a pattern."""

from __future__ import annotations

import asyncio
from functools import cache

import pytest

from drafting.backends.registry import create
from drafting.case import Case, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


@cache
def _draft(name: str) -> tuple[Draft, Case]:
    case = load_case(EXAMPLES / f"{name}.yaml")
    return asyncio.run(draft_case(case, "uncited", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS)), case


def uncited(name: str, sentence: str) -> list[str]:
    """The uncited-claim errors of a sentence added to the case's first item section."""
    draft, case = _draft(name)
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, case, EXCERPTS).errors
            if f.check == "uncited_claims" and f.text.strip() == sentence]


@pytest.mark.parametrize(("name", "sentence", "wrong"), [
    # wc-itp-letter: F6 the intrathecal trial's 60 percent relief, F11 opioids at about 120 MME;
    # the item's expected rationale repeats both
    ("wc-itp-letter", "The intrathecal trial gave him 60 percent relief with no breakthrough "
     "medication.", "restates F6 without citing it"),
    ("wc-itp-letter", "Opioids at about 120 MME made him sedated enough to fall.",
     "states 120 (mme) of F11 without citing it"),
    ("wc-itp-letter", "The intrathecal trial was discussed with him at length.", None),
])
def test_the_answer_key_is_not_what_the_case_file_states(name, sentence, wrong):
    assert uncited(name, sentence) == ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # commercial-pns-appeal F10: Lower Extremity Functional Scale 38/80 (a scale the lexicon
    # names, not one of the clinical words of the pattern)
    ("Her lower extremity function score sat at 38 out of 80 that winter.",
     "patient-specific claim without a citation"),
    ("Her lower extremity function score was taken again that winter.", None),
])
def test_a_number_beside_what_the_lexicon_names_is_patient_specific(sentence, wrong):
    assert uncited("commercial-pns-appeal", sentence) == ([wrong] if wrong else [])
