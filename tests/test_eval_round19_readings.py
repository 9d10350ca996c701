"""Readings of paraphrase round 19 (#19), each a class of false alarm or miss seen in several
labelled sets:

- a record or measure named as missing ("there is no pain diary", "I found no work-status
  change", "the file lacks pain scores") is an absence claim, read against the whole record by
  the absences check and not held to name only what its cited fact names; a finding denied at
  one place ("there was no sign of infection") is not;
- a statute's wording of returning to or keeping work names work status;
- a sentence saying a guideline limits what it grants ("limits benefits to care that restores
  full duty") states it narrower than written unless the excerpt has a word of limit;
- where the writer read the record ("the visible text", "the summary", "the digest") is no
  thing of the case whose polarity a fact could reverse."""

from __future__ import annotations

import pytest

from evals.checks.absences import absence_clauses, claimed_text
from evals.checks.entities import lexicon, unsupported
from evals.checks.polarity import reversals
from evals.checks.reach import widened
from tests.test_eval_absences import findings_for


@pytest.mark.parametrize("sentence", [
    "There is no pain diary, no before-and-after score and no functional measure [F3].",
    "There's also no pain diary or percent-relief figure after the ESI [F2].",
    "I found no work-status change and no reduction in medication [F3].",
    "I didn't see any injections or medication list in the visible record [F5].",
    "The file lacks pain and function scores and urine drug testing [F4].",
])
def test_a_record_or_measure_named_as_missing_is_an_absence_claim(sentence):
    assert absence_clauses(sentence), sentence
    # what the cited fact must support is what is left: nothing of the missing things
    assert "diary" not in claimed_text(sentence) and "scores" not in claimed_text(sentence)


@pytest.mark.parametrize("sentence", [
    "There was no sign of infection at the site [F2].",
    "There is no stenosis at L3-L4 [F2].",
    "I have not seen its text or the criteria it applied [F3].",
])
def test_a_finding_denied_at_one_place_or_an_unread_text_is_no_absence_claim(sentence):
    assert absence_clauses(sentence) == ()


def test_a_record_named_before_its_own_cue_keeps_that_cues_reading():
    # "no record that X was tried" denies X, not "a record"
    (_, claims), = absence_clauses("There is no record that an epidural steroid injection "
                                   "was ever attempted.")
    assert any(c.startswith("no an esi") for c in claims), claims  # (ESI, as tokenised)


def test_a_missing_record_stated_as_absent_is_still_checked_against_the_record():
    # the example case's record holds an MRI: a new absence form saying there is none is
    # contradicted, as the older forms are
    found = findings_for("I found no MRI of the lumbar spine in the records.")
    assert len(found) == 1 and found[0].check == "absences", found


def test_the_statutes_wording_of_work_names_work_status():
    lex = lexicon()
    statute = ("Care that relieves the effects of the injury, promotes recovery, and improves "
               "the ability to return to or keep working.")
    assert unsupported(lex, "It covers care that helps him return to work.",
                       [("G:x", statute)]) == []
    # "keep working" alone is not taken for it: the source must still name work status
    assert unsupported(lex, "It covers care that helps him return to work.",
                       [("G:x", "Care that helps him keep working at home.")])


STATUTE = ("An employee is entitled to all the health care the injury reasonably requires: care "
           "that relieves its effects, promotes recovery, or improves the ability to return "
           "to or keep working.")


@pytest.mark.parametrize("sentence", [
    "Texas law limits an injured employee's care to treatment expected to restore full duty.",
    "Texas only owes care that gets the worker back to full duty.",
])
def test_a_guideline_said_to_limit_what_it_grants_is_stated_narrower(sentence):
    reason = widened(sentence, [("G:statute", STATUTE)])
    assert "narrower than it is written" in reason and "G:statute" in reason


def test_a_limit_the_excerpt_states_is_not_flagged():
    limited = ("Benefits are limited to care that restores the worker's ability to work; "
               "care for relief alone is not owed.")
    assert widened("The rule limits benefits to care that restores full duty.",
                   [("G:rule", limited)]) == ""
    assert widened("Texas law entitles him to the care the injury reasonably requires.",
                   [("G:statute", STATUTE)]) == ""


@pytest.mark.parametrize(("sentence", "fact"), [
    ("Her doctor recorded a positive response, although the visible text gives neither the "
     "percentage nor the duration of relief.",
     "Positive response to the first injection; percentage and duration not stated in the "
     "visible text."),
    ("The digest you sent doesn't give UR's actual reasons.",
     "UR non-certified the mattress; its reasons are not in the digest."),
    ("Per the appeal summary, the stimulator had already come out before this request.",
     "The stimulator was removed before the request; when and why are not stated in the "
     "summary."),
])
def test_where_the_writer_read_the_record_is_no_polarity(sentence, fact):
    assert reversals(sentence, [("F1", fact)]) == []


def test_a_thing_of_the_case_beside_the_record_word_keeps_its_polarity():
    assert reversals("Per the summary, the stimulator is still in place.",
                     [("F1", "Per the summary, the stimulator was removed in 2021.")]) or \
        reversals("The summary records a positive straight leg raise.",
                  [("F1", "The summary records a negative straight leg raise.")])


@pytest.mark.parametrize(("sentence", "role"), [
    ("Pharmacy consult note (clinical pharmacist, med-use review): asked to summarize the "
     "coverage history of the cream [F4].", "pharmacist"),
    ("Short version for the PCP: the pain team asked to repeat the injection [F5].",
     "primary care physician"),
    ("Nurses' takeaway: the carrier's own paid-for injections became its evidence [F5].", "nurse"),
])
def test_a_heading_naming_the_writing_its_writer_or_reader_is_no_claim(sentence, role):
    from evals.checks.entity_text import without_voice

    lex = lexicon()
    source = [("F5", "The carrier paid for two injections and denied the third.")]
    assert any(role in p for p in unsupported(lex, sentence.split(":", 1)[0] + ".", source))
    assert not any(role in p for p in unsupported(lex, without_voice(sentence), source))


def test_a_dated_entry_before_a_colon_is_no_heading():
    from evals.checks.entity_text import without_voice

    assert "MRI" in without_voice("- 30 April 2024: lumbar MRI shows a disc bulge [F2].")


@pytest.mark.parametrize("sentence", [
    "One might ask whether the pain could be managed without surgery, but the reservoir "
    "turns over in its pocket [F2].",
    "I won't guess whether surgery was ever offered [F4].",
])
def test_a_question_someone_might_put_names_nothing_the_record_must_hold(sentence):
    from evals.checks.entity_text import without_questions

    assert "surgery" not in without_questions(sentence)


def test_a_question_a_party_put_of_the_record_is_still_read():
    from evals.checks.entity_text import without_questions

    sentence = "The reviewer questioned whether Zanaflex was needed [F3]."
    assert "Zanaflex" in without_questions(sentence)


@pytest.mark.parametrize(("text", "day"), [
    ("Oct 20, 2015: the employer and insurer disputed the injections.", "2015-10-20"),
    ("The opinion (Nov. 14, 2016) affirmed the judge.", "2016-11-14"),
    ("Sept 3, 2014 was the request date.", "2014-09-03"),
])
def test_a_date_with_its_month_short_is_a_date_not_a_number(text, day):
    from evals import claims

    said = claims.scan(text)
    assert {d.isoformat() for d in said.dates} == {day}
    assert not said.numbers  # the day is no quantity the sources must give


@pytest.mark.parametrize(("text", "age"), [
    ("The nurse, now 61, injured her lower back lifting a patient.", 61),
    ("I'm 49 and I've been dealing with this back since the injury.", 49),
    ("Pt is 48; the original low back injury was at work in 2000.", 48),
])
def test_the_patients_age_in_more_forms_is_read_as_an_age(text, age):
    from evals.checks.consistency import _ages

    assert _ages(text) == {float(age)}


def test_a_count_after_a_subject_is_no_age():
    from evals.checks.consistency import _ages

    assert _ages("I'm sure 49 visits is too many.") == set()
