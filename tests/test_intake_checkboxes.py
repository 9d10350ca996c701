"""A form's empty check box is an option not chosen: never a fact (issue #23, never invent). Only
the ticked options are read, as the form's answer. New synthetic forms, never a blind set's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.checkboxes import ticked_only
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def statements(tmp_path: Path, text: str) -> str:
    record = tmp_path / "form.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="boxes", ocr=False, today=TODAY).drafted.data
    return " | ".join(f["statement"] for f in data["facts"])


def test_only_ticked_options_are_kept_in_either_layout():
    assert ticked_only("Work status: [X] Modified duty   [ ] Full duty") == \
        "Work status: Modified duty"
    assert ticked_only("[ ] Remain off work until ___") == ""
    assert ticked_only("☐ Acupuncture ☒ Home exercise") == "Home exercise"
    # the box after its option, when the line ends with a box
    assert ticked_only("Prior spine surgery: Yes [ ] No [x]") == "Prior spine surgery: No"
    # an unticked option ends at a column gap: the next field is kept
    assert ticked_only("[x] Initial request   [ ] Renewal   Duration: 3 months") == \
        "Initial request Duration: 3 months"
    # a ticked "Other" is its write-in
    assert ticked_only("[ ] Opioids   [X] Other (specify): duloxetine 30 mg daily") == \
        "duloxetine 30 mg daily"
    assert ticked_only("Gabapentin 300 mg t.i.d. (no boxes)") == \
        "Gabapentin 300 mg t.i.d. (no boxes)"


def test_a_work_status_form_reports_the_ticked_status_only(tmp_path):
    said = statements(tmp_path, (
        "PRIMARY TREATING PHYSICIAN'S PROGRESS REPORT (PR-2)\n"
        "Date of exam: 02/03/2025\n\n"
        "WORK STATUS\n"
        "[ ] Return to full duty on ____\n"
        "[X] Modified duty: no lifting over 10 lb, no repetitive bending\n"
        "[ ] Temporarily totally disabled until ____\n\n"
        "TREATMENT PLAN\n"
        "[ ] Chiropractic   [ ] Acupuncture   [X] Physical therapy 2x/week for 4 weeks\n"))
    assert "full duty" not in said.lower()
    assert "totally disabled" not in said.lower()
    assert "chiropractic" not in said.lower() and "acupuncture" not in said.lower()
