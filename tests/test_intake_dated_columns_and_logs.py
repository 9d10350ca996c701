"""Discharge summaries with measures in dated columns, and case managers' telephone logs whose
entries tell a review decision; new synthetic sentences, not from any blind set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake


def facts(tmp_path: Path, text: str) -> list[tuple[str, dt.date, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="columns", ocr=False,
                      today=dt.date(2026, 1, 1)).drafted.data
    return [(str(f["category"]).rsplit(".", 1)[-1], f["date"], f["statement"])
            for f in data["facts"]]


TABLE = (
    "PHYSICAL THERAPY DISCHARGE SUMMARY\nDischarge date: 09/30/2025\n\n"
    "OUTCOMES                         Initial 07/01/25     Mid 08/15/25     Final 09/30/25\n"
    "Oswestry (%)                     44                   30               16\n"
    "Lumbar flexion (deg)             35                   50               70\n"
    "Hip abduction R (lb)             30                   31               30\n\n"
    "Pt independent with HEP.\n")


def test_a_row_of_dated_columns_is_a_fact_at_its_first_and_last_date(tmp_path):
    drafted = facts(tmp_path, TABLE)
    oswestry = sorted(d for c, d, s in drafted if c == "functional" and "Oswestry" in s)
    assert oswestry == [dt.date(2025, 7, 1), dt.date(2025, 9, 30)], drafted
    assert any(c == "exam" and "flexion" in s for c, _, s in drafted), drafted
    assert not any("abduction" in s for _, _, s in drafted), drafted  # held: no outcome


LOG = (
    "TELEPHONIC CASE MANAGEMENT NOTES\n\n"
    "04/02/2025 09:10 - Call to adjuster. Claim open.\n\n"
    "04/09/2025 13:30 - URA non-certified the cervical ESI: \"no radicular findings.\" "
    "Notified worker.\n")


def test_a_log_entry_telling_a_review_decision_is_dated_by_the_entry(tmp_path):
    drafted = facts(tmp_path, LOG)
    assert any(c == "utilization_review" and d == dt.date(2025, 4, 9) and "non-certified" in s
               for c, d, s in drafted), drafted


def test_a_sentence_telling_two_dates_heads_no_table(tmp_path):
    drafted = facts(tmp_path, (
        "QUALIFIED MEDICAL EVALUATION\nDate of exam: 10/01/2025\n\n"
        "- Right L5-S1 TFESI 03/04/2025 per 04/01/2025 note, 40% relief for two weeks.\n"
        "- Medications per 08/2025 note: naproxen 500 mg bid, gabapentin 300 mg tid.\n"))
    assert any(c == "medication" and "naproxen" in s for c, _, s in drafted), drafted
