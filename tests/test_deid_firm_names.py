"""A firm's name is its partners' surnames (issue #22 item 3, 2026-12-07): "Halvorsen & Teig,
P.A.", "FITZHUGH & NAKAMURA, LLC", "Halvorsen & Brüggemann (Veteran's attorney)" are learned as
names and replaced where the firm is named again; a firm of clinical or common words names
nobody. Synthetic sentences."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_the_partners_of_a_law_firm_are_names_found_again():
    out = _out("Counsel: QUARLING & VESTERBY, LLC, 425 G Street.\n"
               "cc: Quarling & Vesterby (by email); lien letter QUARLING/VESTERBY on file.")
    assert "Quarling" not in out and "Vesterby" not in out
    assert "QUARLING" not in out and "VESTERBY" not in out


def test_a_firm_told_by_the_word_attorney_after_it():
    out = _out("Records request received from Halvorsen & Brüggemann (Veteran's attorney).")
    assert "Halvorsen" not in out and "Brüggemann" not in out


def test_a_firm_of_clinical_or_common_words_names_nobody():
    text = "Department of Labor and Industry Law, Medicine and Rehabilitation Law offices."
    assert _out(text) == text
