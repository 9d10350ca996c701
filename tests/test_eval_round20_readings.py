"""Readings of paraphrase round 20 (#19), each a class of false alarm seen in several labelled
sets, written here in new words, each with the error of the same form that must still be
caught:

- the patient's age where the sentence says whose it is in more forms ("At 44 he has ...",
  "I know at 52 it's ...", "Worker (47) was hurt", "my patient, 38 at the time of trial");
- a count of the things the sentence lists where an item holds an "and" of its own ("five
  conditions: a left shoulder and upper arm sprain, a neck sprain, ...") or the list follows a
  colon further on or a plural verb ("two items the physician ordered on June 1, 2020: X and
  Y"; "the two stated reasons were X and Y");
- a span "later" than the event told before, counted from the last date the case file gives
  before the one cited fact's date (that one date, not any pair of dates in the file);
- "the July 2011 decision" where the case's own decision is dated July 2011, though the one
  fact cited is the earlier denial it reviewed."""

from __future__ import annotations

import datetime as dt

import pytest

from evals import claims
from evals.checks.consistency import _ages, _Cited
from evals.checks.consistency_counts import _list_readings
from evals.checks.consistency_dates import _decision_months, _misdated_event
from evals.context import EvalContext
from tests.test_eval_consistency import EXCERPTS, _draft, consistency

CASE = "wc-lumbar-esi-plaintiff"  # age 44; injury 2016-02-14; F4 therapy from 2016-03-01;
# F5 the MRI of 2016-04-12; the case reviewed 2017-05-10


# --- the patient's age ----------------------------------------------------------------------


@pytest.mark.parametrize(("text", "age"), [
    ("At 44 he has many working years ahead.", 44),
    ("I know at 52 it's frustrating that this has dragged on.", 52),
    ("Worker (47) was hurt lifting a crate onto a truck.", 47),
    ("My patient, 38 at the time of trial, was treated in 2011.", 38),
])
def test_the_patients_age_in_these_forms_is_read_as_an_age(text, age):
    assert _ages(text) == {float(age)}


def test_a_dose_or_threshold_after_at_is_no_age():
    assert _ages("At 90 MME she should be reassessed.") == set()
    assert _ages("Pain fell to 40 (percent) at 60 mg.") == set()


def test_the_cases_age_passes_and_another_is_still_a_wrong_number():
    assert consistency(CASE, "At 44 he has many working years ahead [F1].") == []
    assert consistency(CASE, "At 45 he has many working years ahead [F1].") == [
        "number(s) 45 not in the cited source"]
    assert consistency(CASE, "Worker (44) hurt his back lifting a 60-pound case [F1].") == []
    assert consistency(CASE, "Worker (46) hurt his back lifting a 60-pound case [F1].") == [
        "number(s) 46 not in the cited source"]


# --- a count of the items listed ------------------------------------------------------------


def test_an_item_holding_its_own_and_may_close_the_list_later():
    listed = ("a left shoulder and upper arm sprain, a neck sprain, a complete left rotator "
              "cuff tear, a left SLAP lesion and a left supraspinatus sprain [F1].")
    assert _list_readings(listed) == {2, 5}


@pytest.mark.parametrize(("sentence", "wrong"), [
    ("He had three kinds of care: a home exercise and stretching program, supervised therapy "
     "and ibuprofen [F4][F3].", None),
    ("He had four kinds of care: a home exercise and stretching program, supervised therapy "
     "and ibuprofen [F4][F3].", "number(s) 4 not in the cited source"),
    # the list after a colon further on, past a date
    ("He tried two treatments from February 20, 2016: supervised therapy and ibuprofen "
     "[F3].", None),
    ("He tried four treatments from February 20, 2016: supervised therapy and ibuprofen "
     "[F3].", "number(s) 4 not in the cited source"),
    # the list after a plural verb
    ("The two treatments tried were supervised therapy and ibuprofen [F3].", None),
    ("The four treatments tried were supervised therapy and ibuprofen [F3].",
     "number(s) 4 not in the cited source"),
])
def test_a_count_of_what_the_sentence_lists_is_that_lists_length(sentence, wrong):
    assert consistency(CASE, sentence) == ([wrong] if wrong else [])


# --- a span later than the event before ------------------------------------------------------


def test_a_span_later_is_counted_from_the_last_date_before_the_cited_fact():
    # the last date the file gives before the MRI (2016-04-12) is therapy's start (2016-03-01)
    assert consistency(CASE, "Six weeks later the MRI showed a right L5-S1 extrusion "
                             "[F5].") == []
    assert consistency(CASE, "Ten weeks later the MRI showed a right L5-S1 extrusion "
                             "[F5].") == [
        "span(s) 10 weeks not in the cited source (it gives no span)"]


def test_a_span_without_later_is_not_counted_from_the_event_before():
    assert consistency(CASE, "The MRI was six weeks into his care [F5].") != []


# --- the case's own decision ----------------------------------------------------------------


DENIAL = "OWCP's decision denied authorization for the medial branch blocks."
CITED = _Cited(("F6",), DENIAL, claims.scan(DENIAL), frozenset({dt.date(2010, 7, 22)}),
               frozenset({dt.date(2010, 7, 22)}), [], 1, None)


def test_a_decision_in_the_month_of_the_cases_own_decision_is_that_decision():
    said = "I'll log the Board's July 2011 decision in the claim notes [F6]."
    assert _misdated_event(said, frozenset({(2011, 7)}), CITED,
                           decided=frozenset({(2011, 7)})) == []


def test_a_decision_in_another_month_is_still_the_cited_facts_misdated():
    said = "I'll log the Board's July 2011 decision in the claim notes [F6]."
    assert _misdated_event(said, frozenset({(2011, 7)}), CITED,
                           decided=frozenset({(2011, 9)})) != []


def test_the_cases_decision_months_are_its_review_dates():
    draft, case = _draft(CASE)
    assert _decision_months(EvalContext(draft, case, EXCERPTS)) == {(2017, 5)}



# --- the spinal region the diagnoses name ---------------------------------------------------


REGION_CASE = "medicare-tens-review"  # diagnosed with lumbar spondylosis; a TENS unit disputed;
# F4 acetaminophen and F9 the Oswestry index name no region of the spine


def _entity_messages(sentence: str, name: str = REGION_CASE) -> list[str]:
    from evals.checks.entities import check_entities

    draft, case = _draft(name)
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id)
    section.text = section.text.rstrip() + "\n\n" + sentence
    return [f.message for f in check_entities(EvalContext(changed, case, EXCERPTS))
            if f.text.strip() == sentence]


def test_the_spinal_region_the_diagnoses_name_needs_no_fact_naming_a_region():
    assert _entity_messages("Her lumbar spine pain kept the Oswestry index at 34 percent "
                            "[F9].") == []


def test_a_spinal_region_the_diagnoses_do_not_name_still_needs_a_source():
    assert _entity_messages("Her neck pain kept the Oswestry index at 34 percent [F9].") == [
        "names cervical, which the cited F9 does not name"]


def test_a_guideline_cited_alone_must_name_the_region_itself():
    # what a guideline covers is its excerpt's to give, whatever the case is diagnosed with
    found = _entity_messages("The guideline sets these dose thresholds for lumbar spine pain "
                             "[G:cdc16-rec-05-mme-thresholds].")
    assert any(m.startswith("names lumbar") for m in found), found
