"""Spine surgeries a note tells with their own dates, on new synthetic text: each is a
procedure at its date as written (a year, a month), two in one sentence each at its own; a
surgery recommended or undated is none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTE = """NOWHERE SPINE ASSOCIATES

OFFICE VISIT

Date of visit: 02/02/2025

HPI: Low back pain persists after a left L4-5 microdiscectomy in 2016 and an L4-5 fusion in
March 2019. He now asks about surgery again; a revision fusion was recommended by Dr. Madeup.
He also had a laminectomy long ago.
"""


def test_each_dated_surgery_is_a_procedure_at_its_own_date(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(NOTE, encoding="utf-8")
    facts = run_intake([record], case_id="surgery", ocr=False, today=TODAY).drafted.data["facts"]
    done = {(str(f["date"]), f.get("date_precision", "day")) for f in facts
            if f["category"] == "procedure"}
    assert ("2016-01-01", "year") in done
    assert ("2019-03-01", "month") in done
    assert len(done) == 2  # not the recommended revision, nor the undated laminectomy
