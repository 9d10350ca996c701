"""Record intake on a class of form layout met in development set 6, on new synthetic text (never
a blind set's): a field label alone on its line, in mixed case ("Objective findings:"), heads
the lines below it, so an examination written under it is read as one."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.text import lines
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTE = (
    "MADE-UP OCCUPATIONAL CLINIC\n"
    "PROGRESS REPORT\n\n"
    "Date of exam: 04/07/2025\n\n"
    "Subjective complaints:\n"
    "Low back pain 5/10 radiating into the right calf.\n\n"
    "Objective findings:\n"
    "Lumbar ROM: flexion 50, extension 10 degrees. Straight leg raise positive on the right at "
    "45 degrees. Ankle reflex 1+ on the right, 2+ on the left.\n\n"
    "Treatment plan:\n"
    "Lumbar MRI to be requested. Return in 4 weeks.\n"
)


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    record = tmp_path / "note.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="bare", ocr=False, today=TODAY).drafted.data
    return [(f["category"], f["statement"]) for f in data["facts"]]


def test_a_bare_label_line_is_a_heading():
    got = lines("Objective findings:\nSLR positive on the right.\nServices requested on "
                "04/22/2025:\n", 1)
    assert got[0].kind == "heading" and got[0].section == "objective findings"
    assert got[1].section == "objective findings"
    assert got[2].kind != "heading"  # a list's introduction with a date is no heading


def test_an_examination_under_a_bare_heading_is_read(tmp_path):
    got = facts_of(tmp_path, NOTE)
    assert any(c == "exam" and "Straight leg raise positive" in s for c, s in got)
    assert any(c == "exam" and "Ankle reflex 1+" in s for c, s in got)
    assert not any("MRI" in s or "Return in" in s for _, s in got)  # the plan is still no fact


def test_a_short_heading_with_a_caption_is_a_heading_and_a_long_title_is_not():
    got = lines("MENTAL STATUS (at the last session)\nCalm and oriented.\n"
                "NOTICE OF ADVERSE DETERMINATION - PRE-SERVICE (after review)\n", 1)
    assert got[0].kind == "heading" and got[1].section.startswith("mental status")
    assert got[2].kind != "heading"
