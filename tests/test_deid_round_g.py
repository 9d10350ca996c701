"""De-identification round G (issue #22): names in prose whose words are also common words.

Synthetic text written for these tests; every name, number and address is invented."""

from __future__ import annotations

from drafting.deid import Deidentifier
from drafting.deid.phimap import PhiMap


def _deid(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_a_surname_that_is_a_form_word_is_kept_after_a_given_name_and_a_credential() -> None:
    out = _deid("Counsel for claimant: Rosalind T. Page, Esq., by letter.")
    assert "Page" not in out and "Rosalind" not in out


def test_a_surname_that_is_a_form_word_is_kept_after_a_role_and_a_given_name() -> None:
    out = _deid("The file went to her attorney Harriet Page. Please hold all bills.")
    assert "Page" not in out and "Harriet" not in out


def test_the_name_so_learned_is_removed_where_nothing_marks_it() -> None:
    out = _deid("Cc: Harriet Page, Esq.\nWe spoke with Harriet Page again on the phone.")
    assert "Harriet Page" not in out


def test_a_form_word_after_a_name_is_still_no_surname_before_a_number_or_a_side() -> None:
    assert "Page 2 of 5" in _deid("Patient: Mary Page 2 of 5")
    assert "Knee" in _deid("her daughter Mary Knee was present")


def test_a_name_after_via_or_attn_is_removed_even_when_it_opens_with_an_initial() -> None:
    assert "Okafor-Lindgren" not in _deid("Reply via T. Okafor-Lindgren, 555-0147.")
    assert "Szczepańska" not in _deid("Forwarded (attn. R. Szczepańska) this morning.")


def test_a_product_written_in_camel_case_after_via_is_no_name() -> None:
    assert "MyChart" in _deid("Results were sent via Epic MyChart yesterday.")


def test_a_rank_written_in_capitals_marks_the_name_after_it() -> None:
    out = _deid("REVIEWED BY SGT. R.T. HALLORAN-VOSS ON SCENE")
    assert "HALLORAN" not in out
    assert "LT. KNEE" in _deid("LT. KNEE PAIN, WORSE ON STAIRS")  # "LT." is left, no rank


def test_a_last_first_name_after_a_form_label_in_capitals_without_its_colon() -> None:
    out = _deid(" NAME HALVERSTAM, RUTHANNE B\n ADDRESS 40 ELM ST")
    assert "HALVERSTAM" not in out and "RUTHANNE" not in out
    assert "LUMBAR SPINE, CERVICAL" in _deid("LUMBAR SPINE, CERVICAL  \n")


def test_a_surname_that_is_a_form_word_is_a_name_after_a_personal_title() -> None:
    assert "Page" not in _deid("Referred by her lawyer Mrs Page last week.")
    assert "Page 2" in _deid("See Mrs Page 2 of the form.")  # a page number follows


def test_two_spaces_after_a_title_or_a_relation_as_a_scanned_form_has_them() -> None:
    out = _deid("Prior injury:  hurt  back  (Mrs.  Vandersloot  was  there)\n"
                "Who lives with you?  wife;  granddaughter  Ilsabet  (6 yrs)")
    assert "Vandersloot" not in out and "Ilsabet" not in out
