"""Record intake on classes of real-record writing, each on new synthetic sentences (never on
the blind set's texts): denial letters that summarise the record, the request's history told
in a letter, past care told in a narrative, pharmacy tables with number columns, medication
reconciliations, psychological test results, dated outcome lines and table rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="classes", ocr=False, today=TODAY).drafted.data


def facts_of(data: dict) -> list[tuple[str, str, str]]:
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def test_a_denial_letter_summarising_the_record_gives_patient_facts_and_its_own_date(tmp_path):
    data = drafted(tmp_path, (
        "ACME HEALTH - UTILIZATION MANAGEMENT\n\nNOTICE OF ADVERSE BENEFIT DETERMINATION\n\n"
        "Date of notice:        04/02/2024\n"
        "Request received:      03/25/2024 (standard)\n\n"
        "Service 1: Lumbar facet joint injection, L4-5 (CPT 64493) - DENIED\n\n"
        "WHY WE DENIED THIS SERVICE\n"
        "Your doctor's request was received on 03/26/2024. "
        "You have neck pain going into the right arm. On 03/11/2024 your doctor found a "
        "positive Spurling test on the right. You had 8 visits of physical therapy in 2023.\n"
        "Facet injections are covered only when the pain does not spread into a limb. "
        "The records do not show a trial of home exercise. For this reason the injection is "
        "not medically necessary.\n"
        "Covered services were approved on 01/05/2030 for another member.\n"
    ))
    assert data["documents"][0]["type"] == "ur_denial"
    assert str(data["documents"][0]["date"]) == "2024-04-02"  # the notice, not a later date
    got = facts_of(data)
    assert ("exam", "2024-03-11") in {(c, d) for c, d, _ in got}
    assert any(c == "conservative_care" and d.startswith("2023") for c, d, _ in got)
    reasons = [s for c, _, s in got if c == "utilization_review"]
    assert any("do not show a trial of home exercise" in s for s in reasons)
    assert any(c == "utilization_review" and d == "2024-03-26" and "received" in s
               for c, d, s in got)  # the request's history, dated by its own date
    assert not any(s.startswith("Request received") for _, _, s in got)  # the item's date
    statements = " ".join(s for _, _, s in got)
    assert "covered only when" not in statements  # the payer's criteria are not the record
    assert "CPT 64493" not in statements  # the item's decision line is the item, not a fact


def test_a_letter_tells_the_request_history_each_step_on_its_own_date(tmp_path):
    data = drafted(tmp_path, (
        "INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\n\nDate of decision: 09/30/2024\n\n"
        "CASE SUMMARY\n"
        "The treating physician requested a cervical radiofrequency ablation on 07/02/2024. "
        "The plan non-certified the request on 07/15/2024, stating that the diagnostic blocks "
        "were not documented. The determination is overturned.\n\n"
        "REVIEWER\nThe reviewer is board certified and approved 400 requests in 2023.\n"
    ))
    steps = {(d, s[:30]) for c, d, s in facts_of(data) if c == "utilization_review"}
    assert {d for d, _ in steps} >= {"2024-07-02", "2024-07-15", "2024-09-30"}
    assert not any("board certified" in s for _, s in steps)


def test_past_care_told_in_a_narrative_records_the_procedure_and_its_response(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "INITIAL CONSULTATION\nDate of visit: 05/06/2024\n\nHISTORY OF PRESENT ILLNESS\n"
        "He was treated with chiropractic care and a lumbar epidural steroid injection in "
        "March 2019, which helped his leg pain for about 4 months.\n"
        "A right L5-S1 medial branch block was performed on 01/08/2024.\n"
        "A repeat epidural steroid injection was requested on 04/01/2024.\n"
    )))
    kinds = {(c, d) for c, d, _ in got}
    assert ("procedure", "2019-03-01") in kinds and ("response", "2019-03-01") in kinds
    assert ("procedure", "2024-01-08") in kinds
    assert ("conservative_care", "2019-03-01") in kinds
    assert not any(c == "procedure" and d == "2024-04-01" for c, d in kinds)  # asked for only


def test_a_pharmacy_table_reads_the_drug_column_not_the_rx_number(tmp_path):
    data = drafted(tmp_path, (
        "PHARMACY PRESCRIPTION HISTORY\nPrinted 06/30/2024\n\n"
        "Fill date   Rx #      Drug / strength / directions                      Qty  Days\n"
        "02/01/2024  7730011   Oxycodone-APAP 5-325 mg tab, 1 tab every 6 hrs prn  120  30\n"
        "03/01/2024  7730011R1 Oxycodone-APAP 5-325 mg tab, 1 tab every 6 hrs prn  120  30\n"
        "04/01/2024  7731990   Oxycodone-APAP 5-325 mg tab, 1 tab every 12 hrs prn  60  30\n"
    ))
    meds = [f for f in data["facts"] if f["category"] == "medication"]
    assert [f["statement"].split(",")[0] for f in meds] == ["Oxycodone-APAP 5-325 mg tab"] * 2
    assert [(f["dose"]["drug"], f["dose"]["amount"], f["dose"]["frequency"]) for f in meds] == [
        ("oxycodone", 5.0, "every 6 hours as needed"),
        ("oxycodone", 5.0, "every 12 hours as needed")]
    assert meds[0]["mme"] == 30  # 5 mg x 4 a day x 1.5
    assert not any("7730011" in f["statement"] for f in meds)


def test_a_medication_reconciliation_is_read_as_a_clinic_note(tmp_path):
    data = drafted(tmp_path, (
        "CLINIC MEDICATION RECONCILIATION\nVisit: 06/03/2024\n"
        "Current medications (reviewed with patient and pharmacy history):\n"
        "1. Tapentadol 50 mg twice daily.\n"
        "Monitoring: UDS 05/20/2024 consistent with prescribed tapentadol. "
        "Pain 5/10 with meds, 8/10 without.\n"
    ))
    assert data["documents"][0]["type"] == "office_note"
    got = facts_of(data)
    assert any(c == "medication" and "Tapentadol 50 mg" in s for c, _, s in got)
    assert any(c == "other" and d == "2024-05-20" for c, d, _ in got)
    assert any(c == "history" and "5/10 with meds" in s for c, _, s in got)


def test_a_study_summarised_in_a_note_is_kept_only_without_its_report(tmp_path):
    note = ("FOLLOW-UP NOTE\nDate of visit: 02/10/2024\n"
            "Imaging: MRI C-spine 12/01/23: L C6-7 disc extrusion w/ severe L foraminal "
            "stenosis.\nNCS of the legs in 2022 was unremarkable.\n"
            "Assessment: cervical radiculopathy, consistent with the MRI.\n")
    got = facts_of(drafted(tmp_path, note))
    studies = {(c, d) for c, d, _ in got if c in ("imaging", "electrodiagnostic")}
    assert studies == {("imaging", "2023-12-01"), ("electrodiagnostic", "2022-01-01")}
    report = tmp_path / "mri.txt"
    report.write_text("MRI CERVICAL SPINE\nDate of study: 12/01/2023\nIMPRESSION:\n"
                      "1. Left C6-7 disc extrusion with severe left foraminal stenosis.\n",
                      encoding="utf-8")
    note_file = tmp_path / "note.txt"
    note_file.write_text(note, encoding="utf-8")
    data = run_intake([note_file, report], case_id="classes", ocr=False, today=TODAY).drafted.data
    imaging = [f for f in data["facts"] if f["category"] == "imaging"]
    assert [f["source"]["document"] for f in imaging] == ["D2"]  # the report, not the note


def test_a_field_label_dates_its_value_and_a_trial_line_is_the_procedure(tmp_path):
    data = drafted(tmp_path, (
        "PERIPHERAL NERVE STIMULATOR TRIAL REPORT\nReport date: 04/15/2024\n"
        "Trial dates: 04/01/2024 to 04/08/2024 (7 days), percutaneous lead placed under "
        "ultrasound.\n"
        "Outcome (04/08/2024): 60% relief of foot pain, walking 30 min.\n"
        "Next visit (05/01/2024): review the pain diary.\n"
    ))
    assert data["documents"][0]["type"] == "device_trial_record"
    got = {(c, d) for c, d, _ in facts_of(data)}
    trial = next(f for f in data["facts"] if f["category"] == "procedure")
    assert (str(trial["date"]), str(trial["end_date"])) == ("2024-04-01", "2024-04-08")
    assert ("response", "2024-04-08") in got  # the outcome line's own date, not the report's
    assert not any(d == "2024-05-01" for _, d in got)  # a label looking ahead dates nothing


def test_a_procedure_notes_indication_is_history_and_a_diary_is_dated_when_returned(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "PROCEDURE NOTE\nDate of procedure: 03/04/2024\n"
        "PROCEDURE: Right L3-4 and L4-5 medial branch blocks, CPT 64493.\n"
        "INDICATION: Axial low back pain for 18 months, worse with extension; positive facet "
        "loading on the right.\n"
        "PAIN DIARY (returned 03/06/2024): 90% relief lasting about 4 hours.\n"
    )))
    kinds = {(c, d) for c, d, _ in got}
    assert ("exam", "2024-03-04") in kinds or ("history", "2024-03-04") in kinds
    assert ("response", "2024-03-06") in kinds
    assert [c for c, _, _ in got].count("procedure") == 1


def test_a_psych_evaluations_diagnosis_and_recommendation_are_findings_not_its_title(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "----- Document 1: PSYCHOLOGICAL EVALUATION (pre-implant) -----\n"
        "Date of evaluation: 02/02/2024\n"
        "History: back and leg pain since an L5-S1 fusion in 2019.\n"
        "Testing: PCS (pain catastrophizing) 31. BDI-II 22.\n"
        "Impression: major depressive disorder, moderate, currently untreated.\n"
        "Recommendation: not cleared at this time; psychologically cleared for a trial once "
        "depression is treated.\n"
        "----- Document 2: PROGRESS NOTE -----\nDate of visit: 02/20/2024\n"
        "Mood discussed.\n"
    )))
    psych = [s for c, _, s in got if c == "psych"]
    assert any("PCS" in s for s in psych) and any("major depressive" in s for s in psych)
    assert any("Recommendation" in s for s in psych)
    assert not any("PSYCHOLOGICAL EVALUATION" in s for s in psych)  # the title is no finding
    assert ("procedure", "2019-01-01") in {(c, d) for c, d, _ in got}


def test_a_procedure_is_dated_by_the_date_written_after_it(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "FOLLOW-UP NOTE\nDate of visit: 09/09/2024\n"
        "Interval history: s/p L4-5 radiofrequency ablation 07/30/2024 (authorized "
        "07/02/2024). Doing well.\n"
    )))
    assert ("procedure", "2024-07-30") in {(c, d) for c, d, _ in got}


def test_a_discharge_summary_is_dated_by_its_last_visit(tmp_path):
    data = drafted(tmp_path, (
        "PHYSICAL THERAPY DISCHARGE SUMMARY\n"
        "Start of care: 01/08/2024     Date of last visit: 02/26/2024     "
        "Date of discharge summary: 03/01/2024\n"
        "Patient reports 40% improvement after 10 visits of physical therapy.\n"
    ))
    assert str(data["documents"][0]["date"]) == "2024-02-26"


def test_chart_shorthand_exam_fields_clauses_and_negations_after_the_finding(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "CLINIC NOTE\nDOS: 04/22/24\n"
        "S: 61 yo F, neck pain. Prior tx: PT x 10 visits 1/2023-3/2023 - no lasting relief; "
        "HEP 3x/wk. Chiro x 6 in 2020 - temp relief. Massage - never tried.\n"
        "O: BP 128/80\nMotor: wrist ext 4-/5 L, 5/5 R.\nSens: dec PP L C6 derm.\n"
        "Neck: L paraspinal TTP at C5-6.\nNeuro screen (UE reflexes) WNL otherwise.\n"
    )))
    kinds = {(c, d) for c, d, _ in got}
    assert ("conservative_care", "2023-01-01") in kinds  # PT, dated by its own clause
    assert ("conservative_care", "2024-04-22") in kinds  # HEP, a clause of its own
    assert ("conservative_care", "2020-01-01") in kinds  # chiro shorthand
    exam = " ".join(s for c, _, s in got if c == "exam")
    for finding in ("4-/5", "dec PP", "paraspinal TTP", "WNL"):
        assert finding in exam, finding
    assert not any("Massage" in s for _, _, s in got)  # "never tried" negates what it follows


def test_function_and_medication_use_in_everyday_words(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "PROGRESS NOTE\nDate of visit: 07/01/2024\n"
        "She reports difficulty walking more than two blocks and avoids lifting groceries.\n"
        "After the injection her oxycodone use decreased from 4 tablets a day to 2.\n"
        "He is working 4 hours a day because of the pain.\n"
    )))
    categories = [c for c, _, _ in got]
    assert categories.count("functional") == 2 and "response" in categories


def test_care_told_beside_a_medication_and_the_injury_event_are_facts(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "NOTICE OF ADVERSE DETERMINATION\nDate of notice: 10/01/2024\n\n"
        "SUMMARY\nYou were injured at work on 02/14/2024 when a shelf fell on you.\n\n"
        "You take celecoxib 200 mg daily and had 8 visits of physical therapy in "
        "2024. The notes describe neck pain spreading to the left shoulder blade. "
        "You deny arm weakness.\n"
    )))
    kinds = {(c, d) for c, d, _ in got}
    assert ("history", "2024-02-14") in kinds  # the injury, dated by its own date
    assert ("medication", "2024-01-01") in kinds and ("conservative_care", "2024-01-01") in kinds
    history = [s for c, _, s in got if c == "history"]
    assert any("neck pain spreading" in s for s in history)
    assert not any("deny arm weakness" in s for s in history)


def test_goals_and_an_impressions_commentary_are_not_findings(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "----- Document 1: PHYSICAL THERAPY DISCHARGE SUMMARY -----\n"
        "Date of last visit: 05/05/2024\n"
        "SUBJECTIVE\nPatient reports she is able to walk 30 minutes.\n"
        "GOALS\n  1. ODI < 30% in 4 wks ........ MET\n  2. Independent with HEP ........ MET\n"
        "----- Document 2: PSYCHOLOGICAL EVALUATION -----\nDate of evaluation: 05/10/2024\n"
        "Impression: generalized anxiety disorder, mild. Motivated and well informed.\n"
    )))
    statements = [s for _, _, s in got]
    assert any("able to walk 30 minutes" in s for s in statements)
    assert not any("MET" in s for s in statements)  # a goal is a target, not a finding
    psych = [s for c, _, s in got if c == "psych"]
    assert any("anxiety disorder" in s for s in psych)
    assert not any("Motivated" in s for s in psych)


def test_no_finding_is_read_out_of_a_date_and_a_former_smoker_has_quit(tmp_path):
    data = drafted(tmp_path, (
        "OFFICE NOTE\nDate of visit: 03/03/2024\n"
        "PMH: diabetes (A1c 7.2 on 2/5/24), seen 4/5/23 for knee pain.\n"
        "SH: former smoker, quit 2019.\n"
    ))
    tags = {t for f in data["facts"] for t in f.get("tags", [])}
    assert "motor_weakness" not in tags  # "2/5" and "4/5" are in dates, not strength grades
    assert "smoker" not in tags and "smoking_cessation" in tags


def test_a_letters_reasons_are_the_decisions_and_care_answers_the_care(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "INDEPENDENT REVIEW DETERMINATION\nDate of decision: 11/30/2024\n\n"
        "CASE SUMMARY\nA lumbar epidural steroid injection was performed on 05/02/2024.\n"
        "She then completed 8 sessions of physical therapy with about 30% improvement.\n"
        "Her naproxen use decreased from twice to once a day.\n\n"
        "RATIONALE\nThe records show 40% relief lasting about 2 weeks after the 05/02/2024 "
        "injection. The provider documented no functional gain.\n"
    )))
    reasons = {(d, s[:20]) for c, d, s in got if c == "utilization_review"}
    assert reasons and all(d == "2024-11-30" for d, _ in reasons)  # the decision's date
    assert any(c == "conservative_care" for c, _, _ in got)
    responses = [s for c, _, s in got if c == "response"]
    assert any("naproxen use decreased" in s for s in responses)


def test_a_letters_undated_findings_are_of_the_latest_note_it_reviewed(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "NOTICE OF ADVERSE BENEFIT DETERMINATION\nDate of notice: 09/20/2024\n\n"
        "WHY WE DENIED THIS SERVICE\n"
        "We reviewed the office notes of 07/01/2024 and 08/29/2024 and the MRI report of "
        "10/02/2023.\n\nYou have had neck pain going down the left arm for a year. "
        "The plan denied cervical facet injections (CPT 64490) as not medically necessary.\n"
    )))
    assert ("history", "2024-08-29") in {(c, d) for c, d, _ in got}
    assert not any("CPT 64490" in s for _, _, s in got)  # the item's decision, not a fact


def test_a_therapy_record_gives_the_care_over_its_course(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "PHYSICAL THERAPY PROGRESS SUMMARY\n"
        "Start of care: 03/04/2024     Date of last visit: 04/26/2024\n"
        "Visits: 10 attended of 12 authorized\n\nINTERVENTIONS PROVIDED\n"
        "Therapeutic exercise (97110): cervical stabilization, scapular strengthening\n"
        "OBJECTIVE - initial eval vs last visit\n"
        "  Neck Disability Index ........ 40% -> 24%\n"
    )))
    care = [(d, s) for c, d, s in got if c == "conservative_care"]
    assert len(care) == 2 and all(d == "2024-03-04" for d, _ in care)
    assert ("functional", "2024-04-26") in {(c, d) for c, d, _ in got}  # a table row, not care


def test_before_and_after_rows_are_facts_of_the_kind_they_measure(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "PHYSICAL THERAPY DISCHARGE SUMMARY\nDate of last visit: 08/30/2024\n"
        "OUTCOMES - initial eval vs discharge\n"
        "  Pain (NPRS) worst ............ 8/10 -> 4/10\n"
        "  Cervical rotation ............ 45 deg -> 70 deg\n"
        "  Standing tolerance ........... 10 min -> 30 min\n"
        "  FABQ-W ....................... 30 -> 21\n"
    )))
    assert [c for c, _, _ in got] == ["response", "exam", "functional", "psych"]


def test_a_sentence_joining_two_dated_courses_of_care_gives_each_its_date(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "CONSULTATION\nDate of visit: 02/02/2024\n"
        "He had 12 visits of physical therapy in 2021, and 6 chiropractic treatments in 2023 "
        "with brief relief.\n"
    )))
    assert {d for c, d, _ in got if c == "conservative_care"} == {"2021-01-01", "2023-01-01"}


def test_pain_beside_function_and_pain_before_and_after_a_block(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "----- Document 1: FOLLOW-UP NOTE -----\nDate of visit: 01/15/2024\n"
        "Her average pain is 6/10 and her Oswestry Disability Index is 38%.\n"
        "The pain is axial, worse with standing.\n"
        "----- Document 2: PROCEDURE NOTE -----\nDate of procedure: 01/29/2024\n"
        "Procedure: Left L4-5 and L5-S1 medial branch blocks.\n"
        "Pain was 6/10 pre-procedure and 0/10 post-procedure with extension.\n"
        "Assessment: positive block. Radiofrequency ablation request submitted 01/29/2024.\n"
    )))
    kinds = [(c, d) for c, d, _ in got]
    assert ("functional", "2024-01-15") in kinds and kinds.count(("history", "2024-01-15")) == 2
    assert ("response", "2024-01-29") in kinds
    assert ("utilization_review", "2024-01-29") in kinds  # the request, in a procedure note


def test_what_a_sentence_tells_beside_its_main_fact_and_words_ending_like_abbreviations(
        tmp_path):
    got = facts_of(drafted(tmp_path, (
        "SPINAL CORD STIMULATOR TRIAL REPORT\nReport date: 06/20/2024\n"
        "Trial dates: 06/10/2024 to 06/17/2024, two leads.\n"
        "Baseline (06/01/2024): leg pain 9/10, ODI 60%, oxycodone 10 mg 3 tablets a day.\n"
        "End of trial (06/17/2024): leg pain 3/10 (67% reduction), ODI 38%. "
        "Sleeps through the night most nights.\n"
        "----- Document 2: FOLLOW-UP NOTE -----\n"
        "----- Document 3: CONSULTATION -----\nDate of visit: 07/01/2024\n"
        "HPI: Axial low back pain for 3 years, worse with extension, facet loading positive "
        "bilaterally. She reports the same symptoms. She uses a home exercise program daily.\n"
    )))
    kinds = [(c, d) for c, d, _ in got]
    assert ("history", "2024-06-01") in kinds and ("medication", "2024-06-01") in kinds
    assert ("functional", "2024-06-17") in kinds and ("response", "2024-06-17") in kinds
    assert kinds.count(("response", "2024-06-17")) == 2  # relief, and sleeping after a trial
    assert ("history", "2024-07-01") in kinds and ("exam", "2024-07-01") in kinds
    care = [s for c, _, s in got if c == "conservative_care"]
    assert care == ["She uses a home exercise program daily."]  # "symptoms." ends a sentence


def test_a_letters_issue_sections_give_reasons_not_restated_verdicts(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "INDEPENDENT MEDICAL REVIEW FINAL DETERMINATION\nDate of decision: 05/05/2024\n\n"
        "1) Cervical radiofrequency ablation (CPT 64633): NOT MEDICALLY NECESSARY.\n\n"
        "ISSUE 1: Cervical radiofrequency ablation at C5-6 and C6-7 on the right side\n"
        "In this case the records show only 30% relief after the diagnostic blocks. "
        "The request is not medically necessary.\n"
    )))
    reasons = [s for c, _, s in got if c == "utilization_review"]
    assert any("only 30% relief" in s for s in reasons)  # a reason, under the ISSUE label
    assert not any(s.startswith("The request is not") for s in reasons)  # the item's verdict


def test_an_injury_beside_a_drug_a_return_to_work_and_drugs_tried_beside_care(tmp_path):
    got = facts_of(drafted(tmp_path, (
        "CLINIC NOTE\nDate of visit: 09/09/2024\n"
        "Past medications: tramadol 50 mg as needed for a month after the injury in 03/2021.\n"
        "Prior care: physical therapy, a home exercise program, naproxen and cyclobenzaprine; "
        "no gabapentin.\n"
        "Work status: returned to work 08/12/2024 on modified duty.\n"
    )))
    kinds = {(c, d) for c, d, _ in got}
    assert ("history", "2021-03-01") in kinds and ("medication", "2021-03-01") in kinds
    assert ("functional", "2024-08-12") in kinds
    tried = next(f for f in drafted(tmp_path, (
        "CLINIC NOTE\nDate of visit: 09/09/2024\n"
        "Prior care: physical therapy, naproxen and cyclobenzaprine; no gabapentin.\n"
    ))["facts"] if f["category"] == "medication")
    assert set(tried["tags"]) == {"nsaid", "muscle_relaxant"}  # not the negated gabapentin


def test_an_appeal_header_gives_the_item_and_overturned_approves_it(tmp_path):
    data = drafted(tmp_path, (
        "STATE EXTERNAL APPEAL - FINAL DETERMINATION\n"
        "Treatment:            Lumbar radiofrequency ablation, bilateral L4-L5\n"
        "Determination:        Overturned\nDate of Decision:     March 3, 2024\n\n"
        "CASE SUMMARY\nThe enrollee has axial low back pain.\n"
    ))
    items = [(i["procedure"], i["prior_decision"]["decision"]) for i in data["disputed_items"]]
    assert items == [("rfa", "approved")]
