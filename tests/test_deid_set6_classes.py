"""De-identification classes found on the sixth blind set (issue #22 item 3), each asserted on
new synthetic text (never the blind text): numbers by the labels of legal and payment papers,
dates written as people say them, the time of a signature, and the words around them that are
not identifiers (a form's name, a make and its model, a score)."""

from __future__ import annotations

from drafting.deid.dates import shift_text
from tests.test_deid_classes import _leaks, _out

# ----------------------------------------------------------------------------- numbers by label


def test_legal_and_payment_numbers_go_by_their_labels():
    text = ("CAUSE NO. 2019-30417 in the county court.\n"
            "The state file is DWC # 19-552310; the district court cause 2019-30417 is stayed.\n"
            "Reporter: CSR No. 6620, expires 2026. Firm reg. No. 40518.\n"
            "Job No. QRT-8810-2231 | Matter no. ZEB-3310\n"
            "Check/EFT trace EFT 0000442917730 paid 2024.\n"
            "Certifying doctor licence: NM DO K7741 (New Mexico)\n"
            "Examiner: Ann Vole, PhD, Licensed Psychologist, NM #40231\n")
    out = _out(text)
    assert _leaks(out, "2019-30417", "19-552310", "6620", "40518", "QRT-8810-2231", "ZEB-3310",
                  "0000442917730", "EFT 0000442917730", "K7741", "40231") == []


def test_the_last_digits_of_an_account_after_an_ellipsis_go():
    out = _out("Benefits were paid to his account; the account ends ...3318, the card ends in "
               "***7712.")
    assert _leaks(out, "3318", "7712") == []


def test_an_object_identifier_of_a_study_goes_but_not_a_version_or_a_level():
    out = _out("Prior images (study UID 1.3.6.1.4.1.9328.50.81.2291) compared. Software 2.1.4; "
               "disc at L4-5 measures 3.2 mm.")
    assert _leaks(out, "1.3.6.1.4.1.9328.50.81.2291") == []
    assert "Software 2.1.4" in out and "3.2 mm" in out


def test_a_form_named_after_a_label_stays():
    out = _out("[Scan of the paper claim, CMS-1500 (02-12), and of the appeal, UB-04]")
    assert "CMS-1500 (02-12)" in out


def test_a_model_after_a_make_or_a_brand_stays_but_a_plate_after_a_make_goes():
    out = _out("A pallet from a Nissan 4PS55 truck was hung on a Liftrite LR-3300 winch.\n"
               "He drives a Honda, plate QZT-4471.")
    assert "Nissan 4PS55 truck" in out and "Liftrite LR-3300" in out
    assert _leaks(out, "QZT-4471") == []


# ----------------------------------------------------------------------------- dates


def test_spoken_dates_with_a_short_year_go_or_move():
    text = ("Q. Date of birth?\nA. March the 9th, '61.\n"
            "Q. Any pain before June of '19?\nA. Benefits stopped in the spring of '22.\n"
            "His aunt was born on the 14th of July, 1929, in Lagos.\n")
    out = _out(text, 37)
    assert _leaks(out, "March the 9th, '61", "June of '19", "spring of '22",
                  "14th of July, 1929") == []
    assert "July of '19" in out  # moved by whole months, in its style
    assert shift_text(shift_text("before June of '19", 37), -37) == "before June of '19"


def test_the_time_of_a_signature_or_a_sent_message_goes_but_a_time_of_care_stays():
    text = ("Electronically signed: J. Ruiz, MD 2023-11-02 16:45\n"
            "Sent: Tuesday, October 31, 2023 8:05 AM\n"
            "e-signed 10/30/2023 5:12 PM | reviewer\n"
            "Arrival: 10/29/2023 21:47   Triage 21:55\n")
    out = _out(text, 37)
    assert _leaks(out, "16:45", "8:05 AM", "5:12 PM") == []
    assert "21:47" in out


def test_a_bare_month_and_day_of_a_dated_event_goes_but_not_a_score_or_a_page():
    text = ("UDS collected 06/09/2023; result consistent 6/9. Recheck 7/28/2023, "
            "called back 7/28.\nPain 6/10 on 06/10/2023. pg 3/4 of the fax dated 03/04/2023.\n"
            "Discharged 8/21, van booked 8/25, by phone 8/26.\n")
    out = _out(text, 37)
    assert _leaks(out, "consistent 6/9", "back 7/28", "Discharged 8/21", "booked 8/25",
                  "phone 8/26") == []
    assert "Pain 6/10" in out and "pg 3/4" in out


def test_an_ordinal_day_before_a_pronoun_goes():
    out = _out("Seen 02/03/2024. On the night of the 4th his knee buckled.")
    assert _leaks(out, "4th") == []


def test_form_dates_in_boxes_go_a_from_to_pair_too():
    text = ("3. PATIENT'S BIRTH DATE: 07 | 21 | 1949   SEX: F\n"
            "24. DOS FROM-TO  POS  CPT\n  05 14 24 05 14 24   11  99213\n")
    out = _out(text)
    assert _leaks(out, "07 | 21 | 1949", "05 14 24") == []
    assert "99213" in out


def test_ages_over_89_in_words_after_aged_and_after_turned_go():
    out = _out("Her mother, now aged ninety-four, and her aunt, who turned 101 in March.")
    assert _leaks(out, "aged ninety-four", "ninety-four", "101") == []


# ----------------------------------------------------------------------------- names


def test_board_certifications_after_a_degree_go_with_the_name():
    out = _out("Examiner: Ilse Vantongeren-Obi, PsyD, ABPP, Licensed Psychologist\n"
               "cc: M. Quarshie, RN, CCM; claims")
    assert _leaks(out, "ABPP", "CCM", "Vantongeren-Obi", "Quarshie") == []


def test_people_a_transcript_lists_by_role_go():
    out = _out("ALSO PRESENT: Radomir Sczepanski, videographer\n"
               "Taken before Wilhelmina Okonkwo-Pratt, court reporter.")
    assert _leaks(out, "Radomir", "Sczepanski", "Wilhelmina", "Okonkwo-Pratt") == []


def test_an_honorific_and_a_maiden_name_go_with_the_name():
    out = _out("Her father, Chief Emeka Ugochukwu Nwosu, farmed. "
               "Wife Trudi Anne (née ter Horst) is 58.\nChief complaint: low back pain.")
    assert _leaks(out, "Chief Emeka", "née ter Horst", "ter Horst") == []
    assert "Chief complaint" in out


def test_a_name_spelled_letter_by_letter_goes_but_not_other_capitals():
    out = _out("A. Dagfinn Holmqvist-Aba. The last name is spelled H-O-L-M-Q-V-I-S-T.\n"
               "Straight leg raise positive; S-I joint and the A-B-C-D scale noted.")
    assert _leaks(out, "H-O-L-M-Q-V-I-S-T") == []
    assert "S-I joint" in out and "A-B-C-D" in out


def test_initials_in_stamp_lines_and_cut_surnames_go():
    out = _out("Transcribed wqe/BJo | Job 5541\nLEDGER printed 2/3/24 by rtz\n"
               "scanned by QLM 02/03/24\nforwarded to P. V-S for review.\n"
               "Emergency: Marisol T-G 555-0142\nEmergency: Torvald Ek-Lind 555-0143\n"
               "Scanned by PT staff; typed by the unit clerk.")
    assert _leaks(out, "wqe", "BJo", "rtz", "QLM", "P. V-S", "T-G") == []
    assert "by PT staff" in out and "by the unit clerk" in out


def test_a_single_name_word_before_a_credential_goes_but_not_a_word():
    out = _out("| tel | Zorabel, MA @ clinic | f/u confirmed |\nPain, MD group referral.")
    assert _leaks(out, "Zorabel") == []
    assert "Pain, MD" in out


def test_handwritten_names_on_a_form_go():
    text = ("Name (last, first, middle): VANTERPOOL-KEO, desmond r.\n"
            "Emergency contact: ulla vanterpool-\nkeo (wife) 555-0177\n"
            "witness: q. abernethy-nwachukwu (front desk)\n"
            "17. NAME OF REFERRING PROVIDER: DN OYELOWO TUNDE   17b. NPI\n")
    out = _out(text)
    assert _leaks(out, "desmond", "ulla", "vanterpool-", "abernethy-nwachukwu", "OYELOWO",
                  "TUNDE") == []


def test_a_scanned_zero_and_l_inside_a_name_in_capitals_go():
    out = _out("Name: 0STERGAARD-NlLSSON, Birgit\nSeen for back pain.")
    assert _leaks(out, "0STERGAARD-NlLSSON", "STERGAARD") == []


# ----------------------------------------------------------------------------- places, phones


def test_an_address_with_a_building_a_pipe_or_a_town_without_its_state_goes_whole():
    text = ("Clinic | 5120 Katy Fwy, Bldg D, Sealy, TX 77474 | 979-555-0101\n"
            "appt 2 pm, 5120 Katy Fwy, Bldg D, Sealy 77474.\n"
            "Ops Coordinator\n211 Mesa Rd, Ste 14 | Hobbs NM 88240\n")
    out = _out(text)
    assert _leaks(out, "Katy Fwy", "Bldg D", "Sealy", "77474", "Mesa Rd", "Ste 14", "Hobbs",
                  "88240") == []


def test_a_ward_room_a_zip_after_a_town_one_lives_in_and_a_scanned_zip_go():
    text = ("Unit: 6 North Rm 221-A   Admit 2 days\n"
            "aunt in assisted living rm C-207\n"
            "(lives in Cedar Bayou 77520)\n"
            "address: 12 elm rd\n   baytown tx 775I4\n"
            "reading room 555-0142; room air; 2 rooms.\n")
    out = _out(text)
    assert _leaks(out, "6 North Rm 221-A", "C-207", "Cedar Bayou", "77520", "775I4") == []
    assert "room air" in out and "2 rooms" in out and "reading room" in out


def test_a_phone_abroad_and_a_phone_with_a_menu_option_go_but_not_doses_or_scores():
    out = _out("Her son in Leeds, +44 113 496 0831, or the clinic on +49 (0)30 1234 5678. "
               "Reviewer: (866) 555-0118, option 2, ext. 4410.\nDose 3+2 mg; BP 120/80.")
    assert _leaks(out, "+44 113 496 0831", "496 0831", "1234 5678", "option 2", "4410") == []
    assert "3+2 mg" in out and "120/80" in out


# ----------------------------------------------------------------------------- employers, ages


def test_employers_named_in_a_transcript_answer_and_by_their_industry_go():
    text = ("  4   Q.   Who did you work for before the port?\n"
            "  5   A.   Delmar Tank Services, six years, then\n"
            "  6   Rourke & Sons Refrigeration in Texas City.\n")
    out = _out(text)
    assert _leaks(out, "Delmar", "Tank Services", "Rourke", "Sons Refrigeration") == []


def test_an_employer_handwritten_in_lower_case_goes_but_not_none_or_self_employed():
    out = _out("Last employer: tidewater cold storage      job: forklift (9 yrs)\n"
               "Previous employer: self employed\nEmployer: none\n")
    assert _leaks(out, "tidewater cold storage") == []
    assert "self employed" in out and "Employer: none" in out


def test_a_scanned_age_over_89_goes():
    out = _out("mother - 9l yrs, dementia; father 9O y/o; sister 45 yrs")
    assert _leaks(out, "9l yrs", "9O y/o") == []
    assert "45 yrs" in out


def test_an_employer_in_capitals_or_a_family_firm_goes_but_not_a_heading():
    out = _out("Before that: HALVERSON PETROCHEM SVCS, Brannock & Sons\n"
               "HISTORY: ESRD ON PERITONEAL DIALYSIS. 98th JUDICIAL DISTRICT.\n")
    assert _leaks(out, "HALVERSON", "Brannock & Sons") == []
    assert "PERITONEAL DIALYSIS" in out and "JUDICIAL DISTRICT" in out


def test_an_office_in_a_possessive_stays_a_name_in_one_goes():
    out = _out("Issued by the carrier, Commissioner's order dated 2024; per adjuster, "
               "Vukovich's letter was late.")
    assert "Commissioner's order" in out
    assert _leaks(out, "Vukovich") == []


def test_lower_case_names_after_dr_or_before_a_lower_case_credential_go():
    out = _out("Referred by: dr hollis (pain)   rev: t. mbeki-ansah rph, 555-0167\n"
               "DR nonproliferative, stable; per dr note; rx from kroger rph\n")
    assert _leaks(out, "hollis", "mbeki-ansah") == []
    assert "DR nonproliferative" in out and "per dr note" in out and "rx from" in out


def test_two_letter_initials_of_a_learned_name_opening_a_message_go():
    text = ("To: Quist, Barnaby\nSubject: RE: records\n\n"
            "BQ - before the hearing please send the films.\nMRI - done.\n")
    out = _out(text)
    assert _leaks(out, "BQ -") == []
    assert "MRI - done" in out


def test_a_quoted_lower_case_name_after_a_name_label_goes():
    out = _out('INSURANCE: [X] Workers comp\n adjuster name: "lucinda" ?    [ ] Medicaid\n')
    assert _leaks(out, "lucinda") == []


def test_the_time_of_a_mail_header_date_goes_but_not_a_form_date_time():
    text = ("From: Ines Ruiz <iruiz@example.org>\nDate: Thu 10/3/2024 11:47 AM\n"
            "Subject: pump\n\nVisit date: 10/01/2024 09:15\n")
    out = _out(text, 37)
    assert _leaks(out, "11:47 AM") == []
    assert "09:15" in out


def test_a_named_residence_before_its_unit_goes():
    out = _out("Visit 11/04/2024, Larkspur Terrace, Apt 12 (Rm 12-A). Pt alert.")
    assert _leaks(out, "Larkspur Terrace", "Apt 12", "12-A") == []


def test_a_name_heading_an_item_of_a_list_of_people_goes_but_not_a_drug_in_a_list():
    text = ("Children (names, ages):\n"
            "  Marisol Quintanilla 40 - lives nearby\n"
            "  Teodoro Quintanilla 37\n"
            "  Ebuka (from first marriage) - no contact\n"
            "Medications:\n  Gabapentin 300 mg tid\n  Lidoderm 5% patch\n")
    out = _out(text)
    assert _leaks(out, "Ebuka", "Marisol", "Teodoro") == []
    assert "Gabapentin 300 mg" in out and "Lidoderm 5%" in out


def test_a_remittance_service_date_written_mmdd_goes_when_the_text_dates_it():
    text = ("LEDGER\n02/27/24   OV est   198.00\n"
            "REMITTANCE\n 0227 99214 billed 198.00 allowed 0.00\n 1130 99213 billed 98.00\n")
    out = _out(text, 37)
    assert _leaks(out, " 0227 ") == []
    assert "1130 99213" in out and "99214" in out


def test_control_check_receipt_and_docket_numbers_go_but_not_an_index_or_a_year():
    out = _out("Docket No. 24-CV-3318. ICN 2231187745021, check no. 004471882, DCN 88120044.\n"
               "Receipt # 55120-A. Ticket no. 8841-2231. Certificate QD-30518.\n"
               "BMI (body mass index) 32.7; index finger; certificate of medical necessity 2024.")
    assert _leaks(out, "24-CV-3318", "004471882", "88120044", "55120-A", "8841-2231",
                  "QD-30518") == []
    assert "body mass index) 32.7" in out and "necessity 2024" in out


def test_more_certifications_and_roles_after_a_name_go():
    out = _out("Seen by Ines Vo, MD, FACEP; Avery Quell, MD, FAANS.\n"
               "Reviewed with Dane Olufemi-Hart, translator.")
    assert _leaks(out, "FACEP", "FAANS", "Olufemi-Hart") == []


def test_a_hyphenated_bay_of_a_unit_goes_but_not_a_stay_in_it():
    out = _out("His brother was seen in ED-14 and went to PACU-3B. ICU x 3 days; ICU 2 days.")
    assert _leaks(out, "ED-14", "PACU-3B") == []
    assert "ICU x 3 days; ICU 2 days" in out


def test_a_possessive_of_what_only_a_person_has_names_even_an_eponym():
    out = _out("It's Ana from Spurling's office; she called Hoffmann's wife. Spurling's test "
               "negative; Hoffmann's sign negative.")
    assert "from Spurling's office" not in out and "called Hoffmann's wife" not in out
    assert "Spurling's test negative" in out and "Hoffmann's sign negative" in out


def test_the_name_a_title_and_initial_stand_for_in_parentheses_goes():
    out = _out("Refill at Dr. V's (Vanterpool - hard to spell) today; Dr. B's (Pain Clinic) note.")
    assert _leaks(out, "Vanterpool") == []
    assert "(Pain Clinic)" in out
