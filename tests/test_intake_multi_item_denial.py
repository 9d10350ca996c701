"""A commercial denial deciding several items in a table (service, codes in their own column,
decision, and what was granted after a dash), with a clinical summary headed by a field whose
parenthesis runs on to the next line; new synthetic sentences, not from any blind set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.sections import label_core
from drafting.intake.run import run_intake

LETTER = (
    "EXAMPLE MEADOW HEALTH PLAN\n\nNOTICE OF ADVERSE BENEFIT DETERMINATION\n\n"
    "Date of notice: 06/03/2025\n\n"
    "SERVICE                                                   CODE(S)          DECISION\n"
    "1. Cervical facet injection, left C4-5 and C5-6            64490, 64491     PARTIALLY "
    "APPROVED - left C5-6 only\n"
    "2. CT cervical spine without contrast                      72125            DENIED\n"
    "3. Cervical traction unit, purchase                        E0855            DENIED\n\n"
    "CLINICAL SUMMARY (from records received: office notes 04/28/2025 and 05/20/2025; CT "
    "report 02/11/2025)\n"
    "You have neck pain on the left side since a fall in 01/2025. You take meloxicam 15 mg "
    "daily.\n")


def test_label_core_drops_a_parenthesis_left_open():
    assert label_core("clinical summary (from records received") == "clinical summary"
    assert label_core("baseline (01/30/2023)") == "baseline"


def test_each_table_row_is_an_item_with_its_codes_and_decision(tmp_path: Path):
    record = tmp_path / "letter.txt"
    record.write_text(LETTER, encoding="utf-8")
    data = run_intake([record], case_id="multi-item", ocr=False,
                      today=dt.date(2026, 1, 1)).drafted.data
    items = {i.get("code"): i["prior_decision"]["decision"] for i in data["disputed_items"]}
    assert items == {"64490": "modified", "72125": "denied", "E0855": "denied"}, items
    assert any(str(f["category"]).endswith("medication") and "meloxicam" in f["statement"]
               for f in data["facts"]), data["facts"]
