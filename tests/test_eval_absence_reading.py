"""What a sentence says is missing is read as cheaply as it can be without reading it otherwise
(#19 eval speed): the shortcuts of ``evals/checks/absence_claims.py`` give what the patterns
they stand in for give, on the forms where the two could part (case, apostrophes, underscores,
text that is not ASCII, quotes and reported speech)."""

from __future__ import annotations

import pytest

from evals.checks import absence_claims
from evals.checks.absence_claims import (
    _ABSENCE_HINT,
    _REPORTED,
    _hints_absence,
    absence_clauses,
    absent_phrases,
    claimed_absent,
    own_words,
)
from evals.checks.polarity import analyse
from evals.checks.polarity.text import normalise

TEXTS = [
    "No home TENS trial is documented.",
    "NO HOME TENS TRIAL IS DOCUMENTED.",
    "He DOESN'T recall any prior injection.",
    "He doesn’t recall any prior injection.",
    "The note is silent on sleep; the MRI is dated 2023-04-12.",
    "The no_show fee was waived.",
    "Nobody noted anything.",
    "The record lacks a pain score, and the therapy log is missing.",
    "Physical therapy was completed over six weeks.",
    "The reviewer STATED that four weeks of care were not documented.",
    "The denial is not stated in the letter.",
    'The letter says "no conservative care" was tried, which is wrong.',
    "**Conservative care failed.** This criterion is not documented.",
    "According to the note, no PT was tried.",
    "Citing the guideline, no second block is required.",
    "The ſtated reason: nothing else was tried.",
    "The physician held that no fusion was needed.",
    "No imaging — and no EMG — appears in the packet.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_the_absence_hint_is_the_patterns(text):
    assert _hints_absence(text) == (_ABSENCE_HINT.search(text) is not None)


@pytest.mark.parametrize("text", TEXTS)
def test_own_words_is_the_reported_speech_pattern_applied(text):
    assert own_words(text) == _REPORTED.sub(" ", text)


def test_the_shortcuts_decide_both_ways():
    """(so that the tests above compare something: each text kind is met)"""
    hinted = [_hints_absence(t) for t in TEXTS]
    assert any(hinted) and not all(hinted)
    changed = [own_words(t) != t for t in TEXTS]
    assert any(changed) and not all(changed)


@pytest.mark.parametrize("text", [t for t in TEXTS if t])
def test_what_is_missing_is_read_from_the_tokens_as_from_the_analysis(text):
    assert absent_phrases(tuple(normalise(text))) == claimed_absent(analyse(text))


def test_a_clause_with_an_absence_still_says_what_it_lacks():
    absence_clauses.cache_clear()
    found = absence_clauses("No home TENS trial is documented; the clinic session is recorded.")
    assert [clause for clause, _ in found] == ["No home TENS trial is documented"]
    assert found[0][1] == ("no home tens trial",)
    assert absence_claims.absence_clauses("The clinic session is recorded.") == ()
