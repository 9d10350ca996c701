"""The support check (#19): a cited sentence's words must mostly come from what it cites. Read
the way a capable model writes: a class for the drugs a fact names ("a tricyclic" for
amitriptyline), hyphenated compounds, its own reasoning (words the record never uses), and
clauses saying the record lacks something (the absences check's) are not held against it; words
taken from another part of the record, and clinical terms nobody recorded, still are."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.support import LEXICAL_FLOOR, lexical_support, source_words
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE = load_case(EXAMPLES / "wc-consult-topical-imr.yaml")  # F9 gabapentin, F10 amitriptyline

PREGABALIN = "Pregabalin 150 mg twice daily caused dizziness and was stopped after ten weeks."
DULOXETINE = "Duloxetine 60 mg daily gave no benefit and was stopped."


def test_a_class_is_supported_by_a_fact_naming_a_member():
    said = "Both drug classes were tried, a gabapentinoid and an SNRI, and both were stopped."
    assert {"gabape", "snri"} <= source_words(f"{PREGABALIN} {DULOXETINE}")
    assert lexical_support(said, f"{PREGABALIN} {DULOXETINE}") >= LEXICAL_FLOOR


def test_a_hyphenated_word_is_found_by_its_parts():
    source = "Right knee reflex diminished and reduced light touch over the right shin."
    assert lexical_support("The right-sided reflex and sensory findings.", source) > \
        lexical_support("The rightsided reflex and sensory findings.", source)


def test_words_the_record_never_uses_are_reasoning_not_claims():
    said = "Pregabalin was stopped, which forecloses any argument that the effort was idle."
    record = source_words(PREGABALIN)
    assert lexical_support(said, PREGABALIN, record=record) == 1.0
    assert lexical_support(said, PREGABALIN) < 1.0  # without the record, every word counts


def test_a_clinical_term_nobody_recorded_still_counts():
    said = "Pregabalin was stopped before the carpal tunnel release and a discectomy."
    assert lexical_support(said, PREGABALIN, record=source_words(PREGABALIN)) < LEXICAL_FLOOR


def test_an_absence_clause_counts_only_when_the_source_has_its_words():
    said = ("No serotonin norepinephrine reuptake inhibitor trial is on file; pregabalin caused "
            "dizziness.")
    optional = "No serotonin norepinephrine reuptake inhibitor trial is on file"
    assert lexical_support(said, PREGABALIN, optional=optional) == 1.0
    assert lexical_support(said, PREGABALIN) < LEXICAL_FLOOR


@pytest.fixture(scope="module")
def draft() -> Draft:
    return asyncio.run(draft_case(CASE, "support", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def support_errors(draft: Draft, sentence: str) -> list[str]:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I2")
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in evaluate_draft(changed, CASE, EXCERPTS).errors
            if f.check == "citation_support" and f.text.strip() == sentence]


@pytest.mark.parametrize("sentence", [
    # classes for the drugs the facts name
    "Two sedating oral classes, an anticonvulsant and a tricyclic, were each abandoned "
    "[F9][F10].",
    # the opinion's own reasoning around what the fact says
    "Whatever the reviewer's view of adjuvants, amitriptyline was taken for fourteen weeks "
    "and then abandoned, which rebuts any claim of a cursory trial [F10].",
    # an absence the cited fact cannot state, beside what it does
    "No duloxetine trial is on file; gabapentin caused dizziness at work [F9].",
])
def test_paraphrases_of_what_a_fact_says_are_supported(draft, sentence):
    assert support_errors(draft, sentence) == []


def test_a_sentence_restating_another_fact_is_still_unsupported(draft):
    # the words of F8 (the electrodiagnostic study) cited to F12 (tramadol)
    sentence = ("The superficial peroneal sensory amplitude was reduced with normal motor "
                "studies and no denervation [F12].")
    assert support_errors(draft, sentence)
