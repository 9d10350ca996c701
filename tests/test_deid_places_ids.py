"""Addresses, places, employers, grouped ids and relatives in forms the earlier rules left (#22):
a county in capitals, a rural grid address, a street without a house number after a word of
place, a named neighbourhood; an id printed in groups after its label or with a prefix of
capitals; an employer in a form field that lists several labels, beside its contact person, or
after a job held at it, and its head word said alone; a relative whose given name is a month or
whose surname is a word. And the clinical look-alikes that must survive: a systems count or a
ratio written m/d, eponyms, signs named after places, a ridge of a bone, code sets in a row.
All text here is written for the tests (names, numbers and places invented)."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier
from drafting.deid.phimap import PhiMap


def _out(text: str) -> str:
    deid = Deidentifier(PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


# ----------------------------------------------------------------------------- places

@pytest.mark.parametrize("text, place", [
    ("STATE OF MINNESOTA          DISTRICT COURT          WABASHA PRAIRIE COUNTY", "WABASHA"),
    ("The accident was in Tensas Parish, on a gravel road.", "Tensas"),
    ("IN THE CIRCUIT COURT OF THE COUNTY OF MARQUETTE VALE", "MARQUETTE VALE"),
])
def test_a_county_or_parish_is_removed_in_any_case_but_not_the_court_before_it(text, place):
    out = _out(text)
    assert place not in out
    assert "COURT" in out or "gravel" in out


@pytest.mark.parametrize("text", [
    "The County of Origin field was blank on the form.",
    "Which County? The clerk did not say. THE COUNTY agreed to pay.",
])
def test_a_form_field_or_an_article_before_county_names_no_county(text):
    assert _out(text) == text


@pytest.mark.parametrize("text, address", [
    ("From 2009 she lived at W4418 County Road QQ, Pickerel Bend, Minnesota.",
     "W4418 County Road QQ"),
    ("Mail goes to N2231 Tamarack Hollow Rd, then the farm lane.", "N2231 Tamarack Hollow Rd"),
])
def test_a_rural_grid_address_is_removed_with_its_road(text, address):
    out = _out(text)
    assert address not in out
    assert not any(part in out for part in address.split()[1:3])


@pytest.mark.parametrize("text, street", [
    ("He was waiting to turn left on Quillfeather Way when the van hit him.", "Quillfeather Way"),
    ("The crash was near the Harlan Expressway, in heavy rain.", "Harlan Expressway"),
    ("She was stopped at 44th and the Marlowe Parkway, facing east.", "Marlowe Parkway"),
    ("They live off Brindlecombe Drive, past the school.", "Brindlecombe Drive"),
])
def test_a_street_without_a_house_number_after_a_word_of_place_is_removed(text, street):
    assert street.split()[-2] not in _out(text)


def test_a_street_found_once_by_its_cue_is_removed_where_it_stands_alone():
    out = _out("The truck hit him on Quillfeather Way. Quillfeather Way had no lights.")
    assert "Quillfeather" not in out


@pytest.mark.parametrize("text, place", [
    ("Her mother fell and is at Thornbury Heights respite for a week.", "Thornbury Heights"),
    ("They moved to Willow Bend Estates last spring.", "Willow Bend Estates"),
])
def test_a_named_neighbourhood_or_residence_after_a_word_of_place_is_removed(text, place):
    assert place.split()[0] not in _out(text)


@pytest.mark.parametrize("text, road", [
    ("He was westbound on Highway 61 when the trailer swung out.", "Highway 61"),
    ("She merged onto I-335 near the exit.", "I-335"),
    ("The farm is along County Road TT, two miles out.", "County Road TT"),
    ("They turned onto State Route 118 at dusk.", "State Route 118"),
])
def test_a_numbered_or_lettered_highway_after_a_word_of_place_is_removed(text, road):
    assert road not in _out(text)


@pytest.mark.parametrize("text, place", [
    ("Prosimy przesłać do lekarza (ul. Wrzosowa 7/12, 30-418 Kraków).", "Wrzosowa"),
    ("Her zip code is 54017 and she lives alone.", "54017"),
    ("They live on Rural Route 7, past the creamery.", "Rural Route 7"),
    ("The farm is two miles north of Ostrander Mills on gravel.", "Ostrander"),
    ("They rent a lot at Cedar Bluff Mobile Home Park since May.", "Cedar Bluff"),
])
def test_a_zip_a_rural_route_a_town_by_direction_and_a_park_of_homes_are_removed(text, place):
    assert place not in _out(text)


@pytest.mark.parametrize("text", [
    "Ibuprofen 800 mg (outside Rx, filled elsewhere).",
    "Reviewed outside MRI and outside records from the referring office.",
    "Tender just north of Lisfranc joint line.",
])
def test_outside_records_and_directions_on_the_body_are_no_places(text):
    assert _out(text) == text


@pytest.mark.parametrize("text, place", [
    ("They have lived in the Village of Quendal Falls since 2019.", "Quendal Falls"),
    ("City of Marrowby Police took the report.", "Marrowby"),
    ("He lives at 3391 Fennimore with his wife.", "3391 Fennimore"),
])
def test_a_municipality_by_its_kind_and_a_house_after_a_verb_of_living_are_removed(text, place):
    out = _out(text)
    assert place not in out
    if "Police" in text:
        assert "Police took" in out


def test_a_word_before_a_number_is_no_highway():
    assert "State 2" in _out("Seen at the State 2 clinic for intake.")


# ----------------------------------------------------------------------------- ids

@pytest.mark.parametrize("text, number", [
    ("Veteran: Doe, J   EDIPI 2203 771 948   DOB on file", "2203 771 948"),
    ("Secondary plan, member QRT 5521 0983 B\nAttending: on file", "QRT 5521 0983 B"),
    ("His card says his DoD ID is 3317 2290 84 if you need it.", "3317 2290 84"),
    ("STATE PLAN ID:        B 7731 0046 2\nPlan member #: on file", "B 7731 0046 2"),
    ("Facility claim 2031447 62 0019 was paid last month.", "2031447 62 0019"),
    ("Patient no.: KLW 66120 4\n", "KLW 66120 4"),
    ("Secondary: Prairie Mutual Health Plan PMH 551 204 870; no copay.", "PMH 551 204 870"),
])
def test_an_id_in_groups_is_removed_whole(text, number):
    out = _out(text)
    assert not any(group in out for group in number.split() if any(c.isdigit() for c in group)
                   and len(group) >= 3)


@pytest.mark.parametrize("text, number", [
    ("Our index number is 552901/2026 if the clerk asks.", "552901"),
    ("In the Matter of:   )   No. 26B-HRG-0932-PLN", "26B-HRG-0932-PLN"),
])
def test_a_court_or_hearing_number_after_its_label_is_removed(text, number):
    assert number not in _out(text)


def test_a_json_record_id_made_of_a_record_number_is_removed():
    out = _out('{"resourceType": "Coverage", "id": "cov-60217733",\n'
               ' "beneficiary": {"reference": "Patient/pt-60217733"}}')
    assert "60217733" not in out


@pytest.mark.parametrize("text, number", [
    ("OPERATOR ISSUED SUMMONS\n5582 310 47 FOR FOLLOWING TOO CLOSELY", "5582 310 47"),
    ("Wisconsin plate BIG 2FSH (personalized), a blue pickup.", "BIG 2FSH"),
    ("a 2015 Ram (tag\nKPW R58, VIN on file) struck her", "KPW R58"),
    ("addr chg per call; dd acct ...6604 rtn on file", "6604"),
    ("Our tax ID is on every bill,\n   47-3318820. I do not bill.", "47-3318820"),
])
def test_a_summons_a_plate_a_masked_account_and_an_ein_are_removed(text, number):
    assert number not in _out(text)


@pytest.mark.parametrize("text", [
    "Fixation plate 3.5 mm and six screws; plate of food untouched.",
    "Lab ref range 3.5-5.0; follow the pain plate 2.",
])
def test_sizes_and_words_after_plate_are_no_plate(text):
    assert _out(text) == text


def test_a_count_after_a_grouped_id_is_not_taken_into_it():
    assert "2 visits" in _out("Member ID 55012877 2 visits remain this year.")


@pytest.mark.parametrize("text", [
    "Billed CPT 64483 64484 64490 64491 under one claim line.",
    "Vitals: BP 128 82 HR 72 RR 16.",
    "Per WAC 296-20-01002 the rule applies.",
    "VIA CERTIFIED MAIL and e-mail.",
])
def test_codes_and_measures_in_a_row_are_no_grouped_id(text):
    assert _out(text) == text


# ----------------------------------------------------------------------------- employers

@pytest.mark.parametrize("text, employer", [
    ("A. Employer Name, Address, I.D. No.:  GRISWOLD HARBOR BOATWORKS / on file",
     "GRISWOLD HARBOR BOATWORKS"),
    ("Employer contact\nMavis Trundle (kitchen manager, Pemberly Unified Meal Services) faxed it.",
     "Pemberly Unified Meal Services"),
    ("Call with employer HR, Odell Brisk (Sunvale Compassionate Home Care,\n 555-0143).",
     "Sunvale Compassionate Home Care"),
    ("She was a dental hygienist at Lakemoor Family Dental until the crash.",
     "Lakemoor Family Dental"),
])
def test_an_employer_in_a_field_list_beside_its_contact_or_after_a_job_is_removed(text, employer):
    assert employer.split()[0] not in _out(text)


def test_a_firm_in_lower_case_after_a_word_of_work_is_removed_to_its_firm_word():
    out = _out("should i skip my 2 shifts at juniper bagel tmrw? i can stay home")
    assert "juniper bagel" not in out and "tmrw" in out


def test_the_head_word_of_an_employer_said_alone_is_removed():
    out = _out("He hauls milk for Brevik Dairy Cooperative. His supervisor at Brevik called.")
    assert "Brevik" not in out


@pytest.mark.parametrize("text, place", [
    ("She was a patient at Mercy Hospital for two nights.", "Mercy Hospital"),
    ("The author is an orthopedic surgeon at Lakeview Orthopedics.", "Lakeview Orthopedics"),
])
def test_a_patient_or_a_clinician_at_a_facility_names_no_employer(text, place):
    assert place in _out(text)


# ----------------------------------------------------------------------------- relatives

def test_a_relative_whose_given_name_is_a_month_is_removed_after_a_kin_word():
    out = _out("Lives with his wife June, who fills the pill box. Seen June 3, 2025.")
    assert "wife June" not in out
    assert "June 3" in out or "2025" not in out  # the date is a date, not a name


@pytest.mark.parametrize("text, name", [
    ("Social: wife = Marit; son = Tobiah; both local.", "Marit"),
    ("His wife's name is Solveig, she drives him.", "Solveig"),
    ("Her son is named Garrick and lives nearby.", "Garrick"),
])
def test_a_relative_named_in_shorthand_or_by_a_naming_sentence_is_removed(text, name):
    assert name not in _out(text)


def test_the_modal_may_after_a_relation_is_no_name():
    text = "Her mother May visit next week if the roads are clear."
    assert _out(text) == text


def test_a_relative_before_a_bracket_of_kinship_is_removed_though_the_surname_is_a_word():
    out = _out("Witnesses: Torvald Frost (father, eighty-eight, lives with them).")
    assert "Torvald" not in out and "Frost" not in out


def test_the_parties_of_a_caption_before_their_role_are_removed():
    out = _out("ARLEN T. VOSBURG and APRIL K. VOSBURG,\n        Plaintiffs,\n   v.\n"
               "DRAKEWELL HAULING LLC,\n        Defendant.")
    assert "VOSBURG" not in out and "APRIL" not in out and "Plaintiffs" in out


# ----------------------------------------------------------------------------- look-alikes

@pytest.mark.parametrize("text", [
    "ROS 10/14 negative except as noted in HPI.",
    "Review of systems: 12/14 reviewed and negative.",
    "The E/A ratio was 3/1 on the echo.",
    "Ratio of flexion to extension 2/1 on testing.",
])
def test_a_systems_count_or_a_ratio_written_m_d_is_no_date(text):
    deid = Deidentifier(PhiMap(shift_days=37))
    deid.learn([text])
    assert deid.deidentify(text) == text


@pytest.mark.parametrize("text", [
    "Spurling test negative; Hoffmann sign absent; Patrick's/FABER positive on the right.",
    "Ottawa rules negative; tender at McBurney's point.",
    "Trigger point injection at the Iliac Ridge, then ice.",
    "Seen at Kaweah Oaks Rehab for therapy.",
])
def test_eponyms_signs_and_a_bone_ridge_survive(text):
    out = _out(text)
    for word in ("Spurling", "Hoffmann", "FABER", "Ottawa", "McBurney", "Iliac"):
        if word in text:
            assert word in out
    if "Rehab" in text:
        assert "Kaweah Oaks Rehab" in out


def test_an_employer_named_after_a_state_does_not_take_the_state_with_it():
    # the head word of an employer ("Minnesota" of "Minnesota Freightways") is learned only where
    # it is no state's name: a state is no identifier, and its agencies, databases and fee
    # schedules must survive (found on held-out set 19, 2026-12-07)
    from drafting.deid.recognizers import scan

    text = ("Employer: Minnesota Freightways Inc., Duluth.\nChecked the Minnesota PMP today. The "
            "Minnesota Department of Labor and Industry was copied.")
    found = scan(text)
    redacted = {text[s.start:s.end] for s in found.spans}
    assert "Minnesota Freightways Inc." in redacted
    assert "Minnesota" not in redacted and "Minnesota" not in found.employers
    # an employer whose head is in no dictionary and names no state is still learned alone
    other = scan("Employer: Kessler Dairy Inc.\nKessler called about light duty.")
    assert "Kessler" in other.employers
