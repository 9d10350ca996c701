"""De-identification of names written with combining marks: text in decomposed form (NFD, as
some systems and PDF extractors emit it) and letters that have no precomposed form. A name is
replaced whole, with its marks; what the text said otherwise is unchanged and restores exactly."""

from __future__ import annotations

import unicodedata

import pytest

from drafting.deid.deidentifier import Deidentifier
from drafting.deid.marks import fold


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def has_mark(text: str) -> bool:
    return any(unicodedata.combining(c) for c in text)


@pytest.mark.parametrize("text, leaked", [
    # decomposed accents: the name was cut at the first mark before
    (nfd("Seen today by Dr. Josée Ménard for the lumbar follow-up."), ["Jos", "nard"]),
    (nfd("Patient: Łukasz Wróbel, DOB 04/05/1961, MRN 00739146."), ["ukasz", "bel"]),
    # a letter with two marks and no precomposed form (o, dot below, grave)
    ("Referred by Dr. Folake Adébáyọ̀ for a second opinion.", ["Folake", "Ad"]),
], ids=["nfd-accents", "nfd-polish", "no-precomposed-letter"])
def test_a_name_with_combining_marks_is_replaced_whole(text: str, leaked: list[str]) -> None:
    deid = Deidentifier()
    out = deid.deidentify(text)
    assert "[NAME_1]" in out
    assert not has_mark(out), out  # no mark of the name is left hanging after its placeholder
    assert not any(piece in out for piece in leaked), out
    assert deid.restore(out) == text


def test_a_name_given_in_one_form_is_found_in_the_other() -> None:
    # nothing but the given name marks these words as a name: known beforehand, in the
    # decomposed form, they are found in composed text (and the other way round)
    said = "Pain 6/10; Ferrández walks 2 blocks. Inès agrees."
    for given, text in [(nfd("Inès Ferrández"), said), ("Inès Ferrández", nfd(said))]:
        out = Deidentifier(names=[given]).deidentify(text)
        assert "Ferr" not in out and "In" not in out and not has_mark(out), out


def test_clinical_words_with_marks_are_kept_and_the_rest_of_the_text_is_unchanged() -> None:
    text = nfd("History of Ménière's disease; Babinski negative; L4-L5 tender; seen by Dr. Ana "
               "Cruz.")
    deid = Deidentifier()
    out = deid.deidentify(text)
    assert out.startswith(nfd("History of Ménière's disease; Babinski negative; L4-L5 tender;"))
    assert "Cruz" not in out and deid.restore(out) == text


def test_folding_maps_each_letter_back_to_its_marks() -> None:
    folded = fold("Jose\u0301e")
    assert folded is not None and folded.text == "Josée"
    assert folded.span(0, 5) == (0, 6)  # the whole name, its mark included
    assert folded.span(3, 4) == (3, 5)  # the accented letter covers its mark
    assert fold("plain text") is None  # a text without marks is read as it is
