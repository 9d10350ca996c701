"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): a date given relative to the record's ("2 mo ago", "about two years ago", "since last
summer") is counted back from the record's date and kept at its precision (a month, a year),
never a day."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.relative_dates import relative_date
from drafting.intake.run import run_intake

DAY = dt.date(2026, 2, 10)


def test_relative_dates_are_counted_back_at_their_precision():
    assert relative_date("stopped 2 mo ago", DAY) == (dt.date(2025, 12, 1), "month")
    assert relative_date("pain began ~14 months ago", DAY) == (dt.date(2024, 12, 1), "month")
    assert relative_date("about two years ago", DAY) == (dt.date(2024, 1, 1), "year")
    assert relative_date("worse since last summer", DAY) == (dt.date(2025, 1, 1), "year")
    assert relative_date("since last spring", dt.date(2025, 11, 3)) == (dt.date(2025, 1, 1),
                                                                       "year")
    assert relative_date("started 3 weeks ago", DAY) is None  # a week back would need a day
    assert relative_date("a few months ago", DAY) is None
    assert relative_date("for 2 months", DAY) is None  # a duration, not a date
    assert relative_date("after a fall in early 2021", DAY) == (dt.date(2021, 1, 1), "year")
    assert relative_date("no opioids since mid-2023", DAY) is None  # (an absence's date)


def test_a_medication_stopped_months_ago_is_dated_by_that_month(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text("PRETEND PAIN CLINIC\nOFFICE VISIT\nDate of visit: 02/10/2026\n\n"
                      "Meds: duloxetine 30 mg daily - stopped 3 mo ago for nausea.\n",
                      encoding="utf-8")
    facts = run_intake([record], case_id="rel", ocr=False, today=DAY).drafted.data["facts"]
    med = next(f for f in facts if f["category"] == "medication")
    assert (str(med["date"]), med["date_precision"]) == ("2025-11-01", "month")


def test_a_recent_month_and_day_is_not_read_as_a_month_decades_back():
    from drafting.intake.extract.found import month_shorthand

    assert month_shorthand("to review the labs from 01/05", DAY) is None  # the 5th of January
    assert month_shorthand("low back pain since 1/25", DAY) == (dt.date(2025, 1, 1), "month")


def test_an_introduction_that_tells_the_onset_is_history(tmp_path: Path):
    record = tmp_path / "eval.txt"
    record.write_text(
        "PRETEND BEHAVIORAL SERVICES\nPSYCHOLOGICAL EVALUATION\nDate of evaluation: "
        "01/20/2026\n\nBACKGROUND\nMr. Nobody is a 58-year-old driver with neck and left "
        "arm pain since a collision in late 2022. He is a 58-year-old father of two.\n",
        encoding="utf-8")
    facts = run_intake([record], case_id="rel", ocr=False, today=DAY).drafted.data["facts"]
    got = [(f["category"], str(f["date"])) for f in facts if "58-year-old" in f["statement"]]
    assert got == [("history", "2022-01-01")]



def test_a_recurrent_symptom_is_the_history(tmp_path: Path):
    record = tmp_path / "letter.txt"
    record.write_text(
        "PRETEND SPINE CLINIC\nCONSULTATION\nDate of visit: 02/10/2026\n\n"
        "HISTORY\nSince last summer he has had recurrent pain in the left buttock and calf, "
        "worse walking.\n", encoding="utf-8")
    facts = run_intake([record], case_id="h", ocr=False, today=DAY).drafted.data["facts"]
    got = [(f["category"], str(f["date"])) for f in facts if "recurrent" in f["statement"]]
    assert got == [("history", "2025-01-01")]
