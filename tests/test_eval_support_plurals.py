"""Word overlap reads a short word and its plural as one word (#19 citation_support): "leg
symptoms" is supported by "numbness in both legs", "two visits" by "one visit"; a word still
needs its source ("arm symptoms" is not supported by "numbness in both legs"), and words whose
"s" is not a plural ("status", "focus", "process") are not cut."""

from __future__ import annotations

import pytest

from evals.checks.support import lexical_support, stem


@pytest.mark.parametrize(("word", "stemmed"), [
    ("legs", "leg"), ("knees", "knee"), ("visits", "visit"), ("notes", "note"),
    ("status", "status"), ("focus", "focus"), ("process", "proces"), ("analysis", "analys"),
    ("injections", "inject"),
])
def test_a_plural_within_six_letters_is_its_singular(word, stemmed):
    assert stem(word) == stemmed


def test_a_plural_in_the_source_supports_the_singular_and_back():
    source = "Burning pain and numbness in both legs after walking two blocks."
    assert lexical_support("Burning leg pain and numbness.", source) == 1.0
    assert lexical_support("Numbness of the legs.", "Numbness of the left leg.") == 1.0


def test_another_word_is_still_missing():
    source = "Burning pain and numbness in both legs after walking two blocks."
    assert lexical_support("Burning arm pain and numbness.", source) < 1.0
