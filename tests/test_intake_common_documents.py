"""Record intake on the documents a pain-management packet mostly holds: a record's title set
beside the facility's name on one line names it; a consultant's letter is of the visit its "Date
seen:" field names, not of the day it was typed; a test whose result is pending and a plan under
a condition are no facts; a decision letter's "SERVICES AT ISSUE" are its disputed items, each
decided by its "Item N:" line. New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.classify import document_date
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="common", ocr=False, today=TODAY).drafted.data


BODY = ("Date of procedure: 03/05/2026\n\n"
        "Ms. Doe returns today. She had physical therapy and an MRI of 01/10/2026.\n")


@pytest.mark.parametrize(("head", "kind"), [
    ("Example Ambulatory Surgery Center (fake)          OPERATIVE / PROCEDURE REPORT\n",
     "procedure_report"),
    ("Sample Physical Therapy (fake) - PROGRESS REPORT / RE-CERTIFICATION REQUEST\n", "pt_note"),
    ("SAMPLE PAIN MEDICINE\nDICTATED PROGRESS NOTE - dictated 03/05/2026, transcribed "
     "03/09/2026\n", "office_note"),
])
def test_a_title_in_capitals_beside_the_facility_name_names_the_record(tmp_path, head, kind):
    assert drafted(tmp_path, head + BODY)["documents"][0]["type"] == kind


def test_a_capitalised_list_beside_the_facility_name_is_not_a_title():
    # "CLAIMANT PRESCRIPTION HISTORY" names no note, report or letter: the line is no title
    from drafting.intake.classify import _title_lines

    line = "Sample Benefit Co (fake), 1 Main St        CLAIMANT PRESCRIPTION HISTORY\n"
    assert _title_lines(line) == []
    assert _title_lines(line.replace("PRESCRIPTION HISTORY", "PROGRESS REPORT")) != []


def test_a_letter_is_of_the_day_the_patient_was_seen_not_the_day_it_was_typed():
    letter = ("SAMPLE SPINE CENTER\n\nNovember 20, 2026\n\nRE: Jane Doe    DOB 01/05/1963\n"
              "Date seen: 11/16/2026\n\nDear Dr. Example,\n")
    assert document_date(letter) == dt.date(2026, 11, 16)
    assert document_date(letter.replace("Date seen: 11/16/2026\n", "")) == dt.date(2026, 11, 20)


@pytest.mark.parametrize("sentence", [
    "UDS: collected today, result pending.",
    "Psych clearance pending.",
    "L4-5 TFESI - order placed, pending auth.",
    "If the psychology evaluation is favorable we will submit for a percutaneous trial.",
])
def test_a_pending_result_and_a_conditional_plan_are_no_facts(tmp_path, sentence):
    note = ("PAIN CLINIC PROGRESS NOTE\nDate of service: 11/03/2026\n\n"
            f"Plan and monitoring: {sentence}\n"
            "HPI: Neck pain radiating to the right thumb since 2023, 6/10 today.\n")
    statements = [f["statement"] for f in drafted(tmp_path, note)["facts"]]
    assert not any(sentence[:20] in s for s in statements)
    assert any("radiating to the right thumb" in s for s in statements)


def test_a_read_given_before_its_over_read_is_still_a_result():
    from drafting.intake.extract.facts import not_done_yet

    assert not not_done_yet("X-ray (prelim read by me, radiology over-read pending): mild "
                            "anterior wedging of L1.")


def test_the_services_at_issue_are_the_items_each_decided_by_its_item_line(tmp_path):
    letter = (
        "EXAMPLE REVIEW ASSOCIATES (fake) - Independent Review Organization\n"
        "NOTICE OF FINAL EXTERNAL REVIEW DECISION\n\nDate of notice: 10/30/2026\n\n"
        "SERVICES AT ISSUE\n"
        "1. Repeat bilateral lumbar medial branch radiofrequency ablation, L4-5 (CPT 64635)\n"
        "2. Percutaneous spinal cord stimulator trial (CPT 63650)\n\n"
        "SUMMARY OF RECORDS\nThe claimant is a 49-year-old man with low back pain since 2019.\n\n"
        "DECISION\n"
        "Item 1: OVERTURNED. The repeat ablation is medically necessary.\n"
        "Item 2: UPHELD. The trial is not medically necessary.\n")
    items = drafted(tmp_path, letter)["disputed_items"]
    assert [(i["procedure"], i["prior_decision"]["decision"]) for i in items] == [
        ("rfa", "approved"), ("scs_trial", "denied")]


def test_a_denial_upheld_on_appeal_is_a_step_of_the_request_on_its_own_date(tmp_path):
    letter = (
        "EXAMPLE REVIEW ASSOCIATES (fake)\nNOTICE OF FINAL EXTERNAL REVIEW DECISION\n\n"
        "Date of notice: 10/30/2026\n\nPROCEDURAL HISTORY\n"
        "The plan denied the service on 08/19/2026 as not medically necessary. The denial was "
        "upheld on internal appeal on 09/18/2026. The claimant requested external review.\n")
    steps = {(f["statement"], str(f["date"])) for f in drafted(tmp_path, letter)["facts"]
             if f["category"] == "utilization_review"}
    assert ("The denial was upheld on internal appeal on 09/18/2026.", "2026-09-18") in steps


def test_a_prior_authorization_forms_procedures_field_is_the_item_requested(tmp_path):
    form = ("PRIOR AUTHORIZATION REQUEST - INPATIENT SURGERY\n"
            "Date submitted: 11/24/2026\n"
            "Procedure(s): L4-5 transforaminal lumbar interbody fusion with posterior "
            "instrumentation (CPT 22633, 22840)\n\n"
            "CLINICAL SUMMARY\nLow back and leg pain despite physical therapy.\n")
    items = drafted(tmp_path, form)["disputed_items"]
    assert [(i["procedure"], i["code"], i.get("prior_decision")) for i in items] == [
        ("lumbar_fusion", "22633", None)]  # requested, not yet decided


def test_a_templates_hpi_fields_are_the_history_told(tmp_path):
    note = ("PAIN FOLLOW-UP NOTE\nVisit date: 11/03/2026\n\n"
            "HPI (auto-populated from last visit - edit as needed):\n"
            "  Onset: 2023   Location: neck, R arm to thumb   Quality: [x] burning [x] aching\n"
            "  Severity today: 6/10   Worst: 9/10\n"
            "  Interval: C7-T1 IL ESI done here 06/12/2026; ~50% better x 6 wks.\n"
            "CLINIC INFO:\n  Location: Harbor Ave suite\n")
    got = {(f["category"], str(f["date"]), f["statement"].split(":")[0])
           for f in drafted(tmp_path, note)["facts"]}
    assert ("history", "2023-01-01", "Onset") in got
    assert ("history", "2026-11-03", "Severity today") in got
    assert ("procedure", "2026-06-12", "Interval") in got
    assert not any(statement.startswith("Location") for _, _, statement in got)


@pytest.mark.parametrize(("field", "found"), [
    ("Sensation: decreased R thumb/index (C6)", True),
    ("Spurling: R [+]   L [-]", True),
    ("Spurling: R [-]   L [-]", False),
    ("Sensation: intact to light touch", False),
])
def test_an_examination_field_is_read_with_the_name_of_what_was_examined(tmp_path, field, found):
    note = ("PAIN FOLLOW-UP NOTE\nVisit date: 11/03/2026\n\nPHYSICAL EXAM:\n"
            f"  {field}\n")
    exams = [f["statement"] for f in drafted(tmp_path, note)["facts"] if f["category"] == "exam"]
    assert (" ".join(field.split()) in exams) is found


def test_an_imaging_reports_addendum_concludes_on_its_own_day(tmp_path):
    report = ("SAMPLE IMAGING (fake)\nEXAM: MRI LUMBAR SPINE   Date of exam: 05/06/2026\n\n"
              "IMPRESSION:\n1. Grade 1 anterolisthesis L4-5 with moderate central stenosis.\n"
              "Electronically signed: A. Reader, MD 05/06/2026\n\n"
              "ADDENDUM  05/08/2026\n"
              "An outside MRI of 03/14/2024 was received and reviewed.\n"
              "The central stenosis at L4-5 was mild in 2024 and is now moderate.\n"
              "Addendum signed: A. Reader, MD 05/08/2026\n")
    got = {(f["statement"], str(f["date"])) for f in drafted(tmp_path, report)["facts"]
           if f["category"] == "imaging"}
    assert ("The central stenosis at L4-5 was mild in 2024 and is now moderate.",
            "2026-05-08") in got
    assert not any("was received" in statement for statement, _ in got)


@pytest.mark.parametrize(("line", "statement"), [
    ("O: BP 138/84  HR 76  BMI 31.2", "BMI 31.2"),
    ("Exam: BP 148/86, HR 78, SpO2 96% RA, Wt 96.4 kg, Ht 165 cm, BMI 35.4.",
     "Wt 96.4 kg, Ht 165 cm, BMI 35.4"),
])
def test_a_vital_signs_line_states_its_bmi_without_the_vital_signs(tmp_path, line, statement):
    note = f"PAIN CLINIC PROGRESS NOTE\nDate of service: 10/14/2026\n\n{line}\n"
    exams = [f["statement"] for f in drafted(tmp_path, note)["facts"] if f["category"] == "exam"]
    assert exams == [statement]


def test_an_instruction_to_the_patient_is_no_finding(tmp_path):
    note = ("AFTER VISIT SUMMARY\nDate of visit: 10/14/2026\n\n"
            "If you have new weakness, loss of bladder control or fever, go to the emergency "
            "room.\nYour back pain radiates down the left leg.\n")
    statements = [f["statement"] for f in drafted(tmp_path, note)["facts"]]
    assert not any(s.startswith("If you") for s in statements)


@pytest.mark.parametrize(("sentence", "date"), [
    ("PT 6 visits Jul-Aug at a local clinic, stopped - flared.", "2026-07-01"),
    ("PT 6 visits Nov-Dec, no lasting change.", "2025-11-01"),  # (after the record's month)
])
def test_a_course_over_months_named_without_a_year_began_in_the_first(tmp_path, sentence,
                                                                      date):
    note = f"PAIN CLINIC PROGRESS NOTE\nDate of service: 10/14/2026\n\nS: {sentence}\n"
    care = [str(f["date"]) for f in drafted(tmp_path, note)["facts"]
            if f["category"] == "conservative_care"]
    assert care == [date]


def test_a_month_named_after_since_and_a_tilde_dates_the_onset():
    from drafting.intake.extract.relative_dates import relative_date

    assert relative_date("leg pain since ~March", dt.date(2026, 10, 14)) == (
        dt.date(2026, 3, 1), "month")


@pytest.mark.parametrize(("sentence", "date"), [
    ("Right L4-5 TFESI 08/27/2026: minimal relief.", "2026-08-27"),
    ("Dr. Ames did a left L5-S1 transforaminal epidural steroid injection on 04/30/2026, which "
     "helped for \"a week or so.\"", "2026-04-30"),
    ("Injection: R L4-5 TFESI 04/20/2026 - relief ~30% x 1 week.", "2026-04-20"),
])
def test_a_procedure_told_with_what_it_did_was_done_and_answered(tmp_path, sentence, date):
    letter = ("SAMPLE SPINE CENTER\nCONSULTATION NOTE\nDate of visit: 11/16/2026\n\n"
              f"HISTORY: {sentence}\n")
    got = {(f["category"], str(f["date"])) for f in drafted(tmp_path, letter)["facts"]}
    assert {("procedure", date), ("response", date)} <= got


def test_a_procedure_asked_for_is_not_done_whatever_relief_it_hopes_for(tmp_path):
    note = ("PAIN CLINIC PROGRESS NOTE\nDate of service: 10/14/2026\n\n"
            "S: We will request a repeat TFESI, which may give some relief.\n")
    assert not [f for f in drafted(tmp_path, note)["facts"]
                if f["category"] in ("procedure", "response")]


def test_a_trial_record_starts_on_its_own_procedure_not_a_prior_one_told_in_passing():
    from drafting.case.vocab import FactCategory, RecordType
    from drafting.intake.extract.found import Document, Found
    from drafting.intake.extract.text import Sentence
    from drafting.intake.extract.trials import as_of_trial_start

    signed, trial, prior = dt.date(2026, 5, 13), dt.date(2026, 5, 4), dt.date(2024, 1, 1)
    doc = Document(type=RecordType.device_trial_record, date=signed, pages=[(1, "")])
    drug = Sentence(text="duloxetine 60 mg daily, current", page=1, section="prior treatment",
                    label="prior treatment", lead="Prior treatment:", paragraph=2,
                    heading="", listed=False)
    found = [Found(category=FactCategory.procedure, date=trial, statement="Trial dates", page=1),
             Found(category=FactCategory.procedure, date=prior, statement="two caudal ESIs in 2024",
                   page=1, named_in_passing=True),
             Found(category=FactCategory.medication, date=signed,
                   statement="Prior treatment: duloxetine 60 mg daily, current", page=1)]
    assert as_of_trial_start(found, [drug], doc)[2].date == trial


def test_relief_told_on_the_line_after_the_procedure_it_answers_is_of_that_day(tmp_path):
    letter = ("EXAMPLE REVIEW ASSOCIATES (fake)\nNOTICE OF FINAL EXTERNAL REVIEW DECISION\n"
              "Date of notice: 10/30/2026\n\nSUMMARY OF RECORDS\n"
              "He underwent a first bilateral L4-5 radiofrequency ablation on 11/12/2025.\n"
              "Follow-up notes document 70% relief, pain 3/10 from 8/10, lasting about 7 "
              "months.\n")
    responses = [str(f["date"]) for f in drafted(tmp_path, letter)["facts"]
                 if f["category"] == "response"]
    assert responses == ["2025-11-12"]


def test_pain_before_and_at_discharge_in_a_procedure_report_is_its_response(tmp_path):
    report = ("SAMPLE SURGERY CENTER (fake)        OPERATIVE / PROCEDURE REPORT\n"
              "Date of procedure: 08/21/2026\n\n"
              "PROCEDURE: Right C4, C5, C6 medial branch radiofrequency neurotomy (CPT 64633)\n\n"
              "POST-PROCEDURE: Neck pain 6/10 before, 2/10 at discharge.\n")
    responses = [f["statement"] for f in drafted(tmp_path, report)["facts"]
                 if f["category"] == "response"]
    assert responses == ["POST-PROCEDURE: Neck pain 6/10 before, 2/10 at discharge."]


@pytest.mark.parametrize(("text", "year"), [
    ('she had a lumbar ESI "in the spring" at another clinic', 2026),  # (spring is over)
    ("she had an injection in the winter", 2026),  # (the winter ending in February 2026)
    ("PT in the fall", 2025),  # (this year's fall has not ended by September)
])
def test_a_season_named_without_its_year_is_the_last_one_ended(text, year):
    from drafting.intake.extract.relative_dates import relative_date

    assert relative_date(text, dt.date(2026, 9, 22)) == (dt.date(year, 1, 1), "year")


def test_a_season_of_a_named_year_is_not_read_as_the_last_one():
    from drafting.intake.extract.relative_dates import relative_date

    assert relative_date("PT in the fall of 2023", dt.date(2026, 9, 22)) != (
        dt.date(2025, 1, 1), "year")
