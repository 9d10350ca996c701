"""De-identification by form (issue #22, round f_deid on development sets 1-23): staff user
names and initials where a log or a listing puts them, names written "SURNAME, GIVEN" in
capitals, and the towns of the territories. Synthetic text written for the test (invented
people, 555-01xx numbers), with the look-alikes that must not change beside it."""

from __future__ import annotations

from tests.test_deid_classes import _leaks, _out

# ------------------------------------------------------------------ user names in logs


def test_a_logs_author_column_is_replaced_in_every_entry():
    text = ("2025-06-16 15:10  qdumalo     Sent request to the insurer by fax.\n"
            "2025-06-24 09:31  rtaitano_rn  Auth approved for block #1; pt called, LM.\n"
            "2025-06-24 13:05  jlq         Pt returned call; scheduled 7/15 7:30.\n"
            "2025-07-16 10:20  qdumalo     Post-block call: 85% relief x 2 h.\n"
            "2025-11-18 14:40 vpresby (counsel) Complaint expected.\n")
    out = _out(text)
    assert _leaks(out, "qdumalo", "rtaitano_rn", "jlq", "vpresby") == []
    for kept in ("Sent request", "Auth approved", "Pt returned call", "85% relief", "counsel"):
        assert kept in out, kept


def test_a_log_column_of_words_is_no_user():
    text = ("2025-06-16 15:10  called     patient, no answer.\n"
            "2025-06-17 09:31  faxed      records to the insurer.\n")
    out = _out(text)
    assert "called" in out and "faxed" in out


def test_a_user_after_a_stamps_date_or_time_and_by_is_replaced_whatever_the_verb():
    text = ("Issued 09/03/25 at 3:26 p.m. by cmanglisa\n"
            "Account opened 06-16-2025 by jlq; last reviewed in November.\n"
            "PATIENT PROFILE (printed 10/21/2025 16:03 by MVÉLEZQ)\n"
            "Copies sent 10/21/2025 by FAX and 10/22/2025 by USPS and 10/23/2025 by mail.\n")
    out = _out(text)
    assert _leaks(out, "cmanglisa", "jlq", "MVÉLEZQ") == []
    assert "by FAX" in out and "by USPS" in out and "by mail" in out


def test_a_user_after_a_role_a_log_names_is_replaced():
    text = ("Coverage: P&I, crew   Handler: gpruitq   NCM: rvailo\n"
            "Query log: 2025-06-16 09:40 delegate jlq; 2025-07-15 07:20 delegate jlq;\n"
            "Adjuster: Dana Sablano reviewed the file.\n")
    out = _out(text)
    assert _leaks(out, "gpruitq", "rvailo", "jlq") == []
    assert "Handler:" in out and "delegate" in out


# ------------------------------------------------------------------ staff initials


def test_initials_closing_an_entry_after_a_double_dash_or_a_role_are_replaced():
    text = ("A/P: Stable. Continue. Return 3 months.  -- ZVQ\n"
            "Pt says tramadol used only at night, 10 tabs left. - tech JRQ\n"
            "Follow up with the MRI of the L-spine. -- CT\n")
    out = _out(text)
    assert _leaks(out, "ZVQ", "JRQ") == []
    assert "-- CT" in out and "L-spine" in out


def test_a_dated_entrys_author_initials_and_a_routing_lines_initials_are_replaced():
    text = ("Pharmacist notes:\n04/24/2025 JQ: WC claim rejected, UR pending.\n"
            "07/08/2025 JQ: Adjuster called; fill released.\n"
            "Dispatch: KLQ / Billed: MQB 4/9/25\n"
            "04/25/2025 PT: home exercise program reviewed.\n")
    out = _out(text)
    assert _leaks(out, "JQ:", "KLQ", "MQB") == []
    assert "PT: home exercise" in out and "UR pending" in out


def test_the_staff_column_ending_a_listing_is_replaced_and_kept_apart_from_the_prescriber():
    text = ("Rx#      Fill date  Drug / strength              Qty  Days  Prescriber         RPh\n"
            "6610473  02/12/25   NAPROXEN 500 MG TAB          60   30    WONG, ANNELISE     JQ\n"
            "6612091  04/22/25   TRAMADOL HCL 50 MG TAB C-IV  60   30    WONG, ANNELISE     TW\n"
            "\n"
            "Counselled on naloxone.   Dr. Wong notified.\n")
    out = _out(text)
    assert _leaks(out, "WONG", "ANNELISE", " JQ", " TW") == []
    assert "NAPROXEN 500 MG TAB" in out and "TRAMADOL HCL 50 MG TAB C-IV" in out
    # the prescriber and the pharmacist are two people: two placeholders on each row
    assert all(row.count("[NAME_") == 2 for row in out.splitlines()[1:3])


# ------------------------------------------------------------------ SURNAME, GIVEN in capitals


def test_given_names_after_an_inverted_surname_in_capitals_go_with_it():
    text = ("Patient: STRANQ, WENDELL A\n"
            "Allergies: NKDA   Household: STRANQ, JOY E; STRANQ, BOWEN K\n"
            "From: FROSQ, RUSSELL A (sent by delegate FROSQ, MILES J)\n"
            "Family on profile: AGUONQ, ROSALYN T (member 01); AGUONQ, ANA SAN NICOLAS\n")
    out = _out(text)
    assert _leaks(out, "JOY", "BOWEN", "MILES", "ANA", "SAN NICOLAS", ", E", ", J") == []
    assert "Allergies: NKDA" in out and "(member 01)" in out


def test_an_inverted_name_in_capitals_does_not_take_a_word_after_it():
    text = ("Patient: STRANQ, WENDELL A\nPlan: STRANQ, DISCHARGED HOME\n"
            "Copy to: STRANQ, PAIN CLINIC (fax)\n")
    out = _out(text)
    assert "DISCHARGED HOME" in out and "PAIN CLINIC (fax)" in out


# ------------------------------------------------------------------ towns of the territories


def test_the_villages_of_guam_and_the_towns_of_the_territories_are_replaced():
    text = ("Mr. Taitano is a maintenance engineer at a Tumon resort; lives in Dededo.\n"
            "Before that he worked in Saipan and visited family in Christiansted.\n"
            "Mangilao clinic notes reviewed.\n")
    out = _out(text)
    assert _leaks(out, "Tumon", "Dededo", "Saipan", "Christiansted", "Mangilao") == []
    assert "maintenance engineer" in out


def test_a_towns_saint_fort_or_mount_written_short_or_long_is_the_same_town():
    text = ("Long drive to his mother's in St. Peter; she moved from Saint Cloud.\n"
            "He works in Ft. Myers on weekdays.\nSeen at St. Mary's hospital; St. John's wort.\n")
    out = _out(text)
    assert _leaks(out, "St. Peter", "Saint Cloud", "Ft. Myers") == []
    assert "St. Mary's hospital" in out and "St. John's wort" in out


def test_a_town_heading_a_facilitys_name_is_replaced_but_not_a_makers_or_a_plans():
    text = ("RECORDS REVIEWED: Mankato Occupational Health and Dededo Family Clinic notes.\n"
            "Boston Scientific stimulator; Great Lakes Health Plan; Miami J collar; Jackson "
            "Pratt drain.\nShe is an orthopedic surgeon at Lakeview Orthopedics.\n")
    out = _out(text)
    assert _leaks(out, "Mankato", "Dededo") == []
    assert "Occupational Health" in out and "Family Clinic" in out
    for kept in ("Boston Scientific", "Great Lakes Health Plan", "Miami J", "Jackson Pratt",
                 "Lakeview Orthopedics"):
        assert kept in out, kept


# ------------------------------------------------------------------ children named in a sentence


def test_children_listed_after_a_kin_word_and_a_comma_are_replaced():
    text = ("Married; two kids, Summer (19, in college) and Bo (15). He drives them.\n"
            "Children: Keyshla 14, Adrián 9\n"
            "Two kids, both healthy and Active in sports.\n")
    out = _out(text)
    assert _leaks(out, "Summer", "Bo (", "Keyshla", "Adrián") == []
    assert "both healthy and Active" in out


# ------------------------------------------------------------------ kept: models and drugs


def test_a_makers_model_before_its_units_serial_is_kept_and_the_serial_replaced():
    text = ("The scissor lift, a Genie GS-1930 serial GS3012A-88410, asset tag TBP-ENG-017, "
            "tipped.\nForklift (Toyota 8FGCU25, serial 8FGCU25-61477) driven by a clerk.\n"
            "Genie GS-1930 (unit GS3012A-88410) when the gate opened.\n"
            "Her Honda (LKT 4410) was hit; badge BX-4410-K.\n")
    out = _out(text)
    assert out.count("Genie GS-1930") == 2 and "Toyota 8FGCU25" in out
    assert _leaks(out, "GS3012A-88410", "8FGCU25-61477", "TBP-ENG-017", "LKT 4410",
                  "BX-4410-K") == []


def test_every_drug_intake_reads_is_a_clinical_word_here_too():
    text = ("Counsel log 08/19/25 3:15 PM (L. Pangelinan): reviewed lidocaine 5% patch use.\n"
            "Verified duloxetine 60 mg refill; reviewed qdumalo 02/11/25.\n")
    out = _out(text)
    assert "lidocaine 5% patch" in out and "duloxetine 60 mg" in out
    assert _leaks(out, "Pangelinan", "qdumalo") == []


def test_a_town_in_lower_case_after_a_word_of_place_is_replaced_but_not_a_word():
    text = ("couldn't sit through the game in mapleton, we had to leave. then drove down to "
            "st. peter to check on his mom. back to work in the morning, in pain from "
            "standing; went to normal duty.\n")
    out = _out(text)
    assert _leaks(out, "mapleton", "st. peter") == []
    for kept in ("in the morning", "in pain from standing", "to normal duty"):
        assert kept in out, kept


# ------------------------------------------------------------------ badges, checks, confirmations


def test_a_badge_or_shield_and_a_payments_check_and_confirmation_numbers_are_replaced():
    text = ("The responding officer, Officer Kyle Drangsvik (badge #441), said so.\n"
            "REPORTING OFFICER  P.O. KELLERMAN, K.   SHIELD 18422\n"
            "10/22/25    Check 004187 from the insurer (copay refund)\n"
            "02/06/25   Pt payment, conf A7Q2KX       -25.00\n")
    out = _out(text)
    assert _leaks(out, "#441", "18422", "004187", "A7Q2KX") == []


def test_check_conf_and_badge_as_words_replace_nothing():
    text = "Check 2 of 3 boxes; check BP at 140/90 today; conf call at 10; badge reader broken.\n"
    out = _out(text)
    for kept in ("Check 2 of 3", "140/90", "conf call at 10", "badge reader"):
        assert kept in out, kept
