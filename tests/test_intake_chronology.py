"""A chronology's dated entries (an attorney's or a case manager's summary of records), on new
synthetic text: the procedure an entry opens with is a procedure at the entry's date (a day, or
the month of a "03/2023" entry); an entry recommending one is none."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

SUMMARY = """LAW OFFICE OF NOBODY EXAMPLE

MEMORANDUM: SUMMARY OF MEDICAL RECORDS
Date: 09/09/2024

01/15/2023 — Cervical MBB on the left by Dr. Pretend (EX-000040). Client reported relief for a
day.

03/2023 — Cervical RFA, same levels (EX-000052). Records say "good relief."

06/01/2024 — Spine consult (EX-000090). Recommends C5-6 fusion; client undecided.
"""


def test_the_procedure_an_entry_opens_with_is_done_at_the_entrys_date(tmp_path: Path):
    record = tmp_path / "memo.txt"
    record.write_text(SUMMARY, encoding="utf-8")
    facts = run_intake([record], case_id="chron", ocr=False, today=TODAY).drafted.data["facts"]
    done = {(str(f["date"]), f.get("procedure")) for f in facts if f["category"] == "procedure"}
    assert ("2023-01-15", "mbb") in done
    assert ("2023-03-01", "rfa") in done
    assert not any(day.startswith("2024") for day, _ in done)  # the fusion is recommended
