"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): an injury told in plain words with its date ("hurt her neck on ...", "strained his back
lifting ... on ...") is the history's onset event, the same words without a date are not; time
off work is function, dated from when it began."""

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


def test_time_off_work_is_function_dated_from_when_it_began(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text(
        "PRETEND OCCUPATIONAL CLINIC\nPROGRESS NOTE\nDate of visit: 09/09/2025\n\n"
        "HPI: She has not worked since 03/2025. She needs help carrying laundry.\n",
        encoding="utf-8")
    facts = run_intake([record], case_id="work", ocr=False, today=TODAY).drafted.data["facts"]
    got = {f["statement"]: (f["category"], str(f["date"])) for f in facts}
    assert got["HPI: She has not worked since 03/2025."] == ("functional", "2025-03-01")
    assert got["She needs help carrying laundry."][0] == "functional"
