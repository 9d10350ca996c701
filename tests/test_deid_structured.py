"""De-identification round F (issue #22, development set 11): structured formats read by what
the format says a field is, on synthetic text written for the test (no set's text).

Classes: HL7 v2 segments (names, addresses, phones, SSN-typed identifiers, dates of birth and
time stamps by field number; a name one field off its place; the names learned and found again
in the message's comments; coded values kept); DICOM header dumps (PN, DA, station and serial,
telephone; descriptions and manufacturer kept), in dcmdump's and pydicom's forms; delimited
exports with a header row (name, TIN, address, account and date columns; code and amount
columns kept; prose with commas is no table); fixed-width listings (an agent column's user names,
found again elsewhere; a form's label-and-value line is no header); key=value pairs; the time
stamps of a log's or a thread's entries and of a signed post (a time of care in prose stays);
a day and month after a Spanish weekday; the time of an export's stamp.
"""

from __future__ import annotations

from drafting.deid import Deidentifier, PhiMap


def _out(text: str, shift: int = 0) -> str:
    deid = Deidentifier(PhiMap(shift) if shift else PhiMap())
    deid.learn([text])
    return deid.deidentify(text)


def _leaks(out: str, *values: str) -> list[str]:
    return [v for v in values if v in out]


HL7 = (
    "MSH|^~\\&|LAB_SYS|NORTHLAB|EHR|CLINIC|20240311093012||ORU^R01|CTRL55012|P|2.5.1\n"
    "PID|1||QX7781204^^^NLAB^MR~000552211^^^SSA^SS||PELLETIER^ROSALIND^MAE||19690214|F|||"
    "44 WILLOW BEND RD^^KEARNEY^NE^68845||^PRN^PH^^1^308^5550172|||S||AC66120934\n"
    "NK1|1|PELLETIER^DORIAN|BRO^Brother|44 WILLOW BEND RD^^KEARNEY^NE^68845|(308)555-0133\n"
    "PV1|1|O|ORTHO^^^CLINIC||||1669912345^VANTERPOOL^GRETA^L^^^MD|||||||||||VN20240311\n"
    "IN1|1|PLAN7|INS9|PRAIRIE MUTUAL|PO BOX 12^^OMAHA^NE^68101|||||||||||"
    "PELLETIER^ROSALIND|01|19690214\n"
    "OBX|1|NM|GLU^Glucose, serum^L||98|mg/dL|70-99||||F\n"
    "NTE|1||Reviewed with Rosalind by phone; brother Dorian present.\n"
)


def test_hl7_fields_are_redacted_by_what_the_standard_says_they_hold():
    out = _out(HL7)
    assert _leaks(out, "PELLETIER^ROSALIND^MAE", "ROSALIND", "QX7781204", "000552211",
                  "19690214", "WILLOW BEND", "5550172", "308)555-0133", "DORIAN",
                  "VANTERPOOL", "1669912345", "AC66120934", "VN20240311",
                  "20240311093012") == []


def test_hl7_coded_values_and_results_stay():
    out = _out(HL7)
    assert "GLU^Glucose, serum^L" in out and "|98|mg/dL|70-99|" in out
    assert "BRO^Brother" in out and "ORU^R01" in out and "^^^SSA^SS" in out


def test_hl7_names_are_learned_and_found_in_the_comments():
    out = _out(HL7)
    assert _leaks(out, "Rosalind", "Dorian") == []


def test_hl7_a_name_one_field_off_its_place_is_still_a_name():
    out = _out(HL7.replace("PELLETIER^ROSALIND|01", "ABERNATHY^CLEON|01"))
    assert _leaks(out, "ABERNATHY", "CLEON") == []


def test_lines_that_only_look_like_segments_are_not_a_message():
    out = _out("ABC|def|ghi\nThe knee flexes to 120 degrees.\n")
    assert "ABC|def|ghi" in out


DCMDUMP = (
    "(0008,0020) DA [20240502]                     #   8, 1 StudyDate\n"
    "(0008,0060) CS [CT]                           #   2, 1 Modality\n"
    "(0008,0070) LO [ACME MEDICAL]                 #  12, 1 Manufacturer\n"
    "(0008,0090) PN [QUIMBY^HAROLD^T^^MD]          #  20, 1 ReferringPhysicianName\n"
    "(0008,1010) SH [CTSCAN-EAST-2]                #  14, 1 StationName\n"
    "(0008,1030) LO [CT CERVICAL SPINE W/O]        #  22, 1 StudyDescription\n"
    "(0010,0010) PN [MARCHBANKS^ODETTE]            #  18, 1 PatientName\n"
    "(0010,0020) LO [ZK4410087]                    #  10, 1 PatientID\n"
    "(0010,0030) DA [19580923]                     #   8, 1 PatientBirthDate\n"
    "(0010,1010) AS [092Y]                         #   4, 1 PatientAge\n"
    "(0010,2154) SH [4025550166]                   #  10, 1 PatientTelephoneNumbers\n"
    "(0018,1000) LO [SN7730019XK]                  #  12, 1 DeviceSerialNumber\n"
    "Impression: no fracture. Discussed with Odette Marchbanks.\n"
)


def test_dicom_elements_are_redacted_by_value_representation_and_tag():
    out = _out(DCMDUMP)
    assert _leaks(out, "20240502", "QUIMBY", "CTSCAN-EAST-2", "MARCHBANKS", "ZK4410087",
                  "19580923", "092Y", "4025550166", "SN7730019XK", "Odette") == []


def test_dicom_descriptions_modality_and_manufacturer_stay():
    out = _out(DCMDUMP)
    assert "CT CERVICAL SPINE W/O" in out and "[CT]" in out and "ACME MEDICAL" in out


def test_a_pydicom_dump_is_read_the_same_way():
    out = _out("(0010, 0010) Patient's Name                      PN: 'FAIRWEATHER^LUCIUS'\n"
               "(0010, 0020) Patient ID                          LO: 'PX20093'\n"
               "(0008, 0060) Modality                            CS: 'MR'\n")
    assert _leaks(out, "FAIRWEATHER", "LUCIUS", "PX20093") == [] and "'MR'" in out


CSV = (
    "rec,payee_kind,payee_name,payee_ssn,payee_address,dos,cpt,amount,ref_no\n"
    'R1,INDIVIDUAL,"Okonkwo, Bertrand",000-33-9021,"9 Alder Ct, Lincoln NE 68502",'
    "2024-02-03,97110,88.00,EFT 5512094471\n"
    'R2,PROVIDER,Harlan Spine Group,47-0001922,"10 Main St, Lincoln NE 68508",'
    "2024-02-10,99213,120.00,CHK 0044718\n"
)


def test_a_delimited_export_is_redacted_by_its_header():
    out = _out(CSV)
    assert _leaks(out, "Okonkwo", "Bertrand", "000-33-9021", "9 Alder Ct", "47-0001922",
                  "5512094471", "0044718") == []


def test_a_delimited_export_keeps_codes_amounts_and_kinds():
    out = _out(CSV)
    assert "97110" in out and "88.00" in out and "INDIVIDUAL" in out and "PROVIDER" in out


def test_prose_with_commas_is_not_a_table():
    text = ("Plan, as discussed, remains the same.\n"
            "Therapy twice weekly, home exercise, ice after sessions.\n"
            "Follow up in four weeks, sooner if worse, with imaging.\n")
    assert _out(text) == text


LOG = (
    "SEQ  WHEN                 AGENT        DIR  CALLER                   NOTES\n"
    "001  2024-05-06 09:14     qbarnaby     IN   4025550111               asked about mileage\n"
    "002  2024-05-07 13:40     wtrelawney   OUT  Prairie Freight HR       left message\n"
    "\n"
    "Escalated by qbarnaby to supervisor.\n"
)


def test_a_listing_s_agent_column_is_redacted_and_its_user_names_found_again():
    out = _out(LOG)
    assert _leaks(out, "qbarnaby", "wtrelawney", "4025550111", "Prairie Freight") == []
    assert "asked about mileage" in out and "SEQ  WHEN" in out


def test_a_form_s_label_and_value_line_is_not_a_listing_header():
    text = ("INSURANCE CARRIER  ACME AUTO INS     POLICY NUMBER QX 11-228-31\n"
            "VEHICLE MAKE  FORD   MODEL  F150   COLOR  BLUE\n")
    out = _out(text)
    assert "VEHICLE MAKE  FORD" in out


def test_key_value_pairs_are_read_by_their_key():
    out = _out("# export: patient=HALVORSEN INGRID K; ssn=000-41-7720; visit_count=3\n")
    assert _leaks(out, "HALVORSEN", "INGRID", "000-41-7720") == [] and "visit_count=3" in out


THREAD = (
    "3/4 8:15a  IN   is the office open today\n"
    "3/4 8:21a  OUT  Yes until 5. -front desk\n"
    "3/5 4:02p  IN   thanks\n"
)


def test_the_times_of_a_thread_s_entries_go_with_their_dates():
    out = _out(THREAD, shift=20)
    assert _leaks(out, "8:15a", "8:21a", "4:02p") == []
    assert "is the office open today" in out


def test_a_signed_post_s_time_goes_with_its_date():
    out = _out('"Thinking of you all." -- marnie t., 6/2/2024 7:45 PM\n', shift=20)
    assert "7:45" not in out


def test_a_time_of_care_in_prose_stays():
    out = _out("Seen 03/04/2024 10:15 for follow-up; pain 4/10.\n", shift=20)
    assert "10:15" in out


def test_a_day_and_month_after_a_spanish_weekday_are_replaced():
    out = _out("Su cita es el viernes 23/8 a las 10:00.\n", shift=20)
    assert "23/8" not in out and "viernes" not in out


def test_the_time_of_an_export_stamp_goes_with_its_date():
    out = _out("Report exported 02/14/2024 16:40 by the billing office.\n", shift=20)
    assert "16:40" not in out


X12 = (
    "ISA*00*          *00*          *ZZ*SUBMIT01       *ZZ*PAYER02        *240311*0930*^*00501*"
    "000000123*0*P*:~\n"
    "ST*837*0001*005010X222A1~\n"
    "NM1*85*2*NORTHSIDE SPINE CLINIC*****XX*1669912345~\n"
    "NM1*IL*1*PELLETIER*ROSALIND*M***MI*XJ55012~\n"
    "N3*44 WILLOW BEND RD~\n"
    "N4*KEARNEY*NE*68845~\n"
    "DMG*D8*19690214*F~\n"
    "REF*SY*000552211~\n"
    "CLM*PAT88120*412.00***11:B:1*Y*A*Y*Y~\n"
    "DTP*431*D8*20240302~\n"
    "HI*ABK:M5416~\n"
    "SV1*HC:64483*412.00*UN*1***1~\n"
    "PER*IC*GRETA VANTERPOOL*TE*3085550172~\n"
)


def test_x12_elements_are_redacted_by_what_the_guides_say_they_hold():
    out = _out(X12)
    assert _leaks(out, "PELLETIER", "ROSALIND", "XJ55012", "WILLOW BEND", "KEARNEY", "68845",
                  "19690214", "000552211", "PAT88120", "20240302", "VANTERPOOL",
                  "3085550172") == []


def test_x12_codes_amounts_and_the_billing_organisation_stay():
    out = _out(X12)
    assert "HI*ABK:M5416~" in out and "SV1*HC:64483*412.00" in out
    assert "NORTHSIDE SPINE CLINIC" in out


FHIR = (
    '{"resourceType": "Patient",\n'
    ' "name": [{"family": "Marchbanks", "given": ["Odette", "Lune"]}],\n'
    ' "birthDate": "1958-09-23",\n'
    ' "address": [{"line": ["7 Quarry Ln"], "city": "Hastings", "postalCode": "68901"}],\n'
    ' "code": {"text": "Lumbar radiculopathy"}}\n'
    "<patient><name><given>Ivo</given><family>Quenneville</family></name>"
    '<birthTime value="19580923"/></patient>\n'
    '<observation><code displayName="Pain score"/><value>6</value></observation>\n'
)


def test_json_and_xml_values_are_redacted_by_their_keys():
    out = _out(FHIR)
    assert _leaks(out, "Marchbanks", "Odette", "Lune", "1958-09-23", "7 Quarry Ln", "Hastings",
                  "68901", "Ivo", "Quenneville", "19580923") == []


def test_json_and_xml_clinical_values_stay():
    out = _out(FHIR)
    assert "Lumbar radiculopathy" in out and '"Pain score"' in out and "<value>6</value>" in out


def test_initials_a_staff_key_proves_are_replaced_where_they_sign():
    out = _out("Your refill is ready at the front desk. -QT\n"
               "Please bring your card. -RW\n"
               "-- staff key: QT = Quinn Talbot, MA;  RW = Rosa Whitfield, LPN\n")
    assert _leaks(out, "-QT", "-RW", "QT =", "RW =") == []


def test_initials_no_key_proves_stay():
    out = _out("Gait steady. -QT\n-- key: QT = quick test\n")
    assert "-QT" in out


def test_a_date_read_with_spaces_about_its_slashes_is_replaced():
    out = _out("Date (Mo/Day/Yr): 07 / 19 / 2024\nDate of Birth: 03 / 22 / 61\n"
               "Pain 6 / 10 today.\n")
    assert _leaks(out, "07 / 19 / 2024", "03 / 22 / 61") == [] and "6 / 10" in out


def test_a_signed_post_s_signer_is_replaced():
    out = _out('"Rest well, friend." -- tamsin q., 6/2/2024 7:45 PM\n', shift=20)
    assert "tamsin" not in out


def test_a_spanish_doctor_s_title_marks_a_name():
    out = _out("Su cita es con la Dra. Quenneville-Arce el lunes.\n")
    assert "Quenneville" not in out


def test_hl7_an_observation_value_of_a_name_type_and_a_site_segment_s_name_are_redacted():
    text = ("MSH|^~\\&|A|B|C|D|20240311093012||ORU^R01|C1|P|2.5.1\n"
            "OBX|1|XPN|NOK^Next of kin^L||QUIMBY^HAROLD||||||F\n"
            "OBX|2|NM|GLU^Glucose^L||98|mg/dL|70-99||||F\n"
            "ZPI|1|FAIRWEATHER^LUCIUS|note\n")
    out = _out(text)
    assert _leaks(out, "QUIMBY", "HAROLD", "FAIRWEATHER") == [] and "|98|mg/dL|" in out


def test_a_markdown_table_is_read_by_its_header():
    text = ("| Patient | Phone | Visit type |\n|---|---|---|\n"
            "| Odette Marchbanks | 402-555-0166 | follow-up |\n"
            "| Ivo Quenneville | 402-555-0167 | new |\n")
    out = _out(text)
    assert _leaks(out, "Marchbanks", "Quenneville", "402-555-0166") == [] and "follow-up" in out


def test_a_listing_with_title_case_headings_is_read_by_them():
    text = ("Seq  Date/Time          Agent        Caller ID      Notes\n"
            "1    2024-05-06 09:14   qbarnaby     4025550111     asked about mileage\n"
            "2    2024-05-07 13:40   wtrelawney   4025550112     left message\n")
    out = _out(text, shift=20)
    assert _leaks(out, "qbarnaby", "wtrelawney", "4025550111", "09:14") == []
    assert "asked about mileage" in out


def test_a_column_of_month_and_year_ranges_is_left_to_the_shift():
    text = ("  Employer                 Dates              Job\n"
            "  Prairie Freight          06/1985-03/1993    loader\n"
            "  Acme Mills               04/1993-07/2004    checker\n")
    out = _out(text, shift=37)
    assert "[DATE" not in out


def test_a_dicom_json_person_name_is_redacted():
    out = _out('{"00100010": {"vr": "PN", "Value": [{"Alphabetic": "FAIRWEATHER^LUCIUS"}]}}\n')
    assert "FAIRWEATHER" not in out


def test_a_spanish_form_s_name_fields_are_names():
    out = _out("Apellidos:  QUENNEVILLE ARCE\nNombres:    ODILE MARISA\n"
               "Madre: LUCIA ARCE PINEDA    Padre: TOMAS QUENNEVILLE\n")
    assert _leaks(out, "QUENNEVILLE", "ARCE", "ODILE", "LUCIA", "TOMAS") == []


def test_a_possessive_name_field_is_a_name_but_same_as_driver_is_not():
    out = _out("Collector's Name (First, MI, Last): Tobias Quell\n"
               "OWNER'S NAME: SAME AS DRIVER   DRIVER'S LICENSE ON FILE\n")
    assert "Quell" not in out and "SAME AS DRIVER" in out


def test_a_number_in_a_field_labelled_no_is_replaced_but_a_form_s_own_number_stays():
    out = _out("DOL/OWCP No.: 07-552190\nCard No. TW 0091 4471 20\nOMB No. 1240-0046\n"
               "NDC No. 0409-4277-01\n")
    assert _leaks(out, "07-552190", "0091 4471") == []
    assert "1240-0046" in out and "0409-4277-01" in out


def test_a_transcript_s_speaker_with_a_title_in_capitals_is_a_name():
    out = _out(" 20      MS. QUILLFEATHER: Objection, hearsay.\n"
               " 21      MR. ODUMOSU: Withdrawn.\n")
    assert _leaks(out, "QUILLFEATHER", "ODUMOSU") == [] and "Objection, hearsay." in out


def test_a_drug_written_ms_in_capitals_stays():
    out = _out("Takes MS Contin 15 mg twice daily.\n")
    assert "MS Contin 15 mg" in out


def test_a_house_number_on_a_numbered_highway_is_an_address():
    out = _out("Services at the chapel, 2210 Hwy 311, Schriever.\n"
               "Mail goes to 77 LA-24 W, Bourg LA 70343.\n")
    assert _leaks(out, "2210 Hwy 311", "77 LA-24 W", "Schriever") == []


def test_a_dose_or_a_count_before_a_number_is_no_highway():
    out = _out("Gave 2 IV 20 min apart; repeat x 3 PT 30 sessions.\n")
    assert "2 IV 20" in out and "3 PT 30" in out


def test_a_priest_s_title_goes_with_his_name():
    out = _out("The Mass was celebrated by Fr. Anselm Whitcombe.\n")
    assert "Fr. Anselm" not in out and "Fr." not in out


def test_an_age_over_89_at_death_is_replaced():
    out = _out("She lived with them until her death at 94 in the spring.\n")
    assert "94" not in out


def test_a_section_cited_after_a_role_word_is_no_name():
    out = _out("Employer IME (choice of physician Sec. 7(e) of the Act)\n")
    assert "Sec. 7(e)" in out


def test_a_generation_in_capitals_goes_with_the_name():
    out = _out("Injured Worker:   ODELL J QUIMBY\nDependents:   01 ODELL JR      02 MAVIS K\n")
    assert "JR" not in out


def test_an_address_broken_by_a_transcribed_slash_is_one_address():
    out = _out("QUICK DRUGS #12  4410 BAYOU BLUE RD / SCHRIEVER LA 70395  985-555-0150\n")
    assert _leaks(out, "BAYOU BLUE", "SCHRIEVER", "70395") == [] and "QUICK DRUGS" in out
    assert " / " not in out  # one address, one placeholder


def test_a_french_street_word_opens_an_address():
    out = _out("They moved to 27 Rue Toulouse, Thibodaux. in the spring.\n")
    assert _leaks(out, "Rue Toulouse", "Thibodaux") == []


def test_a_learned_family_name_in_the_plural_is_replaced():
    out = _out("Patient: Odile Quenneville\nHappy new year from the Quennevilles!\n")
    assert "Quenneville" not in out


def test_a_town_and_zip_apart_by_a_comma_go_with_the_street():
    out = _out("A.  (Through interpreter) 27 Rue Toulouse, Thibodaux, 70301.\n")
    assert _leaks(out, "Thibodaux", "70301") == []


def test_a_table_s_town_zip_and_employer_columns_are_redacted():
    text = ("member_id,patient_name,city,zip,employer,visits\n"
            "QX55012,Odile Quenneville,Thibodaux,70301,Prairie Freight Lines,4\n"
            "QX55013,Ivo Marchbanks,Schriever,70395,Acme Mills,2\n")
    out = _out(text)
    assert _leaks(out, "Thibodaux", "70301", "Prairie Freight", "Acme Mills", "Schriever") == []
    assert out.rstrip().endswith(",2")


def test_a_drug_or_facility_name_column_is_no_person():
    text = ("drug_name,dose,facility_name,qty\n"
            "Gabapentin,300 mg,Lakeshore Surgery Center,90\n"
            "Meloxicam,15 mg,Lakeshore Surgery Center,30\n")
    assert _out(text) == text


def test_a_vcard_and_a_calendar_attendee_are_read_by_their_properties():
    out = _out("BEGIN:VCARD\nVERSION:4.0\nFN:Odile Quenneville\nTEL;TYPE=cell:+1-402-555-0166\n"
               "ADR;TYPE=home:;;7 Quarry Ln;Hastings;NE;68901;USA\nEND:VCARD\n"
               'ATTENDEE;CN="Ivo Marchbanks":mailto:ivo@example.com\n')
    assert _leaks(out, "Quenneville", "402-555-0166", "Quarry", "Hastings", "Marchbanks") == []
    assert "VERSION:4.0" in out


def test_a_machine_key_s_value_is_read_by_the_key():
    out = _out("patient_name: Tobias Quell\nvisit_type: follow-up\nreferringProvider: Ann Vole\n")
    assert _leaks(out, "Tobias", "Quell", "Ann Vole") == [] and "visit_type: follow-up" in out


def test_a_hyphenated_surname_cut_to_initials_after_a_title_is_a_name():
    out = _out("Please see Dr. Q-V next week; Dr. Q-V is in clinic Tuesday.\n")
    assert "Q-V" not in out


def test_an_administrative_law_judge_s_title_marks_a_name():
    out = _out("Hearing set before ALJ de la Quenneville on the 13th. The ALJ ruled.\n")
    assert "Quenneville" not in out and "The ALJ ruled." in out


def test_a_vitals_table_s_times_of_care_stay_and_its_prescriber_goes():
    text = ("Date        Time    BP       HR   Prescriber\n"
            "03/04/2024  08:14   128/82   76   Ann Quillfeather\n"
            "03/04/2024  12:30   122/80   72   Ann Quillfeather\n")
    out = _out(text, shift=20)
    assert "08:14" in out and "12:30" in out and "128/82" in out
    assert "Quillfeather" not in out


def test_one_word_under_a_person_heading_is_no_name():
    text = ("RX#      DRUG                 QTY   PRESCRIBER          PAID BY\n"
            "4410021  GABAPENTIN 300MG     90    QUILL, ODETTE       Cash\n"
            "4410022  MELOXICAM 15MG       30    QUILL, ODETTE       Self\n")
    out = _out(text)
    assert "QUILL" not in out and "Cash" in out and "Self" in out


def test_a_condition_or_a_measure_under_a_json_name_key_stays():
    text = ('{"name": "Lumbar Radiculopathy", "onset": "chronic"}\n'
            '{"name": "Pain Score", "value": 6}\n'
            '{"name": "Odile Quenneville", "role": "patient"}\n')
    out = _out(text)
    assert "Lumbar Radiculopathy" in out and "Pain Score" in out and "Quenneville" not in out
