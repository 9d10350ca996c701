"""Record intake on past procedures told with their year alone: a note's "Had one L4-5 ESI
2023, no help.", "TFESI x2 (2023, 2024; under 2 weeks of relief each)" or "hyaluronic acid
series (2025), no benefit" is a procedure done in that year (the first written after its name),
secondhand; a year beside a procedure only planned dates nothing, and an ablation of the heart
("AFib s/p ablation 2022") is no procedure for pain. New synthetic texts, never the blind
sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)

NOTE = """PAIN CLINIC NEW PATIENT (sample)
Date of service: 11/12/2026
HPI: Low back pain radiating to the left calf.
Prior care: Had one left L4-5 ESI 2023, "no help." PT 8 visits, home program.
Exam: SLR positive on the left at 40 degrees.
"""


def procedures(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    record = tmp_path / "note.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="years", ocr=False, today=TODAY).drafted.data
    return [(f["statement"], str(f["date"])) for f in data["facts"]
            if f["category"] == "procedure"]


def test_a_past_procedure_told_with_its_year_alone_is_dated_to_that_year(tmp_path):
    found = procedures(tmp_path, NOTE)
    assert any("ESI 2023" in s and d.startswith("2023") for s, d in found), found


def test_a_planned_procedure_beside_a_year_is_no_procedure_done(tmp_path):
    planned = NOTE.replace('Had one left L4-5 ESI 2023, "no help."',
                           "Plan: will request a left L4-5 ESI; guideline of 2023 reviewed.")
    assert not any(d.startswith("2023") for _, d in procedures(tmp_path, planned))


def test_an_ablation_of_the_heart_with_its_year_is_no_procedure_for_pain(tmp_path):
    cardiac = NOTE.replace('Had one left L4-5 ESI 2023, "no help."',
                           "Hx: HTN, AFib s/p ablation 2022, diabetes.")
    assert not any(d.startswith("2022") for _, d in procedures(tmp_path, cardiac))
