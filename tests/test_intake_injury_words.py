"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): an injury told in plain words with its date ("hurt her neck on ...", "strained his back
lifting ... on ...") is the history's onset event; the same words without a date are not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def test_an_injury_in_plain_words_with_its_date_is_history(tmp_path: Path):
    record = tmp_path / "fce.txt"
    record.write_text(
        "PRETEND WORK REHAB\nWORK CAPACITY SUMMARY\nDate of evaluation: 06/06/2025\n\n"
        "PURPOSE\nShe hurt her neck on 01/12/2025 stacking boxes at the warehouse. "
        "He strained his back once before.\n", encoding="utf-8")
    facts = run_intake([record], case_id="inj", ocr=False, today=TODAY).drafted.data["facts"]
    got = [(f["category"], str(f["date"])) for f in facts if "hurt her neck" in f["statement"]]
    assert got == [("history", "2025-01-12")]
    assert not any("strained" in f["statement"] for f in facts)
