"""Record intake never drafts, on new synthetic sentences (not from any blind set): a spouse's
care, a statute or regulation cited, the plan's coverage (benefit limits, visits remaining),
the uninvolved side examined for comparison, vital signs, a non-organic sign count, a wish;
nor a procedure an assessment tells again after the note gave it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT, NOT_DONE_YET
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def statements(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="never", ocr=False, today=TODAY).drafted.data
    return [(str(f["category"]), str(f["date"]), f["statement"]) for f in data["facts"]]


def test_never_facts_by_their_words():
    for text in ("Her wife gets massage therapy here for plantar fasciitis.",
                 "Denied under Section 1869(b)(2) of the Act.",
                 "Care continues per 8 CCR 9792.20(e).",
                 "Insurer: Sample Mutual HMO, 12 sessions remaining.",
                 "Massage benefit 24 visits/calendar year.",
                 "Left LE reflexes and sensation intact (contralateral comparison).",
                 "Uninvolved side knee flexion full.",
                 "Vitals: T 36.9 HR 88 BP 132/84 RR 16",
                 "Nonorganic signs 2/5."):
        assert NOT_ABOUT_THE_PATIENT.search(text), text
    assert NOT_DONE_YET.search("Hopes to resume gardening by spring.")
    assert NOT_DONE_YET.search("Would like to return to regular duty.")
    for text in ("Right LE reflexes 1+ at the ankle.", "BMI 31.2", "Left L4-5 TFESI 02/02/2024.",
                 "Returned to full duty 03/2024."):
        assert not NOT_ABOUT_THE_PATIENT.search(text), text
        assert not NOT_DONE_YET.search(text), text


def test_a_clinic_note_drafts_the_case_not_vitals_spouse_or_coverage(tmp_path):
    drafted = statements(tmp_path, (
        "SPINE FOLLOW-UP NOTE\nDate of service: 05/06/2025\n\n"
        "Coverage: chiropractic benefit 15 visits/calendar year, 4 remaining.\n"
        "Her spouse receives chiropractic care here for neck pain.\n"
        "EXAM: T 98.1  HR 77  BP 141/90  RR 14  SpO2 98% RA\n"
        "Left UE strength and reflexes normal (contralateral comparison).\n"
        "Right biceps reflex 1+.\n"
        "Wants to get back to swimming.\n"))
    text = " ".join(s for _, _, s in drafted)
    for never in ("remaining", "spouse", "SpO2", "contralateral", "swimming"):
        assert never not in text, drafted
    assert any("Right biceps reflex 1+" in s for _, _, s in drafted), drafted


def test_an_assessment_restating_a_procedure_is_no_second_procedure(tmp_path):
    drafted = statements(tmp_path, (
        "PAIN CLINIC FOLLOW-UP\nDate of service: 10/20/2024\n\n"
        "S: 58M f/u leg pain. s/p L L5-S1 TFESI 7/9/24 - 70% relief x 8 wks.\n\n"
        "A: Lumbar radiculopathy. Relapse after good response to TFESI 7/9/24.\n"))
    procedures = [d for c, d, _ in drafted if c.endswith("procedure")]
    assert procedures == ["2024-07-09"], drafted
