"""De-identification by class, round 3 (issue #22 item 3): the classes of leak found on the third
blind set (names in prose and message threads without a title, in lower case or capitals;
addresses without a house number or with a compass point and units; towns alone; numbers a cue
marks; dates in spaced boxes and days alone; host names; firms ending "& ... Co."), each as a
general rule asserted on new synthetic text (never the blind text), with the cases that must
stay as they are."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier, PhiMap
from drafting.deid.recognizers import scan
from drafting.deid.words import english, is_word, lower_name_ok, unlearned_name_ok

needs_dictionary = pytest.mark.skipif(english() is None, reason="english-words not installed")


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def _left(out: str, *values: str) -> list[str]:
    return [v for v in values if v in out]


# ----------------------------------------------------------------------------- names in prose


@needs_dictionary
def test_a_learned_name_is_found_in_lower_case_unless_it_is_a_word():
    text = ("Patient: Ximena Oyarzabal\nEmergency contact: daughter Hope Oyarzabal.\n"
            "Text from the patient: ximena here, oyarzabal family will come. I hope so.")
    out = _out(text)
    assert _left(out, "Ximena", "ximena", "oyarzabal", "Oyarzabal") == []
    assert "I hope so" in out  # "Hope" is learned, but "hope" is a word


@needs_dictionary
def test_a_short_name_that_is_a_word_is_not_found_in_capitals():
    out = _out("Her friend Peg Abernathy-Sol drove her. PEG tube placed in 2019; Peg waited.")
    assert "PEG tube" in out and _left(out, "Peg ", "Abernathy-Sol") == []


def test_message_senders_and_thread_names_are_names_but_kin_words_are_not():
    text = ('--- Thread: "Mom (Yolotzin)" ---\n'
            "[3/2/24, 9:01 AM] Mom (Yolotzin): are you ok mija\n"
            "[3/2/24, 9:05 AM] Quillon: yes, at the ER\n"
            '--- Thread: "Ferdinanda K. (neighbor)" (5055550123) ---\n'
            "[3/3/24, 8:00 AM] Ferdinanda K.: left soup at your door\n")
    out = _out(text)
    assert _left(out, "Yolotzin", "Quillon", "Ferdinanda") == []
    assert "Mom" in out and "soup" in out


def test_the_name_under_a_closing_is_a_name():
    out = _out("We ask for payment within 30 days.\n\nVery truly yours,\n\n"
               "Orsolya T. Battenkill-Moreau\nBar No. 55120\n")
    assert _left(out, "Orsolya", "Battenkill-Moreau") == []


def test_a_name_before_its_role_in_parentheses_is_a_name():
    out = _out("She had a massage from Wendeline (our shift lead) last week.")
    assert "Wendeline" not in out and "shift lead" in out


@needs_dictionary
def test_a_lower_case_name_after_a_title_relation_or_label_is_a_name():
    text = ("[4/1/24, 6:00 PM] Ana: officer zabrowski took the report. the adjuster "
            "merritt st clair called me. his name is wouter van oordt.\n"
            "Witness: anneliese kowalik, MA\nSeen by dr. de la vallina-ruiz today.\n")
    out = _out(text)
    assert _left(out, "zabrowski", "merritt", "clair", "wouter", "oordt", "anneliese",
                 "kowalik", "vallina-ruiz") == []


@needs_dictionary
def test_lower_case_words_after_a_relation_are_no_name():
    text = ("Her son drove her home. Her nurse recommends rest and the physician "
            "gabapentin titration. Her husband managed the forms.")
    assert _out(text) == text
    assert is_word("recommends") and is_word("mapped") and not unlearned_name_ok("gabapentin")
    assert lower_name_ok("Oyarzabal") and not unlearned_name_ok("foraminal")


@needs_dictionary
def test_a_weak_cue_marks_a_name_whose_last_word_is_no_word():
    out = _out("Lien holder: contact Dana Wojtaszek, 505-555-0101. Contact Information below. "
               "The home aide, Bertilde Ochs-Varga, comes daily.")
    assert _left(out, "Wojtaszek", "Bertilde", "Ochs-Varga") == []
    assert "Contact Information" in out


def test_another_name_or_initials_in_parentheses_after_a_name():
    out = _out("Her son Teo (Teodulo) drives up. Charted by: Rosalind Wexford, RN (R.W.). "
               "Follow-up with Dr. K. next week.")
    assert _left(out, "Teodulo", "R.W.", "Dr. K.") == []


def test_a_name_in_capitals_with_an_initial_after_a_comma():
    out = _out("2. PATIENT'S NAME: ZABALETA-ORTIGOZA, EMILIANA, R\n3. SEX: F\n")
    assert _left(out, "ZABALETA", "EMILIANA", ", R\n") == []


# ----------------------------------------------------------------------------- places


def test_a_street_with_a_compass_point_units_and_a_street_word_first():
    out = _out("Clinic: 4410 Cerrillos Rd SW, Suite 2B, Bldg 3, Santa Fe, NM 87507-1200\n"
               "Home: 1207 Camino Los Alamos NE, Apt 3, Santa Fe, NM 87505\n")
    assert _left(out, "Cerrillos", "Suite 2B", "Bldg 3", "Camino", "Apt 3") == []


def test_a_street_without_a_number_an_intersection_and_a_unit_alone():
    out = _out("She was stopped on Cerrillos Rd when hit, at Galisteo St NW and 3rd St NW. "
               "Pharmacy at 9th St & Agua Fria. Neighbor lives across the hall, Apt 7.")
    assert _left(out, "Cerrillos", "Galisteo", "3rd St", "9th St", "Agua Fria", "Apt 7") == []


@needs_dictionary
def test_a_town_after_a_verb_of_living_or_travel_and_a_learned_town_alone():
    out = _out("Address: 22 Pinon Way, Farmington, NM 87401.\nHer daughter lives in Española "
               "and drives up from Española; she grew up in Farmington. She came in from "
               "Urgent Care.")
    assert _left(out, "Española", "Farmington") == [] and "Urgent Care" in out


# ----------------------------------------------------------------------------- numbers


def test_numbers_a_cue_marks():
    text = ("Cannula lot 31Q2207-04, generator asset tag ABQ-RF-11. Phone IMEI 01 234567 "
            "890123 4. Paid by VISA ending 7731. Sent CERTIFIED MAIL 7019 0140 0000 1234 5678. "
            "Portal username mbravo.77. Car plate kzt 913. MedPay ref KLM-24-0712-3345; "
            "police report 24-0612-009912; tech #RT-3381.")
    out = _out(text)
    assert _left(out, "31Q2207-04", "ABQ-RF-11", "234567", "7731", "7019 0140", "mbravo.77",
                 "kzt 913", "KLM-24-0712-3345", "24-0612-009912", "RT-3381") == []


def test_numbers_no_cue_marks_stay():
    text = ("NDC 00093-0058-01 and 55111-0180-15 dispensed. A 3.5 mm plate 35 mm long. "
            "For the year ending 2024. After login to the portal she uploaded it.")
    assert _out(text) == text


# ----------------------------------------------------------------------------- dates, web, firms


def test_dates_in_spaced_boxes_and_a_day_alone():
    text = ("3. PATIENT'S BIRTH DATE: 02 17 1958\n16. FROM 04 02 2025 TO 04 09 2025\n"
            "1 03 11 25-03 11 25  24   64633\nExam on the 14th: stable. Is it the 3rd or the "
            "4th? Numbness of the 4th digit.")
    out = _out(text)
    assert _left(out, "02 17 1958", "04 02 2025", "04 09 2025", "03 11 25", "14th", "3rd",
                 "4th?") == []
    assert "4th digit" in out


def test_a_host_name_without_a_scheme():
    out = _out("Images at portal.someclinic-demo.org | results.imaging-demo.net\n")
    assert _left(out, "someclinic", "imaging-demo") == []


def test_a_firm_ending_in_ampersand_co_and_its_head_alone():
    out = _out("Hit by a truck owned by Rio Grande Feed & Seed Co. on Monday. Rio Grande Feed "
               "paid the tow.")
    assert _left(out, "Rio Grande Feed", "Seed Co.") == []


# ----------------------------------------------------------------------------- learning once


def test_the_text_learned_last_is_not_scanned_again_and_scans_the_same():
    text = ("Patient: Ximena Oyarzabal\nSeen by Dr. Anselm Brightwater-Ko.\n"
            "Oyarzabal reports less pain; Brightwater-Ko agrees.")
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    fresh = scan(text, deid.names, deid.values).spans
    assert deid.spans(text) == fresh


# ----------------------------------------------------------------------------- names in messages


@needs_dictionary
def test_a_learned_name_that_is_a_word_in_lower_case_in_a_message_where_a_name_stands():
    text = ('--- Thread: "Dawn" ---\n'
            "[2/1/24, 7:00 PM] Dawn: dawn's car is here. dawn is driving, at dawn.\n"
            "[2/1/24, 7:05 PM] Sol: ok\n"
            "Note: at dawn is when the pain is worst; dawn is early.\n")
    out = _out(text)
    assert "dawn's car" not in out and "dawn is driving" not in out
    assert "at dawn." in out  # after a preposition: the word
    assert "Note: at dawn is when the pain is worst; dawn is early." in out  # no message


def test_initials_after_initials_and_a_name_after_a_relation_and_a_colon():
    out = _out("(scanned by front desk - initials RK)\n"
               "2. Neighbor who can drive me: Ana Quispe-Tello, 505-555-0100\n"
               "3. Sister, if needed: Clinic Staff\n")
    assert _left(out, "RK)", "Ana", "Quispe-Tello") == [] and "Clinic Staff" in out


def test_an_age_over_89_after_cumple():
    out = _out("[11/2/24, 9:00 AM] Ana: feliz cumple 93 abuelita!")
    assert "93" not in out


def test_a_given_name_and_a_surname_in_no_dictionary_in_prose():
    out = _out("The family paid an hourly helper; Wilhelmina Szczepanska-Oduya came daily. "
               "Wilhelmina Brown and Reg Anesth Pain Med 2019 and Thomas test negative.")
    assert _left(out, "Wilhelmina", "Szczepanska-Oduya") == []
    assert "Reg Anesth" in out and "Thomas test" in out


def test_a_given_name_inside_a_sentence_before_a_verb_is_a_name():
    out = _out("She called because Wendell was at work and Marisol had class. Grace period "
               "applies; the Summer said nothing. Will was not read.")
    assert _left(out, "Wendell", "Marisol") == []
    assert "Grace period" in out and "Will was" in out  # a sentence's first word
