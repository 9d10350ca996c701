"""The day of a record whose header names it without a full labelled date (issue #23, round
18). A date of birth is never the record's day, nor any fact's: a note whose only full date is
the patient's birth is not dated to the year the patient was born. A visit field written with a
short weekday ("Date of service: Thu 10/8/26"), a visit line without its colon ("Visit
10/21/2026", "(visit 11/03/2026)") and a visit field without its year ("DOS: 11/O6", read in the
year of the record's other dates) name the record's day; a faxed page's OCR digits
("O8/O4/2026") are dates. New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.classify import document_date
from drafting.intake.record_day import guessed_day
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def facts(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="day", ocr=False, today=TODAY).drafted.data["facts"]


@pytest.mark.parametrize("birth", ["DOB 1961-09-30", "D0B 4/2/61", "Date of birth: 09/30/1961"])
def test_a_date_of_birth_never_dates_a_record_or_its_facts(tmp_path, birth):
    note = (f"SAMPLE ORTHO (fake) - handwritten progress note\nPt: Sample Person   {birth}\n"
            "S: low back pain to the R leg, worse with sitting. Pain 7/10.\n"
            "O: R SLR positive at 45 deg. R EHL 4/5.\n")
    found = facts(tmp_path, note)
    assert found
    assert all(f["date"] is None or f["date"].year > 2000 for f in found)


@pytest.mark.parametrize(("header", "day"), [
    ("Date of service: Thu 10/8/26", dt.date(2026, 10, 8)),
    ("Visit 10/21/2026      Provider: Sample Doctor, MD", dt.date(2026, 10, 21)),
    ("PART II: WORK STATUS INFORMATION (visit 11/03/2026)", dt.date(2026, 11, 3)),
])
def test_a_visit_field_in_a_short_form_names_the_records_day(header, day):
    text = (f"SAMPLE CLINIC (fake)\nPatient: Sample Person   DOB 07/19/1954\n{header}\n"
            "HPI: back pain since 2024. Return to work expected through 12/05/2026.\n")
    assert document_date(text) == day


def test_a_visit_field_without_its_year_is_in_the_year_of_the_records_dates():
    text = ("FROM: 555 0100   SAMPLE PAIN (fake)   PAGE O2/O3   11/1O/2O26 14:22\n"
            "PROGRESS NOTE\nDOB O4/O3/1979\nDOS: 11/O6\nS: mid back pain since 2024.\n")
    assert document_date(text) is None
    assert guessed_day(text, TODAY) == dt.date(2026, 11, 6)


def test_an_ocr_date_is_a_date_and_a_part_without_any_takes_the_part_before():
    assert guessed_day("faxed O8/O4/2026 O9:51\nReferral only.", TODAY) == dt.date(2026, 8, 4)
    assert guessed_day("PACU record. Pain 3/10.", TODAY, before=dt.date(2026, 5, 12)) == \
        dt.date(2026, 5, 12)
