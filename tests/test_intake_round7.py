"""Record intake on classes of error met in development set 7, each on new synthetic text
(never a blind set's own sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.classify import classify
from drafting.intake.run import run_intake


def date_of(text: str) -> str:
    return str(classify(text, text).date)


# -- the document's date ----------------------------------------------------------------------


def test_a_referrals_date_in_the_header_yields_to_the_date_of_the_visit():
    text = ("SOMEWHERE PHYSIOTHERAPY\n\nTHERAPY PROGRESS NOTE\nReferral date: 05/02/2027\n"
            "Date of first visit: 05/09/2027     Date of re-evaluation: 06/20/2027\n")
    assert date_of(text) == "2027-06-20"


def test_a_bare_date_field_still_dates_a_record_that_names_no_other():
    text = "CLINIC NOTE\nDate: 03/04/2027\nNeck pain, better.\n"
    assert date_of(text) == "2027-03-04"


def test_the_date_of_examination_dates_an_examiners_report_not_its_signature():
    text = ("INDEPENDENT EXAMINATION REPORT\nDate of injury 01/05/2026\n"
            "Date of examination: 02/11/2027\n\nHISTORY: Knee pain since the fall.\n\n"
            "Signed 02/19/2027\n")
    assert date_of(text) == "2027-02-11"


def test_a_request_is_of_the_day_it_was_submitted_not_of_the_service_it_asks_for():
    text = ("Prior Authorization Request\nDate submitted: 07/01/2027\n"
            "Anticipated date of service: 07/22/2027\nRequested service: lumbar RFA\n")
    assert date_of(text) == "2027-07-01"


# -- text about no one, or about care not given -------------------------------------------------

TODAY = dt.date(2028, 1, 1)
NOTE_HEAD = "PAIN CLINIC FOLLOW-UP NOTE\nDate of service: 09/14/2027\n\n"


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="round-7", ocr=False, today=TODAY).drafted.data
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(s for _, _, s in facts_of(tmp_path, text))


def test_the_line_identifying_the_patient_is_no_history(tmp_path):
    said = statements(tmp_path, (
        "INDEPENDENT MEDICAL EXAMINATION - ORTHOPAEDICS\nPrepared for: Mock Insurance Co.\n"
        "Claimant: Robin Notreal   DOB: 04/04/1981   Date of accident: 02/02/2026\n"
        "Date of examination: 09/14/2027\n\n"
        "HISTORY: Low back pain radiating to the right calf since lifting a crate on "
        "02/02/2026.\n"))
    assert "DOB" not in said and "04/04/1981" not in said
    assert "lifting a crate" in said  # the history itself is read


def test_a_definition_and_a_tests_limits_are_no_finding(tmp_path):
    said = statements(tmp_path, NOTE_HEAD + (
        "ASSESSMENT: A good response to the block is usually defined as at least 80% relief "
        "of the index pain.\n"
        "Nerve conduction studies cannot exclude a small-fiber neuropathy.\n"
        "Reports 70% relief of the neck pain for 5 days after the block on 09/01/2027.\n"))
    assert "defined as" not in said and "cannot exclude" not in said
    assert "70% relief" in said


def test_a_coverage_policy_is_no_fact_of_the_patient(tmp_path):
    said = statements(tmp_path, (
        "UTILIZATION REVIEW DETERMINATION\nDate of determination: 09/14/2027\n\n"
        "Requested: compounded cream.\nDecision: DENIED.\n"
        "Rationale: Under the plan formulary policy (ABC-123), compounded creams are not covered "
        "when any ingredient is not approved for topical use.\n"))
    assert "not covered" not in said


def test_a_table_row_of_bare_numbers_is_no_fact_and_its_date_no_pain_score(tmp_path):
    found = facts_of(tmp_path, NOTE_HEAD + (
        "HPI: Neck pain 5/10 today.\n\n"
        "DIARY\nDay   Date    Neck  Arm   Naps\n1     09/08   6     4     2\n"
        "2     09/10   3     2     1\n"))
    said = " | ".join(s for _, _, s in found)
    assert "09/10" not in said and "09/08" not in said  # "09/10" is a day, not a 9/10 pain
    assert "Neck pain 5/10 today" in said


def test_an_evaluators_view_that_future_care_is_reasonable_is_no_care_given(tmp_path):
    found = facts_of(tmp_path, (
        "INDEPENDENT MEDICAL EXAMINATION\nDate of examination: 09/14/2027\n\n"
        "HISTORY: Completed 12 sessions of physical therapy in 2026 with some benefit.\n\n"
        "ANSWERS TO CARRIER QUESTIONS:\na) Further treatment: injections are not recommended; "
        "a 6-visit course of supervised physical therapy is reasonable.\n"))
    said = " | ".join(s for _, _, s in found)
    assert "is reasonable" not in said
    assert any(c == "conservative_care" and "12 sessions" in s for c, _, s in found)


# -- a determination notice: its items, decisions and reasons, and its case summary ------------

NOTICE = (
    'MADE-UP REVIEW SERVICES\n'
    '\n'
    'NOTICE OF UTILIZATION REVIEW DETERMINATION\n'
    '\n'
    'Date of notice: 10/02/2027\n'
    'Claim #: XX-0000-1\n'
    '\n'
    'Requested treatment and determination:\n'
    '1. Massage therapy, cervical, 4 sessions (CPT 97124) ........... CERTIFIED (4 '
    'sessions, 10/02/2027 - 11/30/2027)\n'
    '2. Lidocaine 4% patches, #60, 2 refills ... NON-CERTIFIED\n'
    '\n'
    'CLINICAL SUMMARY\n'
    'The worker hurt the neck on 01/15/2027 when a shelf fell. Treatment to date: '
    'physical therapy 10 sessions in 2027 with some benefit; ibuprofen 600 mg tid '
    'since 2027. Exam 09/20/2027: trapezius tenderness, rotation 50 degrees. Work '
    'status: modified duty, no overhead work, and the worker is working.\n'
    '\n'
    'RATIONALE\n'
    'Item 1 - Massage: Guidelines allow 4 to 6 visits as an adjunct. The worker has '
    'neck pain despite therapy and has had no massage. The trial of 4 sessions is '
    'certified.\n'
    '\n'
    'Item 2 - Lidocaine patch: Guidelines support topical lidocaine for focal '
    'neuropathic pain. The records describe muscular neck pain without neuropathic '
    'features. Non-certified.\n'
    '\n'
)


def test_a_notices_items_carry_their_decisions_terms_and_numbered_reasons(tmp_path):
    record = tmp_path / "notice.txt"
    record.write_text(NOTICE, encoding="utf-8")
    data = run_intake([record], case_id="round-7", ocr=False, today=TODAY).drafted.data
    items = {i["service"]: i for i in data["disputed_items"]}
    massage = next(i for s, i in items.items() if s.startswith("Massage therapy"))
    patch = next(i for s, i in items.items() if s.startswith("Lidocaine 4% patches"))
    assert massage["prior_decision"]["decision"] == "approved"
    assert "has had no massage" in massage["prior_decision"]["reason"]
    assert patch["prior_decision"]["decision"] == "denied"
    assert patch["procedure"] == "topical"
    assert "without neuropathic features" in patch["prior_decision"]["reason"]
    said = " | ".join(f["statement"] for f in data["facts"])
    assert "has had no massage" not in said  # a reason for an item, not the case summary


def test_a_work_status_of_modified_duty_is_no_decision_and_its_summary_is_read(tmp_path):
    record = tmp_path / "notice.txt"
    record.write_text(NOTICE, encoding="utf-8")
    data = run_intake([record], case_id="round-7", ocr=False, today=TODAY).drafted.data
    said = " | ".join(f["statement"] for f in data["facts"])
    assert "physical therapy 10 sessions" in said
    assert "modified duty, no overhead work" in said
    assert len(data["disputed_items"]) == 2


def test_a_captioned_heading_ending_in_a_colon_opens_its_section(tmp_path):
    record = tmp_path / "notice.txt"
    record.write_text(
        "NOTICE OF DETERMINATION\nDate of notice: 10/02/2027\n\n"
        "Service requested:\n1. Chiropractic manipulation, 6 visits (CPT 98940)\n\n"
        "Item 1: CERTIFIED IN PART - 3 visits certified.\n\n"
        "CASE SUMMARY (from the records received):\n"
        "The worker hurt the neck on 01/15/2027. He completed physical therapy 10 sessions in "
        "2027 with some benefit.\n", encoding="utf-8")
    data = run_intake([record], case_id="round-7", ocr=False, today=TODAY).drafted.data
    said = " | ".join(f["statement"] for f in data["facts"])
    assert "physical therapy 10 sessions" in said


def test_a_captioned_heading_ending_in_a_colon_is_a_heading():
    from drafting.intake.extract.text import lines

    read = lines("Item 2: CERTIFIED.\nCASE SUMMARY (from the records received):\nNeck pain.\n", 1)
    assert read[1].kind == "heading"
    assert read[2].section.startswith("case summary")


# -- a procedure or trial record's history, prior care, examination and medications ------------

PROCEDURE = (
    "PROCEDURE NOTE\nDate of service: 11/02/2027\n\n"
    "PROCEDURE: Right C6-C7 interlaminar epidural steroid injection under fluoroscopy\n\n"
    "HISTORY: 61 y/o with right arm pain to the thumb and neck pain since a fall on the stairs\n"
    "in 05/2027. Completed 10 PT visits 07/2027-09/2027 without lasting change.\n"
    " Naproxen 500 mg twice daily and duloxetine 30 mg daily, both continued.\n"
    "Pre-procedure check today: right Spurling positive; right biceps reflex 1+, left 2+.\n"
    "Denies fever or chills.\n\n"
    "TECHNIQUE: Patient prone. Skin prepped and draped.\n")


def test_a_wrapped_history_field_holds_its_paragraph_in_a_procedure_note(tmp_path):
    found = facts_of(tmp_path, PROCEDURE)
    assert any(c == "medication" and "Naproxen 500 mg" in s for c, _, s in found)


def test_a_procedure_notes_pre_procedure_check_is_an_examination(tmp_path):
    found = facts_of(tmp_path, PROCEDURE)
    assert any(c == "exam" and "Spurling positive" in s for c, _, s in found)
    said = " | ".join(s for _, _, s in found)
    assert "Denies fever" not in said  # a line of its own after a finished field is not its


TRIAL = (
    "MADE-UP NEUROMODULATION CLINIC\n\nSTIMULATOR TRIAL - SUMMARY REPORT\n\n"
    "Trial dates: 03/01/2027 (leads in) to 03/08/2027 (leads out)\n\n"
    "Prior treatment (per referral letter 01/2027 and patient): physical therapy twice, "
    "dates unknown; pregabalin 150 mg twice daily, current.\n\n"
    "Pre-trial exam (03/01/2027): left EHL 4/5; decreased pinprick left dorsal foot.\n\n"
    "SUMMARY: Leg pain fell from 8/10 to 3/10 (60% relief) over the trial.\n\n"
    "Signed 03/12/2027\n")


def test_a_stimulator_trial_summary_report_is_a_trial_record_of_its_dates(tmp_path):
    from drafting.case.vocab import RecordType

    assert classify(TRIAL, TRIAL).type is RecordType.device_trial_record
    found = facts_of(tmp_path, TRIAL)
    assert any(c == "procedure" and d == "2027-03-01" for c, d, _ in found)


def test_a_trial_records_prior_care_and_pre_trial_exam_are_read(tmp_path):
    found = facts_of(tmp_path, TRIAL)
    assert any(c == "medication" and "pregabalin 150 mg" in s for c, _, s in found)
    assert any(c == "exam" and d == "2027-03-01" and "EHL 4/5" in s for c, d, s in found)


# -- a return to work in other words --------------------------------------------------------------


def test_back_at_work_since_a_date_is_a_return_to_work_of_that_date(tmp_path):
    found = facts_of(tmp_path, (
        "PHYSICAL THERAPY PROGRESS NOTE\nDate of service: 10/20/2027\n\n"
        "SUBJECTIVE: Neck pain 2/10 today. Back at work full time as a cashier since "
        "09/29/2027.\n"))
    assert any(c == "functional" and d == "2027-09-29" and "cashier" in s for c, d, s in found)


def test_a_labelled_daily_mme_line_is_a_medication_fact(tmp_path):
    found = facts_of(tmp_path, NOTE_HEAD + (
        "HPI: Low back pain 6/10.\n\nMME: oxycodone 10 mg x 2/day = 30 MME/day.\n"))
    assert any(c == "medication" and "30 MME/day" in s for c, _, s in found)


def test_a_pharmacy_notices_one_requested_medication_has_the_notices_decision(tmp_path):
    record = tmp_path / "notice.txt"
    record.write_text(
        "MADE-UP PHARMACY BENEFITS\n\nCOVERAGE DETERMINATION - DENIAL\n\nDate: 09/09/2027\n"
        "Request received: 09/02/2027\n\nMedication requested:\n"
        "Compounded topical cream, 120 g: baclofen 2%, amitriptyline 1%, in a cream base.\n\n"
        "Decision: DENIED.\n", encoding="utf-8")
    data = run_intake([record], case_id="round-7", ocr=False, today=TODAY).drafted.data
    [item] = data["disputed_items"]
    assert item["procedure"] == "topical"
    assert item["prior_decision"]["decision"] == "denied"
    assert item["service"].startswith("Compounded topical cream, 120 g")


def test_a_trial_records_indication_and_medications_are_of_the_trials_first_day(tmp_path):
    found = facts_of(tmp_path, TRIAL.replace(
        "Prior treatment", "INDICATION: Chronic left leg radicular pain after a 2020 "
        "discectomy.\n\nPrior treatment"))
    assert any(c == "history" and d == "2027-03-01" and "radicular pain" in s
               for c, d, s in found)
    assert any(c == "medication" and d == "2027-03-01" and "pregabalin" in s
               for c, d, s in found)
    # (the trial's outcome is the summary's, of the record)
    assert not any(c == "response" and d == "2027-03-01" for c, d, _ in found)


def test_a_measured_range_of_motion_in_an_examination_is_a_finding(tmp_path):
    found = facts_of(tmp_path, NOTE_HEAD + (
        "EXAM: Cervical flexion 35 degrees, extension 20 degrees, rotation 50 degrees each way. "
        "Gait normal.\n"))
    assert any(c == "exam" and "flexion 35 degrees" in s for c, _, s in found)
    assert not any("Gait normal" in s for _, _, s in found)
