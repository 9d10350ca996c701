"""Record intake on a class met while developing on set 6 (seen in sets 3 and 5), on new
synthetic text (never a blind set's): a drug a sentence says was given, taken or tried, without
a dose, is a medication fact; one considered, planned or never taken is none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

DAY = dt.date(2026, 2, 10)


def test_a_drug_said_to_be_given_or_tried_without_a_dose_is_a_medication(tmp_path: Path):
    record = tmp_path / "consult.txt"
    record.write_text(
        "PRETEND SPINE CLINIC\nCONSULTATION\nDate of visit: 01/15/2026\n\n"
        "HISTORY\nAt urgent care he was given tizanidine. He tried celecoxib in 2024 but it "
        "upset his stomach. He would consider pregabalin. He has never taken oxycodone.\n",
        encoding="utf-8")
    facts = run_intake([record], case_id="rx", ocr=False, today=DAY).drafted.data["facts"]
    meds = {f["statement"]: str(f["date"]) for f in facts if f["category"] == "medication"}
    assert "At urgent care he was given tizanidine." in meds
    assert meds["He tried celecoxib in 2024 but it upset his stomach."] == "2024-01-01"
    assert not any("pregabalin" in s or "oxycodone" in s for s in meds)
