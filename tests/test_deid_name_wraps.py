"""De-identification of person and relative names by how prose writes them (issue #22, recall
round f_deid on development sets 1-27): each class of leak is asserted on synthetic text
written for the test (invented people), with the look-alikes that must survive beside it."""

from __future__ import annotations

from tests.test_deid_classes import _leaks, _out

# ---------------------------------------------------------------- a cue and its name on two lines


def test_a_relation_or_role_at_the_end_of_a_line_marks_the_name_opening_the_next():
    text = ("She lives in a trailer with her husband\nTobiah and his mother. His supervisor,\n"
            "Lorcan Quibell, confirms the hours. Two children, Maelis and\nBrantley, both in "
            "school. Called the clinic and spoke with\nJessamy Vantreece about the date.\n")
    out = _out(text)
    assert _leaks(out, "Tobiah", "Lorcan", "Quibell", "Maelis", "Brantley", "Jessamy",
                  "Vantreece") == []


def test_a_capitalised_word_opening_the_line_after_a_relation_is_no_name():
    text = ("Family history: mother\nDiabetes type 2; father\nHypertension. Her daughter\n"
            "Visits weekly. Spoke with\nPhysical Therapy about the plan.\n")
    out = _out(text)
    for kept in ("Diabetes type 2", "Hypertension", "Visits weekly", "Physical Therapy"):
        assert kept in out, kept


# ---------------------------------------------------------------- stacked modality credentials


def test_a_technologists_stacked_modalities_go_with_the_name():
    text = ("Performed by technologist D. Quarrington, RT(R)(CT). Technologist Ysolde Penhale, "
            "RT(R)(MR).\nComparison: none. RT(R)(MR) registry is required for MRI staff.\n")
    out = _out(text)
    assert _leaks(out, "Quarrington", "Ysolde", "Penhale", "RT(R)(CT)") == []
    assert "(MR)." not in out  # no cut credential left after the placeholder
    assert "RT(R)(MR) registry" in out  # a credential alone names no one


# ---------------------------------------------------------------- reference initials


def test_reference_initials_in_a_signatures_brackets_or_after_signed_are_a_persons_mark():
    text = ("Electronically signed 02/27/2025 16:48 Q. Ormsby-Tate, MD  (QOT/jlv)\n\n"
            "Stayed with a neighbour over the weekend.\nSigned WQR / KT  08/12/2025 09:31\n"
            "QZB / NEW   e-signed Q. Z. Bellweather, MD 11/07/2024\n")
    out = _out(text)
    assert _leaks(out, "QOT", "jlv", "WQR", "KT ", "QZB", "NEW") == []


def test_clinical_pairs_in_brackets_are_no_initials():
    text = "Weakness (RLE/LLE) 4/5; tears (ACL/PCL) ruled out; levels (L4/L5) and (CT/MR) seen.\n"
    out = _out(text)
    for kept in ("(RLE/LLE)", "(ACL/PCL)", "(L4/L5)", "(CT/MR)"):
        assert kept in out, kept


# ---------------------------------------------------------------- given names in lower case


def test_a_given_name_in_lower_case_that_is_no_word_is_a_name_anywhere():
    text = ("subject: statement for wendell's hearing\nwendell doesn't know i wrote this. the "
            "TENS thing from reuben beeps. still at the light. andy ok. my brother kurt helps.\n")
    out = _out(text)
    assert _leaks(out, "wendell", "reuben", "andy", "kurt") == []


def test_lower_case_words_that_are_also_given_names_stay():
    text = ("max dose 3 tabs a day; hope is all we have; summer was hard; ella dice que no; "
            "no puedo ir esta semana; email wendell.k@example.org\n")
    out = _out(text)
    for kept in ("max dose", "hope is", "summer was", "ella dice", "esta semana"):
        assert kept in out, kept
