"""Record intake on classes of multi-document text met in development set 6, on new synthetic
text (never a blind set's): a shared header (letterhead and patient block) above the first
banner heads every document instead of being a document of its own, and a rule line right
after a last page's footer ("Page 1 of 1") opens the next document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def documents(tmp_path: Path, text: str) -> list[tuple[str, str]]:
    record = tmp_path / "packet.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="split", ocr=False, today=TODAY).drafted.data
    return [(d["type"], str(d["date"])) for d in data["documents"]]


def test_a_shared_header_heads_each_document_below_it(tmp_path):
    got = documents(tmp_path, (
        "NOWHERE PHYSICAL THERAPY\n"
        "12 Fake Lane, Nulltown   ph 555-010-2000\n"
        "Patient: Lee Madeup        DOB 02/03/1970\n\n"
        "========================================\n"
        "DAILY NOTE   DOS 03/04/2025   Visit # 3\n"
        "S: Low back pain 5/10, better with walking.\n\n"
        "========================================\n"
        "DAILY NOTE   DOS 03/06/2025   Visit # 4\n"
        "S: Low back pain 4/10.\n"
    ))
    assert got == [("pt_note", "2025-03-04"), ("pt_note", "2025-03-06")]  # no DOB-dated header


def test_a_rule_after_a_last_pages_footer_opens_the_next_document(tmp_path):
    got = documents(tmp_path, (
        "PRETEND IMAGING\nMRI LUMBAR SPINE\nExam date: 05/01/2025\n"
        "IMPRESSION: L4-L5 disc protrusion contacting the left L5 nerve root.\n"
        "Page 1 of 1\n\n"
        "------------------------------------------------------------\n"
        "MADE-UP SPINE CLINIC - FOLLOW-UP NOTE\nDate of visit: 05/20/2025\n"
        "HPI: Left leg pain 6/10 since March.\n"
    ))
    assert got == [("imaging_report", "2025-05-01"), ("office_note", "2025-05-20")]


def test_a_rule_inside_one_document_does_not_split_it(tmp_path):
    got = documents(tmp_path, (
        "MADE-UP SPINE CLINIC - FOLLOW-UP NOTE\nDate of visit: 05/20/2025\n"
        "HPI: Left leg pain 6/10 since March.\n"
        "------------------------------------------------------------\n"
        "Exam: SLR positive on the left at 40 degrees.\n"
    ))
    assert got == [("office_note", "2025-05-20")]
