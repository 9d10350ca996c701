"""Paraphrase round 10 (#19): false alarms first, read across every development set (1-10).

Each test is a class of error seen in several sets, written here in new synthetic words."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.entities import lexicon, unsupported
from evals.checks.entity_text import without_pending
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SOURCE = [("F2", "Cervical MRI: left paracentral disc protrusion at C5-C6 with foraminal "
                 "narrowing.")]


def test_what_the_record_does_not_hold_yet_is_not_claimed_of_a_cited_fact():
    # a clause about a thing still awaited, wished for or not yet done names what no cited
    # fact could hold (the absences check reads such clauses against the whole record)
    for said in (
        "The protrusion at C5-C6 is clear on the MRI, and he has not yet seen a neurosurgeon.",
        "The MRI protrusion stands; the plan will want the neurosurgeon's own note.",
        "A nerve conduction study would strengthen a future request for the same level.",
        "Once a nerve conduction study is added, the MRI protrusion makes the case strong.",
    ):
        assert not unsupported(lexicon(), without_pending(said), SOURCE), said


def test_what_a_sentence_says_the_record_holds_is_still_checked():
    # a planned step the record states ("will be placed") is a claim like any other, and a
    # pending clause does not excuse the rest of the sentence
    for said in (
        "The needle will be placed under ultrasound at C5-C6, as the MRI shows.",
        "A nerve conduction study confirmed the C5-C6 level, and he has not yet seen a surgeon.",
    ):
        assert unsupported(lexicon(), without_pending(said), SOURCE), said


# --- a sentence timing one cited fact against another names the facts' documents -----------

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE = load_case(EXAMPLES / "wc-consult-topical-imr.yaml")  # F7 knee MRI, F8 nerve study


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(draft_case(CASE, "round10", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def support_errors(draft: Draft, sentence: str) -> list[str]:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I2")
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, CASE, EXCERPTS).errors
            if f.check == "citation_support" and f.text.strip() == sentence]


def test_an_interval_between_two_cited_facts_may_name_their_documents(draft):
    # F7 is read from an imaging report, F8 from an electrodiagnostic one, nine weeks later: a
    # sentence timing one against the other is supported though neither statement names them
    sentence = ("The electrodiagnostic report came about nine weeks after the imaging report "
                "[F7][F8].")
    assert support_errors(draft, sentence) == []


def test_an_interval_the_cited_dates_do_not_give_lends_no_document_words(draft):
    sentence = ("The electrodiagnostic report came about nine months after the imaging report "
                "[F7][F8].")
    assert support_errors(draft, sentence)
