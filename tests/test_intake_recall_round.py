"""Record intake on three kinds of record writing that drafted nothing before (issue #23, the
recall round), each on new synthetic sentences: a drug a plan orders at the visit, the numbered
sections of a report (a chronology of the records under "SECTION 3 - ...", its projections of
future care under another), and a chronology's entries opening with a month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.medications import drugs_taken
from drafting.intake.extract.plan_orders import ordered_in_plan
from drafting.intake.extract.values import percent_relief
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def facts(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="recall", ocr=False, today=TODAY).drafted.data
    return [(str(f["category"]), _when(f), f["statement"]) for f in data["facts"]]


_DIGITS = {"day": 10, "month": 7, "year": 4}


def _when(fact: dict) -> str:
    """The fact's date at its precision ("2025-04" for a month)."""
    return str(fact["date"])[:_DIGITS[str(fact.get("date_precision", "day"))]]


def test_a_drug_the_plan_orders_at_the_visit_is_a_medication_of_that_day(tmp_path):
    got = facts(tmp_path, (
        "PAIN CLINIC FOLLOW-UP\nDate of visit: 10/14/2025\n\n"
        "HPI: Low back pain with left leg pain for 8 months.\n\n"
        "PLAN:\n"
        "Start pregabalin 75 mg twice daily.\n"
        "Celecoxib 200 mg daily started today.\n"
        "Consider duloxetine 30 mg daily if pain persists.\n"
        "Hold meloxicam 15 mg daily until labs return.\n"
        "Return in 4 weeks.\n"
    ))
    meds = {s: d for c, d, s in got if c == "medication"}
    assert meds.get("Start pregabalin 75 mg twice daily.") == "2025-10-14"
    assert any("Celecoxib 200 mg" in s for s in meds)
    assert not any("duloxetine" in s or "meloxicam" in s for s in meds)  # weighed, held


def test_what_a_plan_orders_now_and_what_it_leaves_open():
    assert ordered_in_plan("Increase gabapentin to 600 mg three times a day.")
    assert ordered_in_plan("2. Naproxen 500 mg twice daily with food")
    assert ordered_in_plan("Tizanidine 4 mg at bedtime prescribed")
    assert not ordered_in_plan("May start tizanidine 4 mg at bedtime if spasms recur.")
    assert not ordered_in_plan("Discussed nortriptyline 10 mg at bedtime; she declined.")
    assert not ordered_in_plan("Stop ibuprofen 800 mg.")
    assert not ordered_in_plan("Start PT twice weekly.")  # no drug with a dose


def test_a_numbered_section_is_a_heading_and_future_care_is_not_a_fact(tmp_path):
    got = facts(tmp_path, (
        "NURSE CASE REVIEW - CARE PLAN FOR COUNSEL\n"
        "Report date: 09/30/2025\n\n"
        "SECTION 2 - RECORDS REVIEWED (in date order, abridged)\n\n"
        "03/04/2025  Lumbar MRI: L4-5 right paracentral protrusion contacting the right L5 root.\n"
        "05/20/2025  Right L4-5 transforaminal epidural steroid injection.\n\n"
        "SECTION 5 - FUTURE MEDICAL CARE (projected, with unit costs)\n"
        "Lumbar TFESI, right L4-5   | up to 2x/yr x 3 yrs   | $2,100\n"
        "Pregabalin 75 mg bid       | daily x 5 yrs        | $60/mo\n"
    ))
    statements = " ".join(s for _, _, s in got)
    assert any(c == "imaging" and "paracentral protrusion" in s for c, _, s in got)
    assert any(c == "procedure" and d == "2025-05-20" for c, d, _ in got)
    assert "$" not in statements and "up to 2x/yr" not in statements  # projections, not facts


def test_a_chronology_entry_opening_with_a_month_dates_what_it_tells_to_that_month(tmp_path):
    got = facts(tmp_path, (
        "INDEPENDENT RECORDS SUMMARY\nDate of report: 11/20/2025\n\n"
        "RECORDS (chronological)\n\n"
        "02/10/2025  Urgent care. Lumbar strain after lifting a pallet.\n"
        "04/2025  Dr. Sample (physiatry) initial visit. Started gabapentin 300 mg at bedtime.\n"
        "06/2025 - 08/2025  Physical therapy, 12 visits, home program taught.\n"
    ))
    gabapentin = [(c, d) for c, d, s in got if s.startswith("Started gabapentin")]
    assert gabapentin == [("medication", "2025-04")]  # the entry's month, no day invented


def test_a_work_status_that_began_on_a_date_is_dated_by_it(tmp_path):
    got = facts(tmp_path, (
        "PSYCHOLOGICAL EVALUATION FOR SPINAL CORD STIMULATION\nDate of evaluation: 06/02/2025\n\n"
        "HISTORY\n"
        "He stopped working as a welder in 2022 and receives disability benefits.\n"
        "At his last visit on 03/14/2025 he could walk about two blocks.\n"
        "He walks about one block today.\n"
    ))
    dated = {s: d for c, d, s in got if c == "functional"}
    assert dated.get("He stopped working as a welder in 2022 and receives disability "
                     "benefits.") == "2022"
    assert dated.get("At his last visit on 03/14/2025 he could walk about two blocks.") == \
        "2025-03-14"


def test_a_response_is_dated_by_the_procedure_its_sentence_dates(tmp_path):
    got = facts(tmp_path, (
        "PAIN MANAGEMENT FOLLOW-UP\nDate of visit: 09/10/2025\n\n"
        "HPI: s/p L L5-S1 TFESI 04/08/2025 - about 60% relief x 6 wks, then pain returned.\n"
    ))
    assert ("response", "2025-04-08") in {(c, d) for c, d, _ in got}


def test_a_response_told_at_the_visit_keeps_the_visits_date(tmp_path):
    # the labelling convention: a response is dated when reported where the text says so
    got = facts(tmp_path, (
        "PAIN MANAGEMENT FOLLOW-UP\nDate of visit: 09/10/2025\n\n"
        "HPI: Oswestry Disability Index improved from 46% before the 04/08/2025 injection to 24% "
        "in May and is 38% today.\n"
    ))
    responses = {d for c, d, _ in got if c == "response"}
    assert "2025-09-10" in responses and "2025-04-08" not in responses


def test_relief_written_before_its_figure_or_as_less_of_a_symptom_is_a_percent_relief():
    assert percent_relief("Injection: R L4-5 TFESI 04/20/2026 - relief ~30% x 1 week.")[0] == 30
    assert percent_relief("Block #1   relief 85%   duration 3 hours")[0] == 85
    assert percent_relief("she reported 60% less arm tingling for about 4 weeks")[0] == 60
    assert percent_relief("her pain improved about 50 percent for four months")[0] == 50
    assert percent_relief("Relief of at least 50% is required.")[0] is None  # a threshold


def test_a_block_named_by_its_number_and_date_beside_its_relief_is_a_procedure_too(tmp_path):
    got = facts(tmp_path, (
        "PRIOR AUTHORIZATION REQUEST - LUMBAR RADIOFREQUENCY ABLATION\n"
        "Date submitted: 11/03/2025\n\n"
        "DIAGNOSTIC BLOCKS\n"
        "Block #1  date 09/02/2025   agent lidocaine 2%   relief 80%   duration 4 hours\n"
    ))
    kinds = {(c, d) for c, d, _ in got}
    assert ("procedure", "2025-09-02") in kinds and ("response", "2025-09-02") in kinds


def test_an_earlier_value_in_parentheses_does_not_date_the_finding_of_the_day(tmp_path):
    got = facts(tmp_path, (
        "PAIN MANAGEMENT FOLLOW-UP\nDate of visit: 05/12/2025\n\n"
        "HPI: Using oxycodone 5 mg twice a day again (had stopped in 2024).\n"
    ))
    assert [d for c, d, s in got if c == "medication"] == ["2025-05-12"]


def test_a_medication_line_with_a_labelled_note_is_the_drug_not_a_field(tmp_path):
    got = facts(tmp_path, (
        "MEDICATION LIST PRINTOUT\nPrinted: 08/01/2025\n\n"
        "DISCONTINUED\n"
        " Pregabalin 75 mg BID     d/c 02/2025   reason: edema\n"
    ))
    assert any(c == "medication" and s.startswith("Pregabalin 75 mg BID") for c, _, s in got)


def test_a_drug_with_its_verb_after_it_or_named_as_a_trial_is_a_medication_taken():
    assert [m.drug.name for m in drugs_taken("Meloxicam and tizanidine given at urgent care.")
            ] == ["meloxicam", "tizanidine"]
    assert [m.drug.name for m in drugs_taken('She says celecoxib "made her dizzy" and she '
                                             "stopped it.")] == ["celecoxib"]
    assert [m.drug.name for m in drugs_taken("trials of pregabalin and amitriptyline, both "
                                             "stopped")] == ["pregabalin", "amitriptyline"]
    assert drugs_taken("Celecoxib could be given if the stomach allows.") == []
    assert drugs_taken("Never tried tizanidine.") == []


def test_a_work_status_the_plan_gives_is_the_patients_function_from_that_day(tmp_path):
    got = facts(tmp_path, (
        "URGENT CARE NOTE\nDate of visit: 04/03/2025\n\n"
        "HPI: Low back pain after lifting boxes at work yesterday.\n\n"
        "PLAN:\nWork note: off 2 days, then modified duty.\n"
        "May return to full duty if pain resolves.\n"
        "Request work conditioning toward full duty.\n\n"
        "DISCHARGE INSTRUCTIONS:\nNo lifting > 10 lb for 6 weeks.\n"
    ))
    functional = [(d, s) for c, d, s in got if c == "functional"]
    assert functional == [("2025-04-03", "Work note: off 2 days, then modified duty.")]


def test_a_graded_neurological_examination_is_a_finding_wherever_the_note_writes_it(tmp_path):
    got = facts(tmp_path, (
        "DOCTOR'S FIRST REPORT OF INJURY\nDate of exam: 02/03/2026\n\n"
        "Lifting a crate at work, felt low back pain. Lumbar flexion limited to 40 deg w/ pain. "
        "Motor 5/5 in both legs. DTR 2+ and symmetric. Sensation intact to light touch.\n\n"
        "NERVE STUDY SUMMARY\nTibial motor normal bilat.\n"
    ))
    exams = [s for c, _, s in got if c == "exam"]
    assert any("Motor 5/5" in s and "Sensation intact" in s for s in exams)  # one examination
    assert not any("Tibial motor" in s for s in exams)  # a nerve study's result
