"""What a record's header says is no fact, and the provocation tests of other regions are
findings (issue #23, round 18). A field naming the person ("1. Injured Employee's Name: ...",
"Patient name:") and a record's title line with its own date field and nothing else ("SPINE
SURGERY CONSULTATION Visit date: 06/03/2026") are never drafted as facts: they say who and
what, not what happened. In an examination, a positive Phalen's, Durkan's or Romberg test and
walking on toes or heels found impossible are findings; the same tests found negative are not.
New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def facts(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="headers", ocr=False, today=TODAY).drafted.data["facts"]


@pytest.mark.parametrize("header", [
    "1. Injured Employee's Name: Sample-Person, Alex   2. Date of Injury: 09/14/2026",
    "Patient name: Sample Person",
    "SPINE SURGERY CONSULTATION Visit date: 06/03/2026",
    "PHYSICAL THERAPY PROGRESS NOTE (Re-assessment) Date of service: 09/29/2025",
])
def test_a_name_field_or_a_dated_title_line_is_never_a_fact(tmp_path, header):
    found = facts(tmp_path, f"{header}\n\nInjured lifting a valve at work; low back pain since.\n"
                            "Exam: SLR positive on the right at 50 deg.\n")
    assert found
    assert not any("Sample" in f["statement"] or "CONSULTATION" in f["statement"]
                   or "PROGRESS NOTE" in f["statement"] for f in found)


NOTE = "SAMPLE HAND CLINIC (fake)\nCONSULTATION\nDate of service: 09/30/2026\n\nHPI: numb hand.\n"


@pytest.mark.parametrize("line", [
    "Exam: Phalen's positive at 25 seconds. Durkan's compression positive.",
    "Exam: Romberg positive; cannot tandem.",
    "Exam: Toe walk unable on L (R ok).",
])
def test_a_positive_provocation_or_balance_test_is_an_exam_finding(tmp_path, line):
    found = facts(tmp_path, NOTE + line + "\n")
    assert [f["category"] for f in found if f["statement"] in line] == ["exam"]


def test_the_same_tests_found_negative_are_no_finding(tmp_path):
    found = facts(tmp_path, NOTE + "Exam: Phalen's negative. Romberg negative.\n")
    assert not [f for f in found if f["category"] == "exam"]
