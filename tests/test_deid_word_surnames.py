"""De-identification (issue #22): a surname that is also an ordinary word (a direction, a part of
the body, a place's word: Back, West, Lane, North, Street) goes wherever the record joins it to a
name, and the ordinary word stays where it is no part of a name.

Synthetic text written for these tests; every name and number is invented."""

from __future__ import annotations

from drafting.deid import Deidentifier
from drafting.deid.phimap import PhiMap
from drafting.deid.word_surnames import taught


def _deid(*texts: str) -> list[str]:
    deid = Deidentifier(PhiMap())
    deid.learn(texts)
    return [deid.deidentify(text) for text in texts]


def test_every_word_of_an_inverted_name_field_is_a_name_whatever_the_word_lists_say() -> None:
    for field in ("Patient: LANE, KEVIN", "Patient: WEST, ANNA MARIE", "Patient: BACK, DELMER RAY",
                  "Claimant BACK, DELMER R.", "Name: North, James"):
        out = _deid(field + "\nSeen today.")[0]
        for word in field.split(":")[-1].replace("Claimant", "").replace(",", " ").split():
            assert word not in out, (field, out)


def test_a_capitalised_word_after_a_personal_title_is_a_surname() -> None:
    out = _deid("Mr. Lane is a driver. Mrs. West is retired. Seen with Ms Street.")[0]
    for word in ("Lane", "West", "Street"):
        assert word not in out


def test_a_learned_surname_goes_after_given_names_initials_and_titles() -> None:
    out = _deid("Patient: BACK, DELMER RAY\nDelmer Ray Back was seen; D. Back signed; "
                "cc DELMER R BACK; wife Loretta Faye Back; daughter Misty Back-Combs.")[0]
    assert "Back" not in out and "BACK" not in out and "Loretta" not in out


def test_a_surname_learned_in_one_record_goes_in_the_other_records_of_the_packet() -> None:
    out = _deid("Examinee: Delmer Ray Back        DOB: 03/22/1971",
                "Mr. Back returned. BACK, OVA MAE (mother) called.")[1]
    assert "Back" not in out and "BACK" not in out and "OVA MAE" not in out


def test_the_ordinary_word_stays_where_it_is_no_part_of_a_name() -> None:
    out = _deid("Patient: BACK, DELMER RAY\nLow back pain. Back: tender L4-5. Back to work "
                "Monday. Lives in West Virginia; parks in Lane 2 by the north entrance.")[0]
    for kept in ("Low back pain", "Back: tender", "Back to work", "West Virginia", "Lane 2",
                 "north entrance"):
        assert kept in out


def test_a_clinical_heading_in_an_inverted_form_is_no_name_field() -> None:
    assert taught("Re: Back, Neck and shoulders").surnames == set()
    assert taught("Exam: Back, tender at L4-5").surnames == set()


def test_a_record_header_or_a_caption_in_capitals_marks_the_surname_of_its_name() -> None:
    for line in ("BACK, DELMER RAY | MRN KRP-0041977", "DELMER BACK   DOB 03221971",
                 "DELMER RAY BACK, PLAINTIFF"):
        assert "BACK" not in _deid(line + "\nseen today")[0], line
    assert taught("LEFT KNEE   DOB 01/02/1970").surnames == set()


def test_a_learned_surname_followed_by_a_number_is_the_form_word() -> None:
    out = _deid("Patient: LANE, KEVIN\nKevin Lane 2 of 5. Mrs Lane 3. MR. SMITH: Mr. Lane: yes.")[0]
    assert "Lane 2 of 5" in out and "Lane 3" in out
    assert "Lane: yes" not in out  # a speaker's label in a transcript is still the name
    assert "Lane" not in _deid("Patient: LANE, KEVIN\nwife Rita Lane 606.555.0149")[0]
