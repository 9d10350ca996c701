"""A sentence saying the record lacks something in a record verb besides "documented" ("is not
mentioned", "are not given", "no X is described", "the summary gives no X") is an absence
claim (#19): read against the whole record by the absences check, and not held to name only
what its cited fact names (the entities check)."""

from __future__ import annotations

import pytest

from evals.checks.absences import absence_clauses
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.test_eval_absences import findings_for
from tests.test_eval_consistency import _draft


@pytest.mark.parametrize(("sentence", "fact"), [
    ("A course of physical therapy is not mentioned in the records.", "F4"),
    ("Tramadol was not reported at any visit.", "F6"),
    ("No MRI of the lumbar spine is described in the file.", "F5"),
    ("The summary gives no imaging of the lumbar spine.", "F5"),
])
def test_an_absence_in_a_record_verb_is_read_against_the_record(sentence, fact):
    found = findings_for(sentence)
    assert len(found) == 1, found
    assert f" {fact} records" in found[0].message


@pytest.mark.parametrize("sentence", [
    "No electrodiagnostic study is mentioned in the records.",
    "Nerve conduction results are not given.",
])
def test_a_true_absence_in_a_record_verb_is_not_flagged(sentence):
    assert absence_clauses(sentence)
    assert findings_for(sentence) == []


def test_what_an_absence_names_need_not_be_named_by_its_cited_fact():
    draft, case = _draft("wc-lumbar-esi-plaintiff")
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    sentence = "No urine drug test or opioid agreement is described in the chart [F5]."
    section.text = section.text.rstrip() + "\n\n" + sentence
    found = [f for f in evaluate_draft(changed, case, excerpts_by_id()).errors
             if f.check == "entities" and f.text.strip() == sentence]
    assert found == []


def test_pain_scores_said_missing_are_contradicted_by_a_rating_on_a_scale():
    from evals.checks.absence_acts import act_or_count

    fact = "He rated his back pain as 6 out of 10 at rest."
    assert act_or_count("no pain scores", "F2", fact)
    assert act_or_count("no pain ratings with or without medication", "F2", fact)
    assert act_or_count("no pain scores", "F2", "Pain 7/10 on the VAS.")
    assert act_or_count("no pain scores", "F2", "Back pain persists despite rest.") == ""
    # a claim about more than the scores is read as usual
    assert act_or_count("no pain score from the second visit", "F2", fact) is None


@pytest.mark.parametrize(("fact", "gives"), [
    ("She has completed 30 physical therapy visits since March.", True),
    ("A total of twelve supervised visits were given.", True),
    ("She attended six prior visits with little change.", True),
    ("Her disability index improved only from 18 to 16 since the last visit.", False),
    ("Pain was 3/10 at the last visit.", False),
    ("She was seen 2 weeks after the first visit.", False),
])
def test_a_count_said_missing_is_contradicted_only_by_a_number_counting_that_thing(fact, gives):
    """A number before the counted noun, past words that modify it ("30 physical therapy
    sessions"), gives the count; a number with a preposition or determiner before the noun
    ("from 18 to 16 since the last visit") counts something else."""
    from evals.checks.absence_acts import act_or_count

    found = act_or_count("no the number of visits", "F3", fact)
    assert bool(found) is gives, found
