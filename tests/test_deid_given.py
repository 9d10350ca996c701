"""Names by form (issue #22 item 3, set-4 classes): a given name in no dictionary on its own in
prose, a quoted nickname between a given name and a surname, initials spelled out by a key or
standing for a full name found in the record. Synthetic sentences, no set's text."""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def test_given_name_alone_in_prose_and_again_later():
    text = ("tues - Rosalind stopped by after lunch, stayed an hour.\n"
            "wed - Teodoro (nights) said she slept well. Rosalind called at 6.")
    out = _out(text)
    assert "Rosalind" not in out and "Teodoro" not in out


def test_given_name_that_opens_a_place_or_a_clinical_phrase_stays():
    text = "Seen at St. Agnes Hospital, then Lourdes Medical Center; Phalen test negative."
    assert _out(text) == text


def test_nickname_in_quotes_between_given_name_and_surname():
    text = 'Widowed; married Leonard "Lenny" Quince until 2015. Lenny\'s pension pays rent.'
    out = _out(text)
    assert "Leonard" not in out and "Quince" not in out and "Lenny" not in out


def test_initials_spelled_out_by_a_key_and_in_a_table():
    text = ("| 03/02 | refill | TJW |\n| 04/01 | refill | EvdB |\n\n"
            "Key: TJW = Wendt, Tobias J.; EvdB = Eva van den Berg, PharmD")
    out = _out(text)
    assert "TJW" not in out and "EvdB" not in out


def test_initials_of_a_signed_name_elsewhere_but_not_a_clinical_abbreviation():
    text = ("GHP / reviewed   e-signed Gareth H. Pellow, MD\n"
            "MRI reviewed by Mary R. Ingram, MD. GHP to call back.")
    out = _out(text)
    assert "GHP" not in out and "MRI reviewed" in out


def test_dotted_initials_of_a_learned_full_name():
    text = "From: Wenona Prader <wp@example.org>\n\nSee you Sunday.\nW.P.\n"
    out = _out(text)
    assert "W.P." not in out
