"""Claim-level checks on a model's kind of prose (issue #19): partial dates, spans worked out
from dates, thresholds a guideline must state, copied values of a kind, uncited values that one
fact supplies, and a draft that contradicts itself. Each test puts one sentence into an item
section of a clean offline draft, as benchmarks/paraphrase_study.py does."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import claims
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE = load_case(EXAMPLES / "wc-lumbar-esi-defense.yaml")
REPEAT = "G:mtus-cp-esi-repeat-therapeutic"  # 50% relief, six to eight weeks, four a year


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(draft_case(CASE, "claims", create("offline", SETTINGS), SETTINGS, EXCERPTS))


def errors_for(draft: Draft, sentence: str, kind: str = "item_analysis") -> list[str]:
    """The error messages a sentence added at the end of the first section of ``kind``."""
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.kind == kind)
    section.text = section.text.rstrip() + "\n\n" + sentence
    for marker in claims_markers(sentence):
        target = section.excerpt_ids if marker.startswith("G:") else section.fact_ids
        name = marker[2:] if marker.startswith("G:") else marker
        if name not in target:
            target.append(name)
    before = {(f.check, f.message) for f in evaluate_draft(draft, CASE, EXCERPTS).errors
              if f.section == section.key}
    return sorted(f"{f.check}: {f.message}" for f in evaluate_draft(changed, CASE, EXCERPTS).errors
                  if f.section == section.key and (f.check, f.message) not in before)


def claims_markers(sentence: str) -> list[str]:
    import re

    return re.findall(r"\[(F\d+|G:[a-z0-9-]+)\]", sentence)


# --- reading prose ------------------------------------------------------------------------------

def test_partial_dates_are_dates_not_numbers() -> None:
    text = "Twelve visits ended in May 2016; on February 20 and March 1, 2016 she was seen in 2016."
    assert claims.month_years(text) == {(2016, 5)}
    assert claims.month_days(text) == {(2, 20)}
    assert claims.years(text) == {2016}
    assert claims.numbers(text) == {12.0}


def test_abbreviated_frequencies_and_word_numbers_are_numbers() -> None:
    assert claims.numbers("naproxen 500 mg b.i.d.") == {500.0, 2.0}
    assert claims.numbers("oxycodone 10 mg TID, then q8h") == {10.0, 3.0}
    assert claims.numbers("twenty-four visits and forty minutes") == {24.0, 40.0}
    assert claims.numbers("one of the two thirds") == frozenset()  # a pronoun and a share
    assert claims.durations("for six weeks, a ten-week program, 3 months") == {
        (6.0, "week"), (10.0, "week"), (3.0, "month")}


def test_thresholds_and_quantities_are_read_with_their_kind() -> None:
    assert claims.thresholds("at least twelve months; 90 MME or more; no more than two") == {
        12.0, 90.0, 2.0}
    assert claims.quantities("pain 6/10 after 45 tablets and a 20-minute session") >= {
        ("score", 6.0), ("tablet", 45.0), ("minute", 20.0)}


# --- cited sentences ----------------------------------------------------------------------------

def test_a_paraphrase_with_partial_dates_and_curly_quotes_passes(draft: Draft) -> None:
    sentence = ("Ibuprofen 800 mg t.i.d., started on February 20, was continued through August "
                "2016, the patient’s “baseline” analgesic [F3].")
    assert errors_for(draft, sentence) == []


def test_a_wrong_year_or_month_is_caught(draft: Draft) -> None:
    assert errors_for(draft, "Ibuprofen 800 mg three times daily was continued through August "
                             "2017 [F3].") == [
        "consistency: month(s) 2017-08 not in the cited source"]
    assert errors_for(draft, "Tramadol 50 mg every six hours was added in January 2016 [F6].") == [
        "consistency: month(s) 2016-01 not in the cited source"]


def test_a_span_must_be_stated_or_follow_from_the_dates(draft: Draft) -> None:
    # F9 states about eight weeks; six is neither stated nor between its dates
    assert errors_for(draft, "Relief of 60 percent lasted roughly six weeks [F9].") == [
        "consistency: span(s) 6 weeks not in the cited source (it gives 2 weeks, 8 weeks)"]
    # about two months = eight weeks, to half a month
    assert errors_for(draft, "Relief of 60 percent lasted about two months [F9].") == []
    # F6 ran from 20 April to 8 June 2016: seven weeks, worked out from its dates
    assert errors_for(draft, "Tramadol was taken for about seven weeks [F6].") == []
    # F8 (8 June) to F9 (3 August): eight weeks apart, counted across two cited facts
    assert errors_for(draft, "Eight weeks after the right L5-S1 transforaminal injection the "
                             "patient reported 60 percent relief of right leg pain "
                             "[F8][F9].") == []


def test_a_threshold_beside_a_guideline_citation_must_be_the_guidelines(draft: Draft) -> None:
    good = f"A repeat block needs at least 50% relief lasting six to eight weeks [{REPEAT}]."
    assert errors_for(draft, good) == []
    wrong = f"A repeat block needs at least 80% relief lasting six to eight weeks [{REPEAT}]."
    assert f"consistency: threshold(s) 80 not in the cited guideline excerpt ({REPEAT})" in \
        errors_for(draft, wrong)
    # the fact's 60 percent does not make 60 a threshold the guideline states
    borrowed = f"The guideline requires at least 60 percent relief [F9][{REPEAT}]."
    assert any("threshold(s) 60" in e for e in errors_for(draft, borrowed))


def test_a_copied_value_of_another_size_is_caught(draft: Draft) -> None:
    # 44 is in F7 (the ODI), but not as minutes: its sitting tolerance is 20 minutes
    assert errors_for(draft, "Sitting tolerance was 44 minutes with an Oswestry disability "
                             "index of 44 percent [F7].") == [
        "consistency: 44 (minute) not in the cited source, which gives 20"]


# --- uncited sentences --------------------------------------------------------------------------

def test_an_uncited_value_that_one_fact_supplies_is_flagged(draft: Draft) -> None:
    found = errors_for(draft, "Full duty resumed at 26 percent.")
    assert found == ["uncited_claims: states 26 (percent) of F10 without citing it"]


def test_reasoning_without_patient_values_needs_no_citation(draft: Draft) -> None:
    assert errors_for(draft, "A reviewer weighs whether the response to the first injection "
                             "was documented, not whether it was remembered.") == []


# --- the draft as a whole -----------------------------------------------------------------------

def _with_texts(draft: Draft, texts: dict[str, str]) -> Draft:
    changed = draft.model_copy(deep=True)
    for section in changed.sections:
        if section.key in texts:
            section.text = section.text.rstrip() + "\n\n" + texts[section.key]
    return changed


def coherence(draft: Draft) -> list[tuple[str, str]]:
    return sorted((f.severity, f.message) for f in evaluate_draft(draft, CASE, EXCERPTS).findings
                  if f.check == "coherence" and "fact id outside" not in f.message and
                  "repeats a sentence" not in f.message)


def test_one_item_with_two_outcomes_contradicts_itself(draft: Draft) -> None:
    item = next(s for s in draft.sections if s.item_id == "I1")
    said = "On this record the repeat injection is not medically necessary."
    both = _with_texts(draft, {item.key: said})
    found = coherence(both)
    assert found and found[0][0] == "error" and "I1" in found[0][1]


def test_a_criterion_quoting_a_guidelines_rule_states_no_outcome_for_the_item(draft: Draft,
                                                                           ) -> None:
    item = next(s for s in draft.sections if s.item_id == "I1")
    quoted = ("**Functional improvement is documented (maintenance care is not medically "
              "necessary).** Met.")
    assert coherence(_with_texts(draft, {item.key: quoted})) == []
    # the same words as the paragraph's own conclusion still contradict the item's outcome
    said = "**Functional improvement is documented.** The repeat injection is not medically " \
           "necessary."
    assert coherence(_with_texts(draft, {item.key: said}))


def test_nothing_missing_beside_missing_records_is_flagged(draft: Draft) -> None:
    gaps = next(s for s in draft.sections if s.kind == "gaps")
    changed = _with_texts(draft, {gaps.key: "There are no documentation gaps in this file.\n\n"
                                            "The discharge summary is missing from the packet."})
    assert ("error", f"says nothing is missing, but {gaps.key} lists missing records") in \
        coherence(changed)


def test_template_fragments_and_field_names_are_leaks(draft: Draft) -> None:
    gaps = next(s for s in draft.sections if s.kind == "gaps")
    changed = _with_texts(draft, {gaps.key: "The notes do(es) not record a pain scale.\n\n"
                                            "The percent_relief was not stated."})
    found = coherence(changed)
    assert ("error", "contains a template fragment: 'do(es)'") in found
    assert ("error", "contains a field name of the case file: 'percent_relief'") in found


def test_a_sentence_said_twice_is_an_error(draft: Draft) -> None:
    gaps = next(s for s in draft.sections if s.kind == "gaps")
    line = "The physician should document the functional response to the first injection."
    changed = _with_texts(draft, {gaps.key: f"{line}\n\n{line}"})
    warned = [f for f in evaluate_draft(changed, CASE, EXCERPTS).findings
              if f.check == "coherence" and f.section == gaps.key and "repeats" in f.message]
    assert [(f.severity, f.message) for f in warned] == [
        ("error", "repeats a sentence already written earlier in this section")]


def test_a_signed_draft_with_a_placeholder_is_flagged(draft: Draft) -> None:
    signature = next(s for s in draft.sections if s.kind == "signature")
    changed = _with_texts(draft, {signature.key: "Signed: [Reviewer name], [Date]."})
    assert not coherence(changed)  # unsigned: placeholders are what a signature block holds
    changed.signed_off_by = "Dr. A. Reviewer"
    # the reviewer's name is filled from the sign-off on export; any other placeholder is left
    assert ("error", "signed draft still holds the placeholder '[Date]'") in coherence(changed)
    assert not any("[Reviewer name]" in message for _, message in coherence(changed))


def test_a_day_before_its_month_without_a_year_is_no_number():
    from evals.claims import numbers

    assert numbers("Therapy ran from 3 March to 14 June 2021 at the clinic.") == frozenset()
    assert numbers("She had 6 sessions from 2nd Feb onward.") == {6.0}
    assert numbers("The dose was cut to 2 may be enough.") == {2.0}  # "may" is no month here
