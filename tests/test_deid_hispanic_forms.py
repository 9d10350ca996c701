"""Spanish-language addresses and Hispanic naming (issue #22 item 3, forms round of 2026-12-07):
addresses as US records write them in Spanish (a street's type before its name, a house number
after it, a lot number such as "D-14", a road with its kilometre marker, a settlement,
development, building or district named after its designator) are replaced whole; the name of a
settlement or street found that way is found again alone; Puerto Rico's towns are towns; a form's
compound "City/State/ZIP:" label marks its value; a lawyer's Spanish title marks a name.
Synthetic sentences."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier, PhiMap
from drafting.deid.hispanic_places import hispanic_place_names, hispanic_places


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def _found(text: str) -> list[str]:
    return [text[s.start:s.end] for s in hispanic_places(text)]


@pytest.mark.parametrize("address", [
    "Calle Almendro G-7",
    "Calle Los Pinos 118",
    "2240 Ave. Fernández Juncos, Suite 310",
    "Ave. Eduardo Conde 77, Ste. 4",
    "Avenida de la Constitución 15, Apt. 2B",
    "Carr. 2 Km 14.7",
    "Carretera 172, km 5.4",
    "Urb. Jardines de Ponce",
    "URB LOMAS VERDES K12",
    "Bo. Quebrada Arenas",
    "Barrio Mamey",
    "Cond. Torres del Parque, Apt. 1204",
    "Edificio Lumen, 3rd floor, office 311",
    "K-9 Granate St.",
])
def test_a_spanish_address_is_found_whole(address):
    text = f"Mailing address on file: {address}. Please update the chart."
    assert address in _found(text)


def test_a_street_word_of_spanish_marks_a_street_without_a_number():
    out = _out("He stopped at the pharmacy on Calle Marina for his refill.")
    assert "Marina" not in out


def test_ave_alone_needs_a_house_number():
    assert _found("He said Ave Maria before the injection.") == []


def test_a_short_designator_needs_its_period_or_capitals():
    # "Bo" is also a given name
    assert _found("His brother Bo Lindqvist drove him home.") == []
    assert _found("Lives in Bo. Quebrada Arenas.") == ["Bo. Quebrada Arenas"]


def test_a_clinical_word_after_a_designator_is_no_place():
    assert _found("Edificio Pain Management, 2nd floor") == []


def test_a_settlement_found_after_its_designator_is_found_again_alone():
    text = ("Home: Carr. 3 Km 12.1, Barrio Quebrada Arenas, Humacao, PR 00791\n"
            "The fall happened at a store near Quebrada Arenas; he walks in Quebrada Arenas daily.")
    assert "Quebrada Arenas" in hispanic_place_names(text)
    assert "Quebrada Arenas" not in _out(text)


def test_a_street_name_that_is_a_dictionary_word_is_not_learned_alone():
    assert "Principal" not in hispanic_place_names("Calle Principal 12, Yauco")


def test_puerto_rico_towns_are_towns_with_or_without_accents():
    out = _out("She moved from Mayagüez to Bayamón; records came from MAYAGUEZ and from Guaynabo.")
    for town in ("Mayagüez", "Bayamón", "MAYAGUEZ", "Guaynabo"):
        assert town not in out


def test_puerto_rico_written_out_is_a_state_after_a_town():
    out = _out("Office: 700 Harbor Blvd, San Juan, Puerto Rico 00907")
    assert "00907" not in out and "San Juan" not in out


def test_a_compound_city_state_zip_label_marks_its_value():
    out = _out("Home address: 14 Oak Ln\nCity/State/ZIP: Cayey / PR / 00736\nPhone: none")
    assert "Cayey" not in out and "00736" not in out


@pytest.mark.parametrize("title", ["Lcdo.", "Lcda.", "Licdo."])
def test_a_lawyers_spanish_title_marks_a_name(title):
    out = _out(f"Pt is represented ({title} Zoraida Betancourt Quiñones, 787-555-0100).")
    assert "Betancourt" not in out and "Zoraida" not in out


def test_an_abbreviated_road_word_needs_its_period_or_capitals():
    assert _found("Seen by Carr 3 times last year.") == []
    assert _found("Store at CARR 1 KM 28.5 in town") == ["CARR 1 KM 28.5"]


def test_a_user_directory_entry_names_its_user_and_the_user_is_found_again_in_the_log():
    text = ("2025-03-02 10:20 | tqbarros  | auth | faxed request\n"
            "2025-03-03 09:00 | ln_ma     | call | pt called back\n"
            "User directory: tqbarros = Tomasa Q. Barros, coordinator; ln_ma = Lidia Nieves, MA\n")
    out = _out(text)
    for value in ("tqbarros", "ln_ma", "Tomasa", "Lidia Nieves"):
        assert value not in out


def test_a_directory_needs_a_user_made_of_the_name_or_a_system_shape():
    out = _out("Legend: pain = Numeric Rating Scale score\n")
    assert "pain" in out


def test_a_prescriber_column_in_capitals_is_a_name():
    text = ("Fill date   Rx#        Drug / strength                 Qty  Days  Prescriber\n"
            "01/07/25    6608811    LISINOPRIL 10 MG TAB              90    90   QUIÑONES RIVAS W\n"
            "02/07/25    6608812    OXYCODONE HCL 5 MG TAB            30    10   OYELARAN-BEST K\n")
    out = _out(text)
    assert "QUIÑONES" not in out and "RIVAS" not in out and "OYELARAN" not in out
    assert "LISINOPRIL 10 MG TAB" in out and "OXYCODONE HCL 5 MG TAB" in out


def test_a_second_surname_in_capitals_goes_with_the_first():
    out = _out("Lien on file from F. BETANCOURT ZAYAS.\nHold per Mr. Betancourt's letter.")
    assert "ZAYAS" not in out and "BETANCOURT" not in out


def test_a_second_surname_in_capitals_is_not_a_form_word():
    out = _out("PATIENT: Mr. BETANCOURT DOB 01/02/1980 LEFT L5")
    assert "LEFT L5" in out


def test_a_last_slash_first_name_is_one_name():
    out = _out("Name (last, first): Zayas Ocasio / Marta Inés      Preferred name: Tata\n")
    assert "Zayas" not in out and "Marta" not in out and " / " not in out


def test_a_compound_employer_label_marks_the_employer():
    out = _out("Employer / job: Brisa Marina Cooling Corp, installer, 9 yrs.\n")
    assert "Brisa Marina" not in out


def test_a_prescriber_in_capitals_in_brackets_is_a_name():
    out = _out("Also on profile: lisinopril 10 mg daily since 2016 (OYELARAN-BEST K).")
    assert "OYELARAN" not in out


@pytest.mark.parametrize("phrase", ["the day after Three Kings' Day",
                                    "the Monday after Thanksgiving",
                                    "the week after the Fourth of July", "Día de Reyes"])
def test_a_holiday_and_the_day_said_beside_it_are_one_date(phrase):
    out = _out(f"He was last seen {phrase}, with his grandmother.")
    assert phrase not in out and "after" not in out.split("seen")[1].split(",")[0]


def test_initials_with_a_particle_in_lower_case_close_a_note():
    text = ("Dictated by: Nereida del Toro Cruz, MD\n"
            "Addendum: films released to counsel on request. NdTC\n")
    out = _out(text)
    assert "NdTC" not in out


def test_capitals_after_a_sentence_that_spell_no_name_are_kept():
    out = _out("Dictated by: Marisol Vega, MD\nNo acute findings. OK\n")
    assert "OK" in out


def test_an_adjusters_abbreviation_marks_a_name():
    out = _out("Liability claim (Coastal Casualty - adj R. Quiñonez)\n")
    assert "Quiñonez" not in out
    assert "adj Tylenol" in _out("dose adj Tylenol 500 mg prn")


@pytest.mark.parametrize("serial", ["TX-5C 220917", "MR-44-2291", "SC 220917"])
def test_a_serial_printed_in_parts_after_its_label_is_replaced_whole(serial):
    out = _out(f"TENS unit from the plan's DME vendor, serial {serial}, worn daily.")
    assert serial.split()[-1] not in out and serial.split()[0] not in out


def test_a_spinal_level_after_serial_words_is_kept():
    assert "L4-L5" in _out("Serial imaging of L4-L5 showed no change.")


@pytest.mark.parametrize("sentence", [
    "Family hx: mother (91) in Poland with osteoporosis.",
    "He flew home because his dad is 91 and had nobody else.",
    "my abuela Natividad Ibarra Soto is 94 and lives with us",
    "Please greet Mrs. Halina Wojcik (96) for us.",
])
def test_an_elders_age_over_89_beside_the_kin_word_or_name_is_replaced(sentence):
    out = _out(sentence)
    assert not any(age in out for age in ("91", "94", "96"))


@pytest.mark.parametrize("sentence", ["Mother's O2 sat is 94 on room air.",
                                      "See Table (95) for the doses."])
def test_a_measure_or_a_table_number_is_no_age(sentence):
    out = _out(sentence)
    assert "94" in out or "95" in out


@pytest.mark.parametrize("line", ["Children: Yeniel 14, Adrián 9",
                                  "Kids: Ana (7) and Tomás (3)",
                                  "Hijos: Mateo, Sofía y Joaquín"])
def test_every_name_of_a_childrens_list_is_a_name(line):
    out = _out(f"Spouse: Nilda Vega   {line}\n")
    for name in ("Yeniel", "Adrián", "Ana", "Tomás", "Mateo", "Sofía", "Joaquín"):
        assert name not in out


def test_a_childrens_field_answered_in_words_is_kept():
    out = _out("Children: none at home, two grown\n")
    assert "none at home, two grown" in out


def test_two_surnames_joined_after_a_correspondents_word_are_partners():
    out = _out("Records request from Betancourt & Llompart rec'd 9/3 with signed auth.")
    assert "Betancourt" not in out and "Llompart" not in out


def test_a_clinic_of_ordinary_words_joined_by_and_is_kept():
    text = "Referred to Spine & Pain for review."
    assert _out(text) == text
