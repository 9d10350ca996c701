"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): a chiropractic or therapy daily note's "P:" line naming the treatment given that day
(a manipulation, a modality with its minutes, a home programme) is care received; a line that
continues, schedules or re-examines is still the plan."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTE = (
    "NOWHERE CHIROPRACTIC\nDAILY NOTE   DOS 04/14/2025   Visit # 5\n"
    "S: Neck pain 4/10.\n"
    "O: Tenderness over the right upper trapezius.\n"
    "P: Diversified CMT C4, C5, T2 (3 regions). Interferential 15 min cervical, hot pack "
    "10 min. HEP: scapular squeezes. Continue 2x/wk x 3 wks, re-exam at visit 8.\n"
)


def test_a_daily_notes_treatment_given_is_care_and_its_schedule_is_not(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(NOTE, encoding="utf-8")
    facts = run_intake([record], case_id="chiro", ocr=False, today=TODAY).drafted.data["facts"]
    care = [f["statement"] for f in facts if f["category"] == "conservative_care"]
    assert any("Diversified CMT" in s for s in care)
    assert any("hot pack" in s for s in care)
    assert any(s.startswith("HEP") for s in care)
    assert not any("re-exam" in f["statement"] for f in facts)
