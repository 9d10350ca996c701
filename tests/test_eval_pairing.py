"""A guideline's number given for the wrong case (#19 wrong_guideline, paraphrase set 4 as
development set): an excerpt that gives one percentage or span for one case and another for
another is misread when a sentence gives the second for the first."""

from __future__ import annotations

import pytest

from evals.checks.pairing import pairing_problems

EXCERPT = ("Stimulation trials succeed in about 60% of patients with radicular pain and in 40% "
           "of those with predominantly axial pain, and benefit is expected to last 6 months.")


@pytest.mark.parametrize("sentence", [
    "About 60 percent of patients with axial pain have a successful trial.",
    "The guideline reports 40 percent trial success in radicular pain.",
])
def test_a_number_the_excerpt_gives_for_another_case_is_flagged(sentence):
    assert pairing_problems(sentence, EXCERPT)


@pytest.mark.parametrize("sentence", [
    "About 40 percent of patients with axial pain have a successful trial.",
    "Trials succeed in 60 percent of radicular cases and 40 percent of axial ones.",
    "Benefit is expected to last 6 months after an implant.",
    # a number the excerpt does not give is the consistency check's, not this one's
    "About 55 percent of patients with axial pain have a successful trial.",
])
def test_a_number_given_for_its_own_case_is_not(sentence):
    assert not pairing_problems(sentence, EXCERPT)


def test_a_fact_that_gives_two_measurements_is_read_the_same_way():
    fact = ("Flexion-extension films show a grade 1 slip, 9 mm in flexion and 5 mm in extension "
            "(4 mm of translation), with disc-space narrowing.")
    assert pairing_problems("The films show 9 mm of translation at L4-L5.", fact)
    assert not pairing_problems("The films show 4 mm of translation at L4-L5.", fact)
    assert not pairing_problems("The slip measured 9 mm in flexion.", fact)


def test_a_number_word_is_no_subject_of_a_number():
    source = ("Neck pain has lasted three years. Candidates should have pain for at least "
              "six months; imaging is optional.")
    # "three" is in one clause of the source only, but names no subject of its numbers
    assert not pairing_problems("About three years of neck pain are recorded.", source)

    # a subject word still pairs: the percentages of two subjects are not swapped
    source = ("Neck pain has lasted three years, with 70% relief from blocks and 40% relief "
              "from ablation.")
    assert pairing_problems("The ablation gave three years of 70% relief.", source)
