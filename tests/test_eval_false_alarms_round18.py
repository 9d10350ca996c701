"""False-alarm round 18 (#19): numbers in forms that are not quantities the cited source must
give, read across the development paraphrase sets 1-25 and written here in new words, each with
the error of the same form that must still be caught: a label's number ("Week 9", "Item two",
"stage 3", "page 2"), a span of decades, and a count of the things a source lists after an
earlier list in the same clause ("denied A, B and C, and approved D, E, F and G")."""

from __future__ import annotations

from evals.checks.consistency_counts import _list_lengths
from evals.checks.consistency_forms import fitting_spans, label_numbers
from tests.test_eval_consistency import consistency

CASE = "wc-lumbar-esi-plaintiff"  # F4 twelve PT visits, F5 the MRI of 2016-04-12


# --- a label's number -------------------------------------------------------------------------


def test_a_labels_number_is_no_quantity_of_the_record():
    # teaching handouts, CLE slide notes and hearing memos number their own parts
    assert consistency(CASE, "Handout for Week 9: the MRI of April 12, 2016 is the key "
                             "imaging [F5].") == []
    assert label_numbers("Slide two is the nerve block; week 4 covers it.", "") == {2.0, 4.0}


def test_a_disputed_item_by_its_spelled_number_must_be_one_of_the_cases_items():
    # the case has two disputed items: "Item two" names one, "Item three" none
    assert consistency(CASE, "Item two follows twelve supervised therapy visits [F4].") == []
    assert consistency(CASE, "Item three follows twelve supervised therapy visits [F4].") == [
        "number(s) 3 not in the cited source"]


def test_a_label_the_source_numbers_must_be_its_number():
    # "stage 4" against a source's "stage 3" is a wrong number of the same form
    assert label_numbers("her stage 4 chronic kidney disease", "stage 3 chronic kidney "
                                                                "disease") == set()
    assert label_numbers("her stage 3 chronic kidney disease", "stage 3 chronic kidney "
                                                                "disease") == set()


def test_a_count_beside_a_label_is_still_checked():
    assert consistency(CASE, "Handout for Week 9: he had nine physical therapy visits "
                             "[F4].") == ["number(s) 9 not in the cited source"]


# --- a span of decades ------------------------------------------------------------------------


def test_decades_that_the_years_given_fit_are_a_span():
    said = "By 2018 the claim had been open nearly two decades [F1]."
    assert fitting_spans(said, "The claim was opened in 1999.", set()) == {2.0}


def test_decades_that_no_years_fit_are_still_a_wrong_number():
    said = "By 2018 the claim had been open nearly three decades [F1]."
    assert fitting_spans(said, "The claim was opened in 2000.", set()) == set()
    # the case's own years (2016) fit no three decades: the number is still the source's to give
    assert consistency(CASE, "The lifting injury was three decades before the MRI "
                             "[F1][F5].") == ["number(s) 3 not in the cited source"]


# --- a list closing a clause's earlier list ---------------------------------------------------


RULING = ("The judge found the two opioids, omeprazole and famotidine, the facet injections and "
          "the pump non-compensable, and found pregabalin, duloxetine, lamotrigine and "
          "nortriptyline reasonable and necessary.")


def test_the_length_of_a_list_after_an_earlier_list_counts():
    assert 4 in _list_lengths(RULING)


def test_a_wrong_count_of_that_list_is_not_granted():
    assert 3 not in _list_lengths(RULING)


# --- symptoms in both limbs -------------------------------------------------------------------


def _side_problems(said: str, source: str) -> list[str]:
    from evals import claims
    from evals.checks.consistency_sides import side_problems

    return side_problems(claims.scan(said), claims.scan(source))


def test_symptoms_in_both_limbs_need_no_side_from_a_source_that_gives_none():
    assert _side_problems("She still had pain radiating into both legs [F3].",
                          "Radiating leg pain persisted despite physical therapy.") == []


def test_both_limbs_against_a_source_with_one_side_is_a_wrong_side():
    assert _side_problems("She still had pain radiating into both legs [F3].",
                          "Radiating left leg pain persisted despite physical therapy.") == [
        "side bilateral but the source says left"]


def test_a_bilateral_finding_still_needs_its_side_from_the_source():
    assert _side_problems("Bilateral L5 radiculopathy, with pain into both legs [F3].",
                          "Radiating leg pain persisted despite physical therapy.") == [
        "side bilateral but the source says no side"]
