"""A decision or opinion read as the record (#19 paraphrase round 16): "no EMG results appear in
the decision", "there's nothing in the decision about physical therapy", "nothing in the
decision tells us whether he returned to work", "nowhere in the decision does it say I had
surgery" say the record is silent, so the entities check does not ask the cited fact to name
what is missing; a clause stating the thing is still read as a claim."""

from __future__ import annotations

import pytest

from evals.checks.absence_claims import claimed_text
from evals.checks.entities import lexicon, unsupported

FACT = [("F1", "The IRO upheld the denial of the left L4-5 transforaminal epidural injection.")]


@pytest.mark.parametrize("sentence", [
    "No exam, no imaging and no EMG results appear in the decision.",
    "There's nothing in the decision about physical therapy or a home exercise program.",
    "Nothing in the decision tells us whether he had returned to work.",
    "Nowhere in the decision does it say I had surgery on my back.",
    "There's no psych screen and no trial protocol in the visible material.",
    "No baseline functional measure, such as sitting tolerance, appears anywhere.",
])
def test_the_silence_of_a_decision_needs_no_fact_naming_the_thing(sentence):
    assert unsupported(lexicon(), sentence, FACT), "the thing is named in the sentence"
    assert not unsupported(lexicon(), claimed_text(sentence), FACT)


@pytest.mark.parametrize("sentence", [
    "The EMG results appear in the decision.",
    "The decision says he had physical therapy before the injection.",
    "An EMG in the decision showed an L5 radiculopathy.",
])
def test_a_thing_the_decision_is_said_to_hold_still_needs_its_fact(sentence):
    assert unsupported(lexicon(), claimed_text(sentence), FACT)
