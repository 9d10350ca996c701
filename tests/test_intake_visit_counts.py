"""A therapy record's header states the visits had among other fields ("Start of care: ...
Visits attended: 9 of 12 authorized", "Visit #: 5 of 8"): care received, from the start of
care to the record's date; new synthetic sentences, not from any blind set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake


def care(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    facts = run_intake([record], case_id="visits", ocr=False,
                       today=dt.date(2026, 1, 1)).drafted.data["facts"]
    return [f for f in facts if str(f["category"]).endswith("conservative_care")]


def test_visits_in_a_header_line_are_care_from_the_start_of_care(tmp_path):
    found = care(tmp_path, (
        "ACUPUNCTURE PROGRESS NOTE\n\n"
        "Visit date: 10/14/2025     Date of initial exam: 09/02/2025     Visit #: 5 of 8 "
        "authorized\n\nS: Neck pain 4/10.\n"))
    counted = [f for f in found if "5 of 8" in f["statement"]]
    assert len(counted) == 1, found
    assert counted[0]["date"] == dt.date(2025, 9, 2), counted


def test_a_plan_of_visits_is_no_count(tmp_path):
    found = care(tmp_path, ("PHYSICAL THERAPY NOTE\nDate of service: 10/14/2025\n\n"
                            "PLAN: 6 more visits requested.\n"))
    assert not found, found
