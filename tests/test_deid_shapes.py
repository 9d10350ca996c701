"""Identifiers known by shape or by a vehicle beside them (issue #22 item 3, set-4 classes):
Medicare numbers without a label, masked numbers, licence plates after a vehicle, a spaced SSN
after "social", an appeal number, a disability placard. Synthetic sentences, no set's text."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_medicare_number_by_its_shape_with_and_without_dashes():
    text = ("Ins: Medicare Part B 5JQ9TP2KE41 and supplement.\n"
            "Her Medicare number is 5JQ9-TP2-KE41, as printed on the red card.")
    out = _out(text)
    assert "5JQ9TP2KE41" not in out and "5JQ9-TP2-KE41" not in out


def test_an_ordinary_code_is_no_medicare_number():
    text = "Billed CPT 62370 and J2274 x8; lead model 977A260; level L4-L5."
    assert _out(text) == text


def test_masked_number_with_its_last_characters_shown():
    out = _out("Notice for beneficiary   Medicare Number: XXXXXXX-QT71\nCard ****-5521 on file.")
    assert "XXXXXXX-QT71" not in out and "5521" not in out


def test_plates_after_a_vehicle():
    text = ("Son drives her in his Honda (LKT 4410) to visits; the church van # MWR-7730 came "
            "Tuesday. Aide uses her own truck (GHB-2214) for errands.")
    out = _out(text)
    assert "LKT 4410" not in out and "MWR-7730" not in out and "GHB-2214" not in out


def test_no_plate_without_a_vehicle_or_in_a_level():
    text = "Pain at L4-L5 and T12-L1 after the car accident; drives a car 20 miles each way."
    assert _out(text) == text


def test_spaced_ssn_after_social_and_numbers_after_appeal_and_placard():
    text = ("Her old card had her social on it (612 40 7719), shred it. I filed the appeal "
            "(appeal # 3-55820417762). Blue disability placard 77-402918 on the mirror.")
    out = _out(text)
    assert "612 40 7719" not in out and "3-55820417762" not in out and "77-402918" not in out
