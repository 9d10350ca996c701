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
    assert "The request is not certified." != said.split(" | ")[0]
    assert not any(s.strip() == "The request is not certified." for s in said.split(" | "))
    assert "guidelines require" not in said
