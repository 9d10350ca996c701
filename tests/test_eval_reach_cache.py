"""The reach check (``evals/checks/reach.py``) keeps what it read of each sentence and each
excerpt: what it answers for a sentence depends on the excerpts cited with it each time, never
on which excerpts a sentence was checked against before, and is the same after the caches are
cleared (a cold start)."""

from __future__ import annotations

from evals import checks
from evals.checks.reach import widened

SENTENCE = "Replacement is always covered, regardless of the diagnosis."
# grants 'always' but not 'regardless of'
ALWAYS = ("a-rule", "Replacement is always reviewed against the listed criteria.")
# grants both
BOTH = ("b-rule", "Replacement is covered in all cases, regardless of the cause.")


def test_a_word_granted_by_one_excerpt_is_not_taken_as_granted_by_another():
    assert widened(SENTENCE, [BOTH]) == ""
    reason = widened(SENTENCE, [ALWAYS])
    assert "says 'regardless of' of a-rule" in reason


def test_the_first_word_no_cited_excerpt_grants_is_named_in_the_data_order():
    reason = widened(SENTENCE, [("c-rule", "Replacement follows the listed criteria.")])
    assert "says 'regardless of' of c-rule" in reason  # 'whenever' < 'regardless' < 'always'


def test_the_answer_is_the_same_after_a_cold_start():
    before = [widened(SENTENCE, [e]) for e in (ALWAYS, BOTH)]
    checks.clear_caches()
    assert [widened(SENTENCE, [e]) for e in (ALWAYS, BOTH)] == before
