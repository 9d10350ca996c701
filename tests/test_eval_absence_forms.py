"""Absences in more of the forms a drafting model writes them (#19): a named part of the record
that holds none of it ("nothing in the discharge summary describes...", "neither the order
nor the log mentions...", "there is no description of..."), a denial followed by "appears
among the submitted records"; and what is not an absence of a thing: a statement another party
did not make ("the carrier did not say the block was unsafe") and the subject of a clause said
not to be recorded ("whether the patient had tried ... is not recorded"). Each read against a
record that contradicts it and one that does not."""

from __future__ import annotations

import pytest

from evals.checks.absence_claims import absent_text, claimed_text
from evals.checks.absences import _contradicted, absence_clauses


def _contradicts(sentence: str, statement: str) -> bool:
    return any(_contradicted(claim, "F1", statement)
               for _, claims in absence_clauses(sentence) for claim in claims)


@pytest.mark.parametrize(("sentence", "recorded", "silent"), [
    ("Nothing in the discharge summary describes duloxetine, though it was a first-line option.",
     "Duloxetine 30 mg daily for six weeks, stopped for nausea.",
     "Gabapentin 300 mg at night."),
    ("Neither the referral nor the pharmacy log mentions acupuncture at any point.",
     "Eight acupuncture sessions were completed in 2021.",
     "Chiropractic care twice weekly."),
    ("There is no description of an EMG, so the radiculopathy rests on the examination.",
     "EMG of the left leg shows an acute L5 radiculopathy.",
     "MRI shows a disc bulge at L4-L5."),
    ("No psychological evaluation appears among the submitted records.",
     "Psychological evaluation: cleared for the stimulator trial.",
     "Pain 7/10 despite medication."),
])
def test_an_absence_in_these_forms_is_read_against_the_record(sentence, recorded, silent):
    assert _contradicts(sentence, recorded)
    assert not _contradicts(sentence, silent)


@pytest.mark.parametrize("sentence", [
    "Nothing in the discharge summary describes duloxetine, though it was a first-line option.",
    "There is no description of an EMG, so the radiculopathy rests on the examination.",
])
def test_the_absence_clause_is_not_held_against_the_citation(sentence):
    # the support and entities checks read the sentence less what it says is missing
    assert absent_text(sentence)
    assert "duloxetine" not in claimed_text(sentence).lower()
    assert "EMG" not in claimed_text(sentence)


@pytest.mark.parametrize(("sentence", "statement"), [
    # a statement another party did not make: the block itself is in the record
    ("The carrier did not say the nerve block was unsafe; it found the file incomplete.",
     "Left L4 medial branch block under fluoroscopy with 80 percent relief."),
    # what was not recorded is the lower dose, not the patient
    ("Whether the patient had tried a lower dose of 25 mg is not recorded.",
     "The patient reports pain 6/10 on tramadol 50 mg twice daily."),
])
def test_a_statement_not_made_or_a_clause_subject_is_no_absence_of_the_thing(sentence,
                                                                              statement):
    assert not _contradicts(sentence, statement)


def test_the_object_of_such_a_clause_is_still_read():
    # past the subject and verb, what is said to be missing is compared as usual
    sentence = "Whether the patient had tried gabapentin is not recorded."
    assert _contradicts(sentence, "Gabapentin 300 mg three times daily, stopped for sedation.")
    assert not _contradicts(sentence, "Tramadol 50 mg twice daily.")
