"""Record intake on classes of error met in development set 8, each on new synthetic text
(never a blind set's own sentences): first what must never become a fact, then statements a
record makes that must."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2028, 1, 1)
NOTE_HEAD = "SPINE CLINIC PROGRESS NOTE\nDate of service: 10/05/2027\n\n"


def facts_of(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="round-8", ocr=False, today=TODAY).drafted.data["facts"]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(f["statement"] for f in facts_of(tmp_path, text))


# -- never invent ------------------------------------------------------------------------------


def test_a_guidelines_recommendation_is_no_fact_of_the_patient(tmp_path):
    text = NOTE_HEAD + (
        "HPI: Aching low back pain for 5 months, worse with standing, rated 6/10.\n"
        "NASS guidelines recommend facet blocks for axial pain after conservative care; a "
        "positive block is generally considered at least 75% relief for the anesthetic's "
        "duration.\n")
    facts = facts_of(tmp_path, text)
    said = " | ".join(f["statement"] for f in facts)
    assert "rated 6/10" in said
    assert "NASS" not in said and "75%" not in said
    assert not any(f.get("percent_relief") for f in facts)


def test_payer_criteria_as_the_subject_state_no_finding(tmp_path):
    text = NOTE_HEAD + (
        "Exam: Tenderness over the right L4-5 facet joints.\n"
        "Per the Low Back chapter, injection criteria include a documented radiculopathy.\n")
    said = statements(tmp_path, text)
    assert "Tenderness over the right L4-5 facet joints" in said
    assert "criteria include" not in said


def test_population_norms_beside_a_measure_are_not_the_patients(tmp_path):
    text = ("FUNCTIONAL CAPACITY EVALUATION\nDate of evaluation: 03/10/2027\n\n"
            "RESULTS\nFloor to waist lift: 30 lb occasional.\n"
            "Pinch strength: right 14 lb, left 15 lb. (Normative values for age: 22-26 lb.)\n")
    said = statements(tmp_path, text)
    assert "Floor to waist lift: 30 lb" in said
    assert "22-26" not in said and "Normative" not in said


def test_a_denied_red_flag_is_no_fact_but_tags_the_complaint_it_follows(tmp_path):
    text = NOTE_HEAD + ("SUBJECTIVE: Sharp low back pain radiating to the left calf, 7/10. "
                        "Denies saddle numbness or bladder changes.\n")
    facts = facts_of(tmp_path, text)
    assert not any(f["statement"].startswith("Denies") for f in facts)
    complaint = next(f for f in facts if "radiating to the left calf" in f["statement"])
    assert "red_flag_excluded" in complaint.get("tags", [])


def test_a_check_planned_for_the_next_visit_is_no_fact(tmp_path):
    text = NOTE_HEAD + ("A/P:\n1. Chronic neck pain -- stable on current regimen.\n"
                        "2. Lost prescription reported once -- pill counts at the next "
                        "appointment.\n")
    said = statements(tmp_path, text)
    assert "pill counts" not in said


def test_a_letters_bare_verdict_is_the_items_not_a_reason(tmp_path):
    text = ("UTILIZATION REVIEW DETERMINATION\nDate: 05/02/2027\n\n"
            "REQUEST: Cervical medial branch block, left C5-C6\n"
            "DECISION: NOT CERTIFIED\n\n"
            "RATIONALE: The Low Back guidelines require two blocks with 80% relief. "
            "The request is not certified.\n\n"
            "Case summary: On 04/20/2027 the claimant reported neck pain 6/10 with left "
            "shoulder radiation.\n")
    said = statements(tmp_path, text)
    assert said.split(" | ")[0] != "The request is not certified."
    assert not any(s.strip() == "The request is not certified." for s in said.split(" | "))
    assert "guidelines require" not in said


# -- examination findings stated without a finding's tag -----------------------------------------


def _facts_by(facts: list[dict], category: str) -> list[str]:
    return [f["statement"] for f in facts if f["category"] == category]


def test_a_graded_normal_neuro_exam_told_in_three_sentences_is_one_finding(tmp_path):
    text = NOTE_HEAD + ("OBJECTIVE:\nMotor 5/5 in hip flexion and knee extension bilaterally. "
                        "Sensation intact to pinprick L3-S1. Knee and ankle reflexes 2+ and "
                        "equal.\nSLR negative on both sides.\n")
    facts = facts_of(tmp_path, text)
    exams = _facts_by(facts, "exam")
    assert len(exams) == 1
    assert "Motor 5/5" in exams[0] and "Sensation intact" in exams[0] and "reflexes 2+" in exams[0]
    assert "SLR negative" not in " | ".join(f["statement"] for f in facts)


def test_normal_reflexes_alone_and_a_negative_test_alone_are_no_finding(tmp_path):
    text = NOTE_HEAD + ("EXAM:\nBiceps reflexes 2+ and symmetric.\nHoffmann negative "
                        "bilaterally.\n")
    assert _facts_by(facts_of(tmp_path, text), "exam") == []


def test_a_range_of_motion_in_degrees_and_a_reproducing_maneuver_are_findings(tmp_path):
    text = NOTE_HEAD + ("PHYSICAL EXAM:\nThoracolumbar rotation ~20 deg to the left.\n"
                        "Kemp's test on the left reproduces the buttock pain.\n"
                        "Cervical ROM (degrees) Initial 03/03 Today 04/14 WNL\n")
    exams = " | ".join(_facts_by(facts_of(tmp_path, text), "exam"))
    assert "rotation ~20 deg" in exams and "Kemp's test" in exams
    assert "Initial 03/03" not in exams


# -- a plan continuing drugs -----------------------------------------------------------------------


def test_continuing_a_drug_with_its_dose_is_a_medication_once(tmp_path):
    text = ("HOSPITAL DISCHARGE SUMMARY\nDischarge date: 06/02/2027\n\n"
            "DISCHARGE MEDICATIONS: Continue home pregabalin 75 mg bid and venlafaxine 75 mg "
            "daily.\n")
    meds = _facts_by(facts_of(tmp_path, text), "medication")
    assert any("pregabalin 75 mg" in m for m in meds)
    text2 = NOTE_HEAD + ("MEDICATIONS: pregabalin 75 mg bid.\n\nPLAN: Continue pregabalin "
                         "75 mg bid.\n")
    assert len(_facts_by(facts_of(tmp_path, text2), "medication")) == 1


def test_a_continue_with_an_order_to_come_is_no_medication(tmp_path):
    text = NOTE_HEAD + "PLAN: Continue pregabalin 75 mg bid; will increase if tolerated.\n"
    assert _facts_by(facts_of(tmp_path, text), "medication") == []


# -- function told with its measure ----------------------------------------------------------------


def test_walking_sitting_sleep_and_work_told_with_their_measure_are_function(tmp_path):
    text = NOTE_HEAD + ("HPI: Right hip and low back pain. He walks about 3 blocks before "
                        "resting. Sleeping 4-5 hours a night. He is working 4 hrs/day at a "
                        "call center. He has dropped cups twice this month.\n")
    functional = " | ".join(_facts_by(facts_of(tmp_path, text), "functional"))
    for told in ("walks about 3 blocks", "Sleeping 4-5 hours", "working 4 hrs/day",
                 "dropped cups"):
        assert told in functional


def test_a_trigger_a_goal_or_a_negated_activity_is_no_function(tmp_path):
    text = NOTE_HEAD + ("HPI: Leg pain comes on after standing > 15 min. No work restrictions "
                        "were given. Goal: walk 30 minutes daily.\n")
    assert _facts_by(facts_of(tmp_path, text), "functional") == []


# -- the injury told without its date, in a record naming the date of injury ----------------------


def test_the_injury_told_without_a_date_takes_the_records_date_of_injury(tmp_path):
    text = ("WORK INJURY FOLLOW-UP\nDate of injury: 03/14/2027      Claim #: WC-4471-22\n"
            "Date of exam: 10/05/2027\n\nSUBJECTIVE: Warehouse picker. Injured lifting a case "
            "of bottled water from a low shelf. He has been off work since the injury.\n")
    facts = facts_of(tmp_path, text)
    injury = next(f for f in facts if f["statement"].startswith("Injured lifting"))
    assert (injury["category"], str(injury["date"])) == ("history", "2027-03-14")
    off = next(f for f in facts if "off work since the injury" in f["statement"])
    assert (off["category"], str(off["date"])) == ("functional", "2027-03-14")
    assert not any("WC-4471" in f["statement"] for f in facts)


def test_an_injury_word_in_a_record_without_a_date_of_injury_is_no_history(tmp_path):
    text = NOTE_HEAD + "SUBJECTIVE: She slipped while hiking as a teenager.\n"
    assert not any(f["category"] == "history" for f in facts_of(tmp_path, text))


# -- a drug line as a scanner read it --------------------------------------------------------------


def test_a_scanned_drug_line_is_read_through_its_misreadings(tmp_path):
    text = ("NEW PATIENT QUESTIONNAIRE (faxed)\nDate: 10/05/2027\n\n"
            "Current medicines:\n- rneloxicam 15 rng daily\n- baclofen 1O rng TlD\n"
            "- duloxet1ne 3O mg at night\n")
    facts = facts_of(tmp_path, text)
    doses = {(f["dose"]["drug"], f["dose"]["amount"]) for f in facts
             if f["category"] == "medication" and f.get("dose")}
    assert {("meloxicam", 15.0), ("baclofen", 10.0), ("duloxetine", 30.0)} <= doses


def test_words_that_only_look_misread_are_no_drug(tmp_path):
    text = NOTE_HEAD + "S: Return in 1O days. Concern about the modern brace.\n"
    assert not any(f["category"] == "medication" for f in facts_of(tmp_path, text))


# -- pain scored with and without the drugs, and after a procedure ---------------------------------


def test_pain_scored_with_and_without_the_drugs_is_their_response(tmp_path):
    text = NOTE_HEAD + ("S: Chronic neck pain. Pain 4/10 with meds and 7/10 without.\n"
                        "Leg pain 6/10 when standing and 3/10 without activity.\n")
    facts = facts_of(tmp_path, text)
    responses = [f["statement"] for f in facts if f["category"] == "response"]
    assert any("4/10 with meds and 7/10 without" in s for s in responses)
    assert not any("without activity" in s for s in responses)


def test_a_pain_score_after_the_procedure_is_its_response_on_its_own_day(tmp_path):
    text = ("DISCHARGE SUMMARY\nAdmission date: 03/01/2027\nDischarge date: 03/03/2027\n\n"
            "HOSPITAL COURSE: Underwent L1 kyphoplasty on 03/01/2027. Post-procedure pain "
            "2/10 on the evening of 03/02/2027. Pain after sitting 20 minutes 6/10.\n")
    facts = facts_of(tmp_path, text)
    after = [f for f in facts if f["category"] == "response"]
    assert [(f["statement"][:22], str(f["date"])) for f in after] == [
        ("Post-procedure pain 2/", "2027-03-02")]


# -- dates a narrative gives without a year ------------------------------------------------------


def test_a_month_named_without_its_year_and_last_year_date_the_drugs_they_tell(tmp_path):
    text = ("NEW PATIENT CONSULTATION\nDate of visit: 09/20/2027\n\nHISTORY: Neck and right "
            "arm pain. He has taken pregabalin 75 mg twice daily since about March. He tried "
            "nortriptyline 25 mg last year and stopped because of dry mouth. Follow-up in "
            "October.\n")
    facts = facts_of(tmp_path, text)
    dated = {drug: str(f["date"]) for f in facts if f["category"] == "medication"
             for drug in ("pregabalin", "nortriptyline") if drug in f["statement"]}
    assert dated == {"pregabalin": "2027-03-01", "nortriptyline": "2026-01-01"}
    assert not any(str(f["date"]).startswith("2026-10") for f in facts)


def test_each_drug_of_a_sentence_is_a_medication_dated_by_its_own_words(tmp_path):
    text = ("NEW PATIENT CONSULTATION\nDate of visit: 09/20/2027\n\nHISTORY: Low back pain. He "
            "takes celecoxib 200 mg daily and has been on duloxetine 60 mg daily since about "
            "May. Hydrocodone-APAP 5-325 mg 1 tab q8h prn, started 08/02/2027.\n")
    meds = {(f["dose"]["drug"], str(f["date"])) for f in facts_of(tmp_path, text)
            if f["category"] == "medication" and f.get("dose")}
    assert ("celecoxib", "2027-09-20") in meds and ("duloxetine", "2027-05-01") in meds
    assert not any(drug == "acetaminophen" for drug, _ in meds)  # the product's second name


# -- a study's findings by level, and a study dated in the label of a note's line ------------------


def test_a_level_line_placing_a_root_compression_is_a_finding_beside_the_impression(tmp_path):
    text = ("MRI CERVICAL SPINE WITHOUT CONTRAST\nDate of exam: 04/11/2027\n\nFINDINGS:\n"
            "C5-C6: Left foraminal disc protrusion measuring 4 mm, compressing the exiting "
            "left C6 nerve root.\nC6-C7: Mild disc height loss.\n\nIMPRESSION:\n1. C5-C6 left "
            "foraminal disc protrusion compressing the left C6 root.\n")
    imaging = [f["statement"] for f in facts_of(tmp_path, text) if f["category"] == "imaging"]
    assert any(s.startswith("C5-C6: Left foraminal disc protrusion measuring") for s in imaging)
    assert any("1. C5-C6 left foraminal" in s or s.startswith("C5-C6 left") for s in imaging)


def test_a_study_dated_in_the_label_its_findings_follow_takes_that_date(tmp_path):
    text = ("PROGRESS REPORT\nDate of exam: 07/10/2027\n\nOBJECTIVE:\nCT lumbar spine 3/14/26 "
            "(report attached): L4-L5 right foraminal disc protrusion contacting the exiting "
            "right L4 root.\n")
    imaging = [f for f in facts_of(tmp_path, text) if f["category"] == "imaging"]
    assert [str(f["date"]) for f in imaging] == ["2026-03-14"]


# -- a home program --------------------------------------------------------------------------------


def test_a_home_program_kept_up_now_beside_a_past_course_is_of_the_records_day(tmp_path):
    text = NOTE_HEAD + ("SUBJECTIVE: Neck pain. She completed 10 sessions of PT (last visit "
                        "5/2027) with partial benefit and continues a home exercise program "
                        "most days. She does her home stretches 3 of 7 days.\n")
    care = {(str(f["date"]), f["statement"][:24]) for f in facts_of(tmp_path, text)
            if f["category"] == "conservative_care"}
    assert ("2027-05-01", "She completed 10 session") in care
    assert ("2027-10-05", "She completed 10 session") in care
    assert ("2027-10-05", "She does her home stretc") in care


# -- before and after a procedure, in its own note -------------------------------------------------


def test_a_procedure_notes_pre_and_post_procedure_fields_are_read(tmp_path):
    text = ("PROCEDURE NOTE\nDate of service: 06/01/2027\n\nPROCEDURE: Left L5-S1 "
            "transforaminal epidural steroid injection under fluoroscopy.\n\n"
            "PRE-PROCEDURE: Pain 8/10 NRS (sitting). Straight leg raise on the left reproduces "
            "the calf pain.\n\nPOST-PROCEDURE: Pain 3/10 at 20 minutes. Discharged home.\n")
    facts = [(f["category"], f["statement"]) for f in facts_of(tmp_path, text)]
    assert any(c == "response" and "Pain 3/10 at 20 minutes" in s for c, s in facts)
    assert any(c == "exam" and s.startswith("Straight leg raise on the left") for c, s in facts)
    assert not any("Discharged" in s for _, s in facts)


# -- a form's ticked pain descriptors --------------------------------------------------------------


def test_a_forms_ticked_pain_descriptors_are_history_and_its_empty_boxes_nothing(tmp_path):
    text = ("PATIENT INTAKE QUESTIONNAIRE\nDate: 05/05/2027\n\n"
            "Type of pain:  [X] burning  [ ] dull  [X] stabbing  [X] pins & needles\n"
            "Other problems:  [ ] headache  [ ] dizziness\n")
    history = [f["statement"] for f in facts_of(tmp_path, text) if f["category"] == "history"]
    assert any("burning" in s and "stabbing" in s for s in history)
    assert not any("dull" in s or "headache" in s for s in history)


# -- a letter's peer-to-peer call ------------------------------------------------------------------


def test_a_letters_dated_peer_to_peer_call_is_a_step_of_the_review(tmp_path):
    text = ("UTILIZATION REVIEW DETERMINATION\nDate: 05/12/2027\n\n"
            "REQUEST: Right L4-L5 medial branch block\nDECISION: NOT CERTIFIED\n\n"
            "On 05/10/2027 the reviewer spoke with Dr. Example, who had no new findings to "
            "add.\n")
    steps = [(str(f["date"]), f["statement"]) for f in facts_of(tmp_path, text)
             if f["category"] == "utilization_review"]
    assert any(day == "2027-05-10" and "spoke with Dr. Example" in s for day, s in steps)
