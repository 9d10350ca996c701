"""More forms of the polarity pairs a drafting model writes (#19 reversed_polarity): "kept up"
an activity is "continued" it (against "stopped" it), and a brisk, hyperactive or exaggerated
reflex is not a diminished or absent one; each both ways, and the agreeing wording left
alone. A test's own record said to be missing ("the missing MRI report", "no CT films")
does not deny the test; a record of another kind ("no dispensing record") still denies it."""

from __future__ import annotations

import pytest

from evals.checks.polarity import reversals


def flagged(sentence: str, *facts: str) -> bool:
    return bool(reversals(sentence, [(f"F{i}", f) for i, f in enumerate(facts, start=1)]))


@pytest.mark.parametrize(("one", "other"), [
    ("He kept up his morning bike rides through the winter.",
     "Knee pain 5/10; he stopped his morning bike rides in the winter."),
    ("She keeps up her garden work on most days.",
     "She discontinued her garden work because of hand pain."),
    ("The left biceps reflex was brisk at the June visit.",
     "Left biceps reflex diminished at the June visit."),
    ("The right patellar reflex is hyperactive.", "Right patellar reflex absent."),
])
def test_the_new_forms_reverse_their_opposites_both_ways(one, other):
    assert flagged(one, other), f"{one!r} against {other!r}"
    assert flagged(other, one), f"{other!r} against {one!r}"


@pytest.mark.parametrize(("sentence", "fact"), [
    ("He kept up his morning bike rides through the winter.",
     "Knee pain 5/10; he continues his morning bike rides."),
    ("The left biceps reflex was brisk at the June visit.",
     "Left biceps reflex 3+ and brisk at the June visit."),
    # an increased reflex is not held against a normal one (read with the intact ones)
    ("The left biceps reflex was brisk at the June visit.",
     "Left biceps reflex normal at the June visit."),
    # "brisk" said of a pace, not of a finding the fact gives
    ("She walks at a brisk pace for half an hour.",
     "Gait normal; walks 30 minutes daily; leg pain reduced with exercise."),
])
def test_the_agreeing_or_unrelated_wording_is_not_flagged(sentence, fact):
    assert not flagged(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact", "reversed_"), [
    # the record of a test is missing, not the test
    ("The missing CT films are a gap in the packet, not a reason to deny.",
     "The surgeon summarizes a CT of the neck showing C5-C6 foraminal narrowing.", False),
    ("The absent EMG report is a paperwork gap, nothing more.",
     "EMG shows a chronic left L5 radiculopathy.", False),
    ("No lumbar MRI images were enclosed with the appeal.",
     "Lumbar MRI shows an L4-L5 disc protrusion.", False),
    # a record the fact itself is: "no dispensing record" against a fact of dispensing
    ("No dispensing record was submitted for the naproxen.",
     "Naproxen 500 mg was dispensed monthly from March through June.", True),
    # the test itself denied is still read against the record
    ("No EMG was ever done of the left leg.", "EMG shows a chronic left L5 radiculopathy.",
     True),
    ("No physical therapy was tried before the injection.",
     "Ten physical therapy visits were completed in the spring.", True),
])
def test_a_record_of_a_thing_missing_is_not_the_thing_denied(sentence, fact, reversed_):
    assert flagged(sentence, fact) is reversed_
