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


def test_a_surgery_told_as_history_is_also_a_procedure_with_its_told_response(tmp_path: Path):
    """(development set 6) A history sentence telling a dated surgery is the procedure too, and
    the improvement it attributes to it is the surgery's response, at the surgery's date."""
    record = tmp_path / "note.txt"
    record.write_text(
        "PRETEND PAIN CLINIC\nOFFICE VISIT\nDate of visit: 05/05/2025\n\n"
        "HPI: She had a right L5-S1 decompression in 2017, which helped her leg for about two "
        "years. Leg pain is back since winter.\n", encoding="utf-8")
    facts = run_intake([record], case_id="surgery", ocr=False, today=TODAY).drafted.data["facts"]
    by_category = {f["category"]: f for f in facts if str(f["date"]).startswith("2017")}
    assert "procedure" in by_category and "response" in by_category
    assert by_category["response"]["duration"]["value"] == 2


def test_pain_told_after_a_surgery_is_history_not_a_second_procedure(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(
        "PRETEND PAIN CLINIC\nOFFICE VISIT\nDate of visit: 05/05/2025\n\n"
        "HPI: Persistent right leg pain after an L4-L5 laminectomy on 03/03/2020.\n",
        encoding="utf-8")
    facts = run_intake([record], case_id="surgery", ocr=False, today=TODAY).drafted.data["facts"]
    assert [f["category"] for f in facts if "laminectomy" in f["statement"]] == ["history"]
