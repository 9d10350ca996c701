"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): a plan that tells a request already decided ("was requested ... and denied by UR on
...") records that review step; the rest of the plan is still no fact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def test_a_decided_request_told_in_a_plan_is_a_review_step(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(
        "MADE-UP OCCUPATIONAL CLINIC\nPROGRESS REPORT\nDate of exam: 09/09/2025\n\n"
        "Treatment plan:\n"
        "Lumbar MRI was requested 07/2025 and denied by utilization review on 07/30/2025. "
        "Request a TENS unit trial. Return in 6 weeks.\n", encoding="utf-8")
    facts = run_intake([record], case_id="plan", ocr=False, today=TODAY).drafted.data["facts"]
    got = [(f["category"], str(f["date"]), f["statement"]) for f in facts]
    assert got == [("utilization_review", "2025-07-30", "Lumbar MRI was requested 07/2025 and "
                    "denied by utilization review on 07/30/2025.")]
