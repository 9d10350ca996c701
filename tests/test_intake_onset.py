"""When the complaint began (issue #23, round 18): an onset field or phrase with a date
("Onset: 2023 after lifting ...", "herpes zoster, T6 distribution, onset 02/2026", a form's
"Approximate date condition commenced: 02/2025") is a history fact on the onset's date, at the
precision written; an onset told without a date ("onset of buttock pain at 2:40 min") is none.
New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)
NOTE = "SAMPLE CLINIC (fake)\nOFFICE VISIT NOTE\nDate of service: 11/06/2026\n\n{}\n"


def facts(tmp_path: Path, line: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(NOTE.format(line), encoding="utf-8")
    return run_intake([record], case_id="onset", ocr=False, today=TODAY).drafted.data["facts"]


@pytest.mark.parametrize(("line", "day", "precision"), [
    ("Onset: 2023 after lifting a box overhead (pt reports).", dt.date(2023, 1, 1), "year"),
    ("HPI: 61F here for f/u of L-sided herpes zoster, T6 distribution, onset 02/2026.",
     dt.date(2026, 2, 1), "month"),
    ("1. Approximate date condition commenced: 02/2025     Probable duration: lifetime",
     dt.date(2025, 2, 1), "month"),
])
def test_an_onset_with_its_date_is_history_on_that_date(tmp_path, line, day, precision):
    history = [f for f in facts(tmp_path, line) if f["category"] == "history"]
    assert [(f["date"], f.get("date_precision", "day")) for f in history] == [(day, precision)]


def test_an_onset_without_a_date_is_no_history(tmp_path):
    found = facts(tmp_path, "Special tests: treadmill test positive - onset of buttock pain at "
                            "2:40 min level walking.")
    assert not [f for f in found if f["category"] == "history"]
