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
