"""Abnormal examination findings in chart shorthand, on new synthetic text: a reflex graded by
its tendon ("R Achilles 1+ (L 2+)", "brachiorad 1+ L"), sensation marked down ("Sens decr R L5",
"Sens ↓ R lat calf"), a straight-leg raise that reproduces the pain, a femoral stretch "+";
never a reflex 1+ on both sides, nor an SLR that does not reproduce the pain."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTE = """NOWHERE SPINE CLINIC

FOLLOW-UP VISIT

Date of visit: 09/09/2024

EXAM:
R Achilles 1+ (L 2+).
Sens decr R L5 dermatome.
Sens ↓ R lat calf.
SLR R 40 deg reproducing buttock and calf pain.
Femoral stretch + L.
Patellar 1+ symm.
L SLR does not reproduce leg pain.
"""


def test_shorthand_exam_findings_are_facts_and_symmetric_or_negative_ones_are_not(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(NOTE, encoding="utf-8")
    facts = run_intake([record], case_id="exam", ocr=False, today=TODAY).drafted.data["facts"]
    exam = [f["statement"] for f in facts if f["category"] == "exam"]
    for finding in ("Achilles 1+", "Sens decr", "Sens ↓", "reproducing buttock", "Femoral"):
        assert any(finding in s for s in exam), finding
    assert not any("Patellar 1+ symm" in s for s in exam)
    assert not any("does not reproduce" in s for s in exam)
