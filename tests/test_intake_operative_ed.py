"""Operative reports with the procedure as an item under its heading and an INDICATIONS field
telling the earlier blocks, and emergency department notes (arrival date, exam fields named by
body part, ED course and discharge prescriptions); new synthetic sentences, not from any blind
set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def facts(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="oped", ocr=False, today=TODAY).drafted.data
    return [(str(f["category"]).rsplit(".", 1)[-1], str(f["date"]), f["statement"])
            for f in data["facts"]]


OPERATIVE = (
    "OPERATIVE REPORT\n\nDate of procedure: 04/16/2024\n\n"
    "PROCEDURE PERFORMED:\n"
    "1. Radiofrequency ablation, left L4, L5 medial branches (CPT 64635, 64636)\n"
    "2. Fluoroscopic guidance\n\n"
    "INDICATIONS: 55 y/o male with axial left low back pain for 2 years, worse with standing, "
    "non-radiating. "
    "Diagnostic left L4, L5 MBB on 01/09/2024 gave 85% relief for 5 hours.\n\n"
    "COMPLICATIONS: None.\n")


def test_an_operative_report_gives_its_procedure_and_the_blocks_before_it(tmp_path):
    drafted = facts(tmp_path, OPERATIVE)
    assert ("procedure", "2024-04-16") in {(c, d) for c, d, _ in drafted}, drafted
    assert any(c == "response" and d == "2024-01-09" and "85% relief" in s
               for c, d, s in drafted), drafted
    assert any(c == "history" and "axial left low back pain" in s for c, _, s in drafted), drafted


ED = (
    "EMERGENCY DEPARTMENT PROVIDER NOTE\n"
    "Arrival: 02/21/2025 23:40 by ambulance     Departure: 02/22/2025 03:10\n\n"
    "HPI: 44 y.o. female with low back pain after lifting a couch tonight.\n"
    "Back: paraspinal spasm right L3-L5.\n"
    "Neuro: R patellar 1+ (L 2+). Sensation intact bilat.\n"
    "ED COURSE: Given ketorolac 30 mg IM.\n"
    "Discharge Rx: cyclobenzaprine 5 mg PO TID prn x 5 days\n")


def test_an_ed_note_is_dated_by_arrival_and_reads_its_fields(tmp_path):
    drafted = facts(tmp_path, ED)
    assert any(c == "exam" and d == "2025-02-21" and "spasm" in s for c, d, s in drafted), drafted
    assert any(c == "medication" and "ketorolac" in s for c, _, s in drafted), drafted
    assert any(c == "medication" and "cyclobenzaprine" in s for c, _, s in drafted), drafted
    assert not any("Sensation intact" in s and c == "exam" and "patellar" not in s
                   for c, _, s in drafted), drafted
