"""A procedure log's table (one dated row per procedure, with the relief it gave) on new
synthetic text: each row done is a procedure and a response at its own date, a month-only row
keeps its month, and a cancelled or planned row is no fact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

LOG = """FICTIONAL SPINE & PAIN - INJECTION HISTORY
Patient: Pat Madeup   MRN FSP-000111   Printed 05/01/2025

DOS         Procedure                   Side/Level     Relief %  Duration  Comments
----------  --------------------------  -------------  --------  --------  --------------
02/14/2023  Cervical ILESI (62321)      C7-T1 midline  65%       ~10 wk    arm pain 7->3
09/2023     Cervical MBB (64490)        C5-6 left      40%       3 hr      outside clinic
11/20/2023  Cervical RFA (64633)        C5-6 left      --        --        cancelled - insurance
04/02/2024  Selective nerve root block  C6 left        0%        -         no change
TBD         Cervical RFA (64633)        C5-6 left      -         -         auth sent 04/20/2025

Next visit in 6 weeks.
"""


def facts_of(tmp_path: Path) -> list[dict]:
    record = tmp_path / "log.txt"
    record.write_text(LOG, encoding="utf-8")
    return run_intake([record], case_id="log", ocr=False, today=TODAY).drafted.data["facts"]


def test_each_row_done_is_a_procedure_and_its_relief_at_the_rows_date(tmp_path):
    facts = facts_of(tmp_path)
    done = {(str(f["date"]), f.get("procedure")) for f in facts if f["category"] == "procedure"}
    assert ("2023-02-14", "esi") in done  # "ILESI" is an epidural steroid injection
    assert ("2023-09-01", "mbb") in done
    assert any(d == "2024-04-02" for d, _ in done)  # a block with no family of its own
    relief = {str(f["date"]): f.get("percent_relief") for f in facts if f["category"] == "response"}
    assert relief["2023-02-14"] == 65.0
    assert relief["2023-09-01"] == 40.0
    assert relief["2024-04-02"] == 0.0
    esi = next(f for f in facts if f["category"] == "response" and str(f["date"]) == "2023-02-14")
    assert esi["duration"]["value"] == 10.0
    month_row = next(f for f in facts if f["category"] == "procedure"
                     and str(f["date"]) == "2023-09-01")
    assert month_row.get("date_precision") == "month"  # "09/2023" gives no day


def test_a_cancelled_or_planned_row_is_no_fact(tmp_path):
    facts = facts_of(tmp_path)
    statements = " ".join(f["statement"] for f in facts)
    assert "cancelled" not in statements
    assert "TBD" not in statements
    assert not any(str(f["date"]).startswith("2023-11") for f in facts)
