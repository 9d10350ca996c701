"""Record intake on a class met while developing on set 6 (seen in set 3's peer-to-peer
summary), on new synthetic text (never a blind set's): a procedure and its response told in
one sentence after another course of care take the date written after the procedure's name,
not the care's."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def test_a_procedure_told_after_other_care_takes_its_own_date(tmp_path: Path):
    record = tmp_path / "p2p.txt"
    record.write_text(
        "PEER-TO-PEER CONVERSATION RECORD\nCall date: 06/02/2025\n\n"
        "Dr. Madeup summarized: the member attended 12 visits of physical therapy between "
        "02/2024 and 05/2024, and a right L4 transforaminal ESI in 11/2024 gave 60% relief for "
        "4 weeks.\n", encoding="utf-8")
    facts = run_intake([record], case_id="p2p", ocr=False, today=TODAY).drafted.data["facts"]
    dated = {f["category"]: str(f["date"]) for f in facts
             if f["category"] in ("procedure", "response")}
    assert dated == {"procedure": "2024-11-01", "response": "2024-11-01"}
