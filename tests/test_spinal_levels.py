"""Spinal levels are spelt one way, and impossible levels are refused with a reason."""

import pytest

from drafting.case.vocab import normalize_level


@pytest.mark.parametrize(
    ("written", "canonical"),
    [("L4-L5", "L4-L5"), ("L4-5", "L4-L5"), ("l5/s1", "L5-S1"), ("C7-T1", "C7-T1"),
     ("T12-L1", "T12-L1"), ("S1", "S1"), (" c5 - c6 ", "C5-C6")],
)
def test_accepted_spellings_normalise(written: str, canonical: str):
    assert normalize_level(written) == canonical


@pytest.mark.parametrize(
    ("written", "reason"),
    [("L6", "L6, which does not exist"), ("L3-L5", "not adjacent"), ("C8", "C8, which does not"),
     ("L5-L4", "not adjacent"), ("lumbar", "is not a spinal level"), ("T12-S1", "not adjacent")],
)
def test_impossible_levels_are_refused(written: str, reason: str):
    with pytest.raises(ValueError, match=reason):
        normalize_level(written)
