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


# A part of the record named by its date or kind ("the March 3, 2024 note", "the public
# summaries"), a record verb of sending, and a denial placed in a named note (#19, paraphrase
# round 12): each is an absence, which a cited fact cannot show (the entities and support
# checks read the sentence without it).
@pytest.mark.parametrize(("sentence", "missing"), [
    ("Nothing in the March 3, 2024 note shows better sleep or walking tolerance on it.",
     "walking tolerance"),
    ("Nothing in the public summaries describes a return to work on this regimen.", "return"),
    ("No pain diary and no activity log appear in the January 6 note.", "activity log"),
    ("There is no pain score or other function measure in the October 31 note.", "function"),
    ("No functional scale was sent with the request.", "functional scale"),
])
def test_an_absence_in_a_named_note_is_not_held_against_the_citation(sentence, missing):
    assert absence_clauses(sentence)
    assert missing not in claimed_text(sentence)


def test_an_absence_sent_with_the_request_is_read_against_the_record():
    sentence = "No functional scale was sent with the request."
    assert _contradicts(sentence, "A functional scale completed at intake scored 40 of 80.")
    assert not _contradicts(sentence, "Lumbar MRI shows a disc bulge at L4-L5.")


@pytest.mark.parametrize("sentence", [
    "The MRI shows no stenosis at L3-L4 in the report.",  # a finding denied, not the record
    "She had no relief in the weeks after, as the follow-up note records.",
    "The June 1 note shows better walking tolerance on the new dose.",  # no denial at all
])
def test_a_finding_denied_or_a_note_that_shows_it_is_no_absence(sentence):
    assert absence_clauses(sentence) == ()
