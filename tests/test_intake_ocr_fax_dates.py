"""Faxed, OCR-noisy pages and chiropractic re-examinations: a date or number OCR misread ('O'
for 0, 'l' for 1) is still read as a date, the re-examination's own date dates the report, and
a business's name line (ending in P.A., LLC) is letterhead; new synthetic sentences, not from
any blind set."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.classify import document_date
from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT
from drafting.intake.extract.values import dates_in, ocr_digits
from drafting.intake.run import run_intake


def test_ocr_digits_in_dates_and_numbers_only():
    assert ocr_digits("Visit date: O5/l9/2O25, pain 6/1O, L4-5, C5-6, I/O") == \
        "Visit date: 05/19/2025, pain 6/10, L4-5, C5-6, I/O"
    assert [d.date for d in dates_in("seen on l2/O1/2O24")] == [dt.date(2024, 12, 1)]
    assert document_date("FAX\nPROGRESS REPORT\nExam date: O2/2l/2O25\n") == dt.date(2025, 2, 21)


def test_a_re_examination_is_dated_by_its_own_date():
    text = ("RE-EXAMINATION\nDate of re-exam: 09/12/2024   Date of initial exam: 07/30/2024\n"
            "PLAN: re-exam ~10/10/2024.\n")
    assert document_date(text) == dt.date(2024, 9, 12)


def test_a_business_name_line_is_letterhead(tmp_path: Path):
    assert NOT_ABOUT_THE_PATIENT.search("NORTHWIND SAMPLE CHIROPRACTIC, P.A.")
    assert NOT_ABOUT_THE_PATIENT.search("Bluebird Example Spine LLC")
    assert not NOT_ABOUT_THE_PATIENT.search("Chiropractic manipulation 8 visits.")
    record = tmp_path / "fax.txt"
    record.write_text("NORTHWIND SAMPLE CHIROPRACTIC, P.A.\n\nPROGRESS REPORT\n"
                      "Exam date: O4/O2/2O25\n\nSUBJECTIVE: Current meds: naproxen 500 mg BID. "
                      "Pain worse with sitting.\n", encoding="utf-8")
    facts = run_intake([record], case_id="ocr-fax", ocr=False,
                       today=dt.date(2026, 1, 1)).drafted.data["facts"]
    assert not any("NORTHWIND" in f["statement"] for f in facts), facts
    assert any(f["date"] == dt.date(2025, 4, 2) for f in facts), facts
