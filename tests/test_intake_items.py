"""Disputed items as letters list them: services listed under a "SERVICES REQUESTED" heading
and decided by number further on ("Item 2: CERTIFIED IN PART"), lettered service lines closing
with a verdict in capitals, and a call record's OUTCOME told in prose. New synthetic texts,
never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def items_of(tmp_path: Path, text: str) -> list[tuple[str, str | None]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="items", ocr=False, today=TODAY).drafted.data
    return [(i["service"], (i.get("prior_decision") or {}).get("decision"))
            for i in data["disputed_items"]]


def test_listed_services_are_decided_by_their_number(tmp_path):
    got = items_of(tmp_path, (
        "NOTICE OF ADVERSE DETERMINATION\nDate of notice: 05/02/2024\n\n"
        "SERVICES REQUESTED:\n"
        "1. Cervical medial branch block, right C5-6 (CPT 64490) - 1 session\n"
        "2. Massage therapy, twice a week for 6 weeks (CPT 97124) - 12 visits\n\n"
        "DETERMINATION:\nItem 1: NOT CERTIFIED.\nItem 2: CERTIFIED IN PART - 4 visits.\n"))
    assert [d for _, d in got] == ["denied", "modified"]
    assert got[1][0].startswith("Massage therapy")


def test_lettered_service_lines_with_a_closing_verdict_are_items(tmp_path):
    got = items_of(tmp_path, (
        "ADVERSE BENEFIT DETERMINATION\nNotice date: 06/10/2024\n\n"
        "Services requested on 05/28/2024:\n"
        "  A. Lumbar discectomy, left L5-S1 (CPT 63030)          NOT APPROVED\n"
        "  B. Outpatient surgical facility, 1 day                 NOT APPROVED\n\n"
        "Dear Member,\nWe cannot approve the surgery.\n"))
    assert len(got) == 2 and {d for _, d in got} == {"denied"}


def test_a_call_records_outcome_in_prose_decides_its_service(tmp_path):
    got = items_of(tmp_path, (
        "Example Health Plan\nPeer-to-Peer Call Record\n\n"
        "Service: Lumbar radiofrequency ablation, right L4-5 (CPT 64635)\n"
        "Call date/time: 03/03/2024, 09:00\n\nOUTCOME\n"
        "After the call the denial is OVERTURNED and the ablation is approved.\n"))
    assert got == [("Lumbar radiofrequency ablation, right L4-5", "approved")]
