"""Uncited claims (#19, paraphrase set 3 as development set): the outcome a physician reached by
hand for an item (``expected``, the answer key of tests and docs, which no drafting prompt is
given) is not something the case file states, so a sentence restating its numbers without a
citation is an error; and a number no case text states beside a drug, test, scale or procedure
the lexicon names is patient-specific, not only beside the few clinical words of a pattern."""

from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path

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


REALISTIC = EXAMPLES.parents[1] / "benchmarks" / "realistic_cases_2"


def uncited_in(case_file: Path, sentence: str) -> list[str]:
    """The uncited-claim errors of a sentence added to the first item section of an offline
    draft of a realistic case (sparse, secondhand, with records cited but not supplied)."""
    case = load_case(case_file)
    draft = asyncio.run(draft_case(case, "uncited", create("offline", SETTINGS), SETTINGS,
                                   EXCERPTS))
    section = next(s for s in draft.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(draft, case, EXCERPTS).errors
            if f.check == "uncited_claims" and f.text.strip() == sentence]


@pytest.mark.parametrize(("sentence", "wrong"), [
    # mn-engblom-esi-rfa: D1 "Left L4-5 laminotomy, medial facetectomy and discectomy", dated
    # 15 April 1991 (cited, not supplied), and F2, that surgery, dated April 1991
    ("- Left L4-5 laminotomy, medial facetectomy and discectomy, dated 15 April 1991.", None),
    ("The packet lacks the left L4-5 laminotomy, medial facetectomy and discectomy (dated 15 "
     "April 1991).", None),
    ("In April 1991 he underwent a laminotomy with a medial facetectomy and discectomy.",
     "restates F2 without citing it"),
])
def test_a_records_date_beside_its_title_is_the_inventorys_not_a_fact(sentence, wrong):
    """A sentence naming a record by its title may give the date the inventory states for it
    (a list of records, a gap line); the same surgery told with its date, without the record's
    title, still draws on the fact and needs its citation."""
    assert uncited_in(REALISTIC / "mn-engblom-esi-rfa.yaml", sentence) == \
        ([wrong] if wrong else [])


@pytest.mark.parametrize(("sentence", "wrong"), [
    # wc-esi-facet-preauth: I2, facet injections requested for 15 July 2002 (a key date of the
    # case file); F3, the request itself, dated that day: "facet injections without levels"
    ("I2, the facet injections (levels and type not specified) (requested for 15 July 2002), "
     "is judged against the criteria for medial branch block.", None),
    ("The request of 15 July 2002 lists facet injections without levels, type or a clinical "
     "reason.", "restates F3 without citing it"),
])
def test_an_items_date_beside_its_name_is_the_case_files(sentence, wrong):
    """An item's date of service beside the item's name is stated by the case file; the same
    date beside what the request said, without the item's name, still draws on the fact."""
    assert uncited_in(REALISTIC.parent / "realistic_cases" / "wc-esi-facet-preauth.yaml",
                      sentence) == ([wrong] if wrong else [])


# A month named with its year ("in November 2015") dates a patient-specific claim as a whole date
# does: without a citation it is an error where the case file does not state that month (#19,
# paraphrase round 12); a month of the case's key dates or items, or a sentence naming no
# clinical thing, is not.
@pytest.mark.parametrize(("sentence", "flagged"), [
    ("He had a facet injection in November 2015 that helped for a while.", True),
    ("Tramadol was stopped in March 2019 because of nausea.", True),
    ("He had a facet injection some years ago that helped for a while.", False),
    ("The appeal was argued at length in November 2015.", False),
])
def test_a_month_and_year_dates_an_uncited_claim(sentence, flagged):
    found = uncited("wc-opioids-appeal", sentence)
    assert bool(found) == flagged, found


# A count of the patient's history ("three lumbar epidurals", "two early refill requests") or a
# year it is dated by ("in 2013") makes an uncited clinical sentence specific, where the case
# file does not count or date the same (#19, paraphrase round 12); a guideline's year, a count
# the case file states of the same thing, or a sentence naming no clinical thing is not.
@pytest.mark.parametrize(("sentence", "flagged"), [
    ("He had three lumbar epidurals before the fusion, none of which helped.", True),
    ("Two separate physicians declined to raise the oxycodone dose.", True),
    ("He tried an injection in 2013 that helped for a while.", True),
    ("He had several lumbar epidurals before the fusion, none of which helped.", False),
    ("Under the 2016 CDC guideline, opioids are not a first-line therapy.", False),
    ("The appeal was argued at length in 2013.", False),
    # a bound before a count is a requirement, not the history
    ("The plan argued that the ablation followed fewer than two qualifying epidurals.", False),
])
def test_a_count_or_year_of_the_history_makes_an_uncited_claim_specific(sentence, flagged):
    found = [m for m in uncited("wc-opioids-appeal", sentence) if "patient-specific" in m]
    assert bool(found) == flagged, found
