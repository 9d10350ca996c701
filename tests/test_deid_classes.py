"""De-identification by class of identifier (issue #22 item 3): each class of leak found on the
development blind set, fixed as a general rule and asserted here on new synthetic text (never the
blind text). Each case fails without its rule, but for the cases that must stay as they are
(younger ages, scores, sources named, cited cases)."""

from __future__ import annotations

import pytest

from drafting.deid import Deidentifier, PhiMap
from drafting.deid.dates import find_dates, shift_text
from drafting.deid.phimap import PhiKind


def _spans(text: str, shift: int | None = None) -> dict[str, PhiKind]:
    deid = Deidentifier(PhiMap(shift))
    deid.learn([text])
    return {span.text(text): span.kind for span in deid.spans(text)}


def _out(text: str, shift: int | None = None) -> str:
    deid = Deidentifier(PhiMap(shift))
    deid.learn([text])
    return deid.deidentify(text)


def _leaks(out: str, *values: str) -> list[str]:
    return [v for v in values if v in out]


# ----------------------------------------------------------------------------- 1. dates


def test_both_ends_of_a_date_range_shift_and_shift_back():
    text = "Trial of TENS 4/2/24-4/9/24, then 10/28/2023-11/04/2023 in PT."
    assert [f.text for f in find_dates(text)] == ["4/2/24", "4/9/24", "10/28/2023", "11/04/2023"]
    out = shift_text(text, 37)
    assert _leaks(out, "4/2/24", "4/9/24", "10/28/2023", "11/04/2023") == []
    assert "5/9/24-5/16/24" in out and "12/04/2023-12/11/2023" in out
    assert [f.date for f in find_dates(shift_text(out, -37))] == [f.date for f in find_dates(text)]
    # a hyphen after a date that opens no range still ends nothing: no date in a code
    assert [f.text for f in find_dates("lot 12/01/2023-A7")] == []


@pytest.mark.parametrize("days", [37, -20, 400])
def test_a_month_and_year_moves_by_whole_months_and_back(days):
    text = "Chiropractic 11/2020 - 01/2021; fusion in Sept. 2019 and a fall in March 2022."
    out = shift_text(text, days)
    assert _leaks(out, "11/2020", "01/2021", "March 2022") == []
    assert shift_text(out, -days).replace("Sep.", "Sept.") == text


def test_an_ordinal_date_with_of_is_a_date():
    (found,) = find_dates("surgery was performed the 21st of October, 2021 at noon")
    assert found.text == "21st of October, 2021" and str(found.date) == "2021-10-21"
    assert shift_text(found.text, 37) == "27th of November, 2021"


def test_a_month_and_day_after_a_document_word_or_after_shifts_but_scores_do_not():
    out = shift_text("their denial letter of 9/4 and the visit after 12/28; strength "
                     "4 of 5/5, pain 3 of 10/10", 37)
    assert "9/4" not in out and "12/28" not in out
    assert "4 of 5/5" in out and "3 of 10/10" in out


@pytest.mark.parametrize("text, gone", [
    ("the injection on the 2nd of February helped", "2nd of February"),
    ("Seen Tues 3/5 for a recheck.", "3/5"),
    ("fusion 05.03.2022 at Mercy", "05.03.2022"),
    ("injured Nov 30th, 2023 at work", "Nov 30th, 2023"),
])
def test_more_date_forms_shift_and_come_back(text, gone):
    out = shift_text(text, 37)
    assert gone not in out
    assert [f.date for f in find_dates(shift_text(out, -37))] == [f.date for f in find_dates(text)]
    assert shift_text(out, -37).replace("3/05", "3/5") == text


def test_words_that_begin_like_a_month_are_not_dates():
    text = "Decreased 2 points; Marching 5 laps; deceased 2019; Augmented 4 times; Junior 2 yrs"
    assert shift_text(text, 37) == text


# ----------------------------------------------------------------------------- 2. ages


@pytest.mark.parametrize("prose, age", [
    ("Her grandmother, age 97, lives with her.", "age 97"),
    ("His uncle, aged 91, drives him.", "aged 91"),
    ("| Father | Age 95 | Medicare |", "Age 95"),
    ("She looks after her dad (he's 94) at home.", "he's 94"),
    ("Family history: father died at 96.", "96"),
    ("Her father-in-law, Aurelio Marchetti, 97, lives abroad.", "97"),
])
def test_ages_over_89_go_with_their_cue(prose, age):
    assert _spans(prose).get(age) is PhiKind.age


@pytest.mark.parametrize("prose", [
    "Her mother, age 89, lives nearby.", "aged 64", "SpO2 age 93% on room air",
    "she's 93% better", "he is 95 kg", "age 91 mg",
    "Levels 4, 96, and 100; pain, 95, she said",
])
def test_ages_up_to_89_and_scores_doses_and_weights_stay(prose):
    assert PhiKind.age not in _spans(prose).values()


# ----------------------------------------------------------------------------- 3. organisations


def test_labelled_captioned_and_prose_employers_and_their_short_forms():
    text = ("Empl: Lone Pine Orchard Packing (sorter / line lead)     DOI: 3/2/22\n"
            "RE:  Ana Ruiz v. Lone Pine Orchard Packing, Inc.\n"
            "Plan sponsor:     Tehachapi Water District\n"
            "Husband (retired, Tehachapi Water District; cell on file). Her son, RN (Sierra "
            "Foothill Dialysis), visits. Off work from Lone Pine Orchard Packing since then.\n"
            "LPOP HR says light duty is open at Lone-Pine; per MTUS and Medicare guidance.\n")
    out = _out(text)
    assert _leaks(out, "Lone Pine Orchard Packing", "Tehachapi Water District",
                  "Sierra Foothill Dialysis", "LPOP") == []
    assert "MTUS" in out and "Medicare" in out  # sources named stay


def test_an_employer_named_after_the_word_employer_keeps_its_place_words():
    out = _out("Her husband's employer, Valley Crest Dairy, offers insurance.")
    assert "Valley" not in out and "Crest Dairy" not in out


def test_hyphenated_head_and_acronym_of_a_learned_employer_are_replaced():
    text = ("Employer: Blue-Ridge Cold Chain Transport\n"
            "Spoke with BRCC dispatch; Blue-Ridge offered modified duty.")
    out = _out(text)
    assert _leaks(out, "Blue-Ridge", "BRCC") == []


def test_guideline_bodies_payers_and_cited_cases_are_not_employers():
    text = ("Per ASIPP and ACOEM, and CMS coverage; see Guzman v. Milpitas Unified School "
            "District. Former smoker, quit 2009. Attending: Dr. Ann Lee, MD (Hospitalist)")
    spans = _spans(text)
    assert PhiKind.employer not in spans.values(), spans


def test_drug_names_procedures_and_practices_are_not_firms_but_legal_names_are():
    out = _out("Fish Oil 1000 mg; Diagnostic LP negative. Bills from Sunrise Ortho Group, Inc.")
    assert "Fish Oil" in out and "Diagnostic LP" in out and "Sunrise Ortho Group" not in out


# ----------------------------------------------------------------------------- 4. person names


@pytest.mark.parametrize("text, name", [
    ("- NCM June Halloway RN to attend next visit", "June Halloway"),
    ("Surveillance by investigator T. Marchbanks, 3 hours.", "T. Marchbanks"),
    ("Form signed by Roy Ekwueme, night shift supervisor, 02/12/2021.", "Roy Ekwueme"),
    ("Please call Wanda Petrakis, Claims Specialist III, with questions.", "Wanda Petrakis"),
    ("Copy to PTP Dr. A.J. Okonjo, fax on file", "A.J. Okonjo"),
    ("Consultants: Choi Min-jun, MD (Pain Medicine)", "Choi Min-jun"),
    ("2. Valley Urgent Care, Marcus Greeley Jr., PA-C, strain", "Marcus Greeley Jr."),
    ("Joined by Marc Okoye, Esq.    Céline d'Aubigny-Roth, Esq.", "Céline d'Aubigny-Roth"),
    ("To: Keith Amari <ka@x.example>; Thanh-Huong Vo <thvo@lawfirm.example>",
     "Thanh-Huong Vo"),
    ("HR (DeMarcus Whitlow, dwhitlow@firm.example) says", "DeMarcus Whitlow"),
    ("cc: Hon. Margaret Ashby-Lowell, WCJ", "Margaret Ashby-Lowell"),
    ("Sgt. Darnell Whitby of the city police took the report.", "Darnell Whitby"),
    ("Rev. Dr. Kofi Mensah-Bonsu visits weekly.", "Kofi Mensah-Bonsu"),
])
def test_names_marked_by_their_context(text, name):
    out = _out(text)
    assert _leaks(out, name) == [], out


def test_a_credential_after_a_name_in_a_role_list_is_not_learned_as_a_name():
    out = _out("Vocational counselor Tomasz Wierzbicki, CRC, met her. CRC screening is due.")
    assert "Wierzbicki" not in out and "CRC screening" in out


def test_a_quoted_nickname_is_learned_and_replaced_everywhere():
    text = ('Pt: FERRIS-OKAFOR, Philippa J. ("Pippa")        DOB: 2/2/1960\n'
            'Her brother, Reginald "Reggie" Ferris Jr., drove her. Pippa is tired.\n'
            'Later Reggie called; Pippa agreed.')
    out = _out(text)
    assert _leaks(out, "Pippa", "Reggie", "Reginald", '"', "Jr.") == [], out


def test_a_surname_after_a_nickname_goes_with_it():
    out = _out('Son-in-law Raymundo ("Ray") Tellez brought her. Ray waited outside.')
    assert _leaks(out, "Tellez", "Ray") == [], out


def test_a_nickname_in_parentheses_before_a_surname():
    out = _out("PCP is Dr. Oluwaseun (Seun) Bakare. Seun agrees.")
    assert _leaks(out, "Bakare", "Seun") == [], out


def test_a_preferred_name_in_prose_is_replaced_everywhere():
    out = _out("Visit with Tilly (she prefers that name). Tilly is the caregiver.")
    assert "Tilly" not in out


def test_a_month_given_name_is_a_name_but_a_month_stays_a_month():
    text = ("NCM April Lindqvist RN will attend. April asked for records.\n"
            "Seen April 3, 2023 and again in April; injury in May 2021.")
    out = _out(text)
    assert "April Lindqvist" not in out and "April asked" not in out
    assert "April 3, 2023" in out and "in April;" in out and "May 2021" in out


def test_patient_initials_in_a_subject_line_and_elsewhere():
    # since set 4 (initials in a table column and a sign-off are a provider's): initials of a
    # full name found in the record are replaced wherever they stand, unless they spell a word
    # or a clinical abbreviation (tests/test_deid_given.py)
    text = ("Subject: RE: GHT / claim update\n"
            "Re: Gwendolyn Harper-Thibault, DOB 01.02.1970\n"
            "GHT elsewhere in prose is replaced too.")
    out = _out(text)
    assert "Subject: RE: GHT" not in out and "GHT elsewhere" not in out


# ----------------------------------------------------------------------------- 5. numbers


@pytest.mark.parametrize("text, value, kind", [
    ("Her SSN on the form is 521.33.9084; fix it.", "521.33.9084", PhiKind.ssn),
    ("Re: chart review, hospital MR# 00412-7730", "00412-7730", PhiKind.mrn),
    ("T 209.555.0143 x 12B | F 209.555.0144", "209.555.0143 x 12B", PhiKind.phone),
    ("call 916.555.0170 ext. K-41, weekdays", "916.555.0170 ext. K-41", PhiKind.phone),
    ("Signed | SBN 301772 | Fresno", "SBN 301772", PhiKind.license),
    ("CA Board of Pharmacy Permit PHY 50213", "PHY 50213", PhiKind.license),
    ("- T. Lam, PharmD (RPh 80412)", "RPh 80412", PhiKind.license),
    ("under its claim number WMI 22 0918344. Under", "WMI 22 0918344", PhiKind.member_id),
    ("Secondary: member BCX 771902 05\n", "BCX 771902 05", PhiKind.member_id),
    ("Implanted IPG (01)00643169007222(17)290630(10)LT88412 on the left.\n",
     "(01)00643169007222(17)290630(10)LT88412", PhiKind.device),
])
def test_numbers_in_their_other_shapes(text, value, kind):
    assert _spans(text).get(value) is kind


def test_a_dotted_number_without_an_ssn_word_is_no_ssn():
    assert PhiKind.ssn not in _spans("Version 521.33.9084 of the form.").values()


# ----------------------------------------------------------------------------- 6. addresses


@pytest.mark.parametrize("text, value", [
    ("Mail to:\n    RR 4 Box 77\n", "RR 4 Box 77"),
    ("Rua das Flores 212, Bairro Centro, 01304-001 Campinas, SP.",
     "Rua das Flores 212, Bairro Centro, 01304-001 Campinas, SP."),
    ("800 N. Blackstone Ave., Suite 9 - Fresno, CA 93704-1122\n",
     "800 N. Blackstone Ave., Suite 9 - Fresno, CA 93704-1122"),
    ("Home visit 12/1/23 at 9120 E. Manzanita with the patient.", "9120 E. Manzanita"),
    ("relatives at Av. Juárez 77, Col. Centro, 44100 Guadalajara, Jal., México. Home",
     "Av. Juárez 77, Col. Centro, 44100 Guadalajara, Jal., México"),
    ("cousins at Morelos 15, Col. Las Fuentes, 45070 Zapopan, Jal. Then",
     "Morelos 15, Col. Las Fuentes, 45070 Zapopan, Jal."),
    ("Rua Augusta 1200, São Paulo, Brasil", "Rua Augusta 1200, São Paulo, Brasil"),
])
def test_addresses_in_their_other_shapes(text, value):
    assert _spans(text).get(value) is PhiKind.address


def test_a_learned_street_is_found_again_without_its_suffix():
    text = "Address: 55 Cobblestone Way, Apt 3\nVisited her at 55 Cobblestone today."
    assert "55 Cobblestone" not in _out(text)


def test_a_state_and_zip_need_the_zip_close():
    # a credential that is also a state, then a procedure code across a table gap
    out = _out("23195E0003   van der Walt, Pieter, MD                 99024         $0.00")
    assert "99024" in out and "Walt" not in out
