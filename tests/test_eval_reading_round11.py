"""How the eval harness reads a model's prose (#19, this session's false-alarm classes, each seen
in several paraphrase sets, written here in new synthetic words): a month written in digits with
its year, an age written "y/o", a body word inside an idiom, and the drug an injection implies."""

from __future__ import annotations

from evals import claims
from evals.checks.absences import _contradicted
from evals.checks.consistency import _ages
from evals.checks.entities import lexicon, unsupported, words


def test_a_month_written_in_digits_with_its_year_is_a_month_not_a_number():
    said = claims.scan("Her low back pain began at work in 8/2010 and was treated in 12/2011.")
    assert said.month_years == {(2010, 8), (2011, 12)}
    assert said.numbers == frozenset()


def test_a_score_or_an_impossible_month_stays_a_number():
    assert claims.scan("Pain was 4/10 at rest.").numbers == {4.0, 10.0}
    assert claims.scan("Item 13/2010 of the index.").month_years == frozenset()
    assert 13.0 in claims.scan("Item 13/2010 of the index.").numbers


def test_an_age_written_y_o_is_an_age():
    assert _ages("RN worksheet: pt is a 41 y/o male warehouse worker.") == {41.0}
    assert _ages("A 57yo woman with neck pain.") == {57.0}
    assert _ages("She took 41 tablets.") == set()


SOURCE = [("F3", "Testimony: the treating doctor described the relief the medication gave.")]


def test_a_body_word_inside_an_idiom_names_no_body_region():
    assert "hand" not in words("He was the only witness with first-hand knowledge.")
    assert "hand" not in words("On the other hand, the carrier offered no witness.")
    for said in ("The doctor gave a first-hand account of the relief.",
                 "On the other hand, the testimony describes the relief."):
        assert not unsupported(lexicon(), said, SOURCE), said


def test_a_hand_the_sentence_does_name_is_still_checked():
    assert "hand" in words("On the other hand, her left hand is numb.")
    assert unsupported(lexicon(), "The doctor found her left hand numb.", SOURCE)


def test_an_injection_records_no_medication_the_patient_takes():
    # "her current medications are not recorded" stands beside an epidural steroid injection
    esi = "She had one lumbar epidural steroid injection in 2010."
    assert _contradicted("no current medications", "F2", esi) == ""
    # the injection itself is still recorded, and a drug she takes still contradicts the claim
    assert "F2 records" in _contradicted("no epidural injection", "F2", esi)
    assert "F4 records" in _contradicted("no current medications", "F4",
                                         "Ibuprofen 600 mg three times daily since March.")


# --- polarity: what a negation denies -------------------------------------------------------

def _reversed(sentence: str, fact: str) -> bool:
    from evals.checks.polarity import reversals

    return bool(reversals(sentence, [("F2", fact)]))


def test_a_study_that_found_no_evidence_was_still_done():
    fact = "Nerve conduction study: no electrodiagnostic evidence of lumbar radiculopathy."
    assert not _reversed("Electrodiagnostic testing found no sign of radiculopathy.", fact)
    assert not _reversed("The electrodiagnostic study was normal.", fact)
    # the finding itself still compares: the study did not show a radiculopathy
    assert _reversed("Electrodiagnostic testing confirmed a lumbar radiculopathy.", fact)


# --- entities: what a sentence says the record leaves open ---------------------------------

INJECTION = [("F2", "Lumbar epidural steroid injection at L5-S1 in 2010, with some relief.")]


def test_what_the_record_leaves_open_is_asked_not_claimed():
    from evals.checks.entity_text import without_questions

    for said in ("The first injection's approach, whether interlaminar or transforaminal, is "
                 "not stated.",
                 "Whether she has had facet injections or radiofrequency treatment before is "
                 "not recorded."):
        assert not unsupported(lexicon(), without_questions(said), INJECTION), said


def test_what_a_party_asked_of_a_named_drug_is_still_checked():
    from evals.checks.entity_text import without_questions

    said = "A second physician questioned whether Zanaflex was needed."
    assert without_questions(said) == said
    assert unsupported(lexicon(), said, SOURCE)


def test_a_diagnosis_named_after_an_operation_names_no_operation():
    # "post-laminectomy syndrome" is failed back surgery syndrome, not a laminectomy
    said = "She has post-laminectomy syndrome after an L5-S1 decompression."
    assert "failed_back_surgery_syndrome" in lexicon().names(said)
    assert "laminectomy" not in lexicon().names(said)
    assert "laminectomy" in lexicon().names("She had a laminectomy in 2015.")


def test_what_the_record_cannot_tell_is_asked_not_claimed():
    from evals.checks.entity_text import without_questions

    said = "No drug is named, so I cannot tell whether a neuropathic agent was ever tried."
    assert "neuropathic" not in without_questions(said)


# --- consistency: a record's length is the inventory's -------------------------------------

def test_a_page_count_is_read_against_the_record_it_names():
    from drafting.case.records import Document
    from evals.checks.consistency import _pages

    docs = [Document(id="D1", type="office_note", date="2021-06-07", title="Pain office note",
                     pages=2),
            Document(id="D5", type="other", date="2012-03-01",
                     title="Commonwealth Court opinion", pages=9)]
    assert _pages("The two-page office note from June 7 is the whole packet.", docs) == {2.0}
    assert _pages("The court's opinion, nine pages long, is the only record.", docs) == {9.0}
    # nine pages is the opinion's length, not the review decision's
    assert _pages("The nine-page utilization review decision was not supplied.", docs) == set()


def test_right_as_correct_is_no_side():
    for said in ("Care must be in the right type, frequency and duration.",
                 "Facet blocks are not the right next step for her.",
                 "An ESI is the right first option here."):
        assert claims.scan(said).sides == frozenset(), said
    for said in ("The right leg hurts.", "Pain on the right, worse at night.", "The right side."):
        assert claims.scan(said).sides == {"right"}, said
