"""Doses as records write them (#23): an amount with a thousands separator is read whole, and an
amount that comes out as zero is no dose, never a crash of the whole packet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.medications import medications_in
from drafting.intake.run import run_intake


def test_an_amount_with_a_thousands_separator_is_read_whole():
    [med] = medications_in("She takes acetaminophen 1,000 mg twice a day for pain.")
    assert med.amount == 1000.0
    assert med.unit == "mg"
    assert med.dose is not None and med.dose.amount == 1000.0


def test_a_zero_amount_is_no_dose():
    [med] = medications_in("Gabapentin 0 mg at bedtime (held since the fall).")
    assert med.amount == 0.0
    assert med.dose is None


def test_a_packet_with_a_thousands_separator_dose_is_read_not_refused(tmp_path: Path):
    note = tmp_path / "letter.txt"
    note.write_text(
        "NOTICE OF DENIAL\n\nWe reviewed your doctor's notes dated 02/10/2025. You take "
        "acetaminophen 1,000 mg twice a day and meloxicam 7.5 mg daily. Physical therapy, 12 "
        "visits, was completed in fall 2024.\n", encoding="utf-8")
    outcome = run_intake([note], case_id="doses", ocr=False, today=dt.date(2026, 12, 5))
    statements = " ".join(f["statement"] for f in outcome.drafted.data["facts"])
    assert "acetaminophen 1,000 mg" in statements
