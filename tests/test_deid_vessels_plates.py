"""Vehicle identifiers (issue #22 item 3, 2026-12-07): a vessel's name after its prefix (F/V, M/V,
S/V) or a "Vessel:" label is replaced with its prefix, and found again where it is named alone;
a plate of digits first ("83417-TK") after the word "plate". Synthetic sentences."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_a_vessel_after_its_prefix_and_named_again_alone():
    out = _out("Vessel: F/V NORTHERN GALE, Official No. 1184427.\n"
               "He was hurt aboard the NORTHERN GALE while hauling gear; M/V Polar Wind stood by.")
    assert "GALE" not in out and "F/V" not in out and "Polar Wind" not in out


def test_a_vessel_label_before_a_clinical_name_is_no_vessel():
    text = "Vessel: Left Vertebral Artery, patent. MV repair in 2019; the vessel wall is smooth."
    assert _out(text) == text


def test_a_plate_of_digits_first_after_the_word_plate():
    out = _out('A box truck with "Northstar" on the side, plate\n83417-TK as on the report.')
    assert "83417-TK" not in out


def test_a_size_after_the_word_plate_stays():
    text = "Fixation with a plate 12 mm wide and 3 screws."
    assert _out(text) == text
