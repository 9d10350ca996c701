"""Doses as records write them (#23): an amount with a thousands separator is read whole, and an
amount that comes out as zero is no dose, never a crash of the whole packet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.medications import medications_in
from drafting.intake.run import run_intake


def test_an_amount_with_a_thousands_separator_is_read_whole():
    [med] = medications_in("She takes acetaminophen 1,000 mg twice a day for pain.")
    assert med.amount == 1000.0
    assert med.unit == "mg"
    assert med.dose is not None and med.dose.amount == 1000.0


def test_a_zero_amount_is_no_dose():
    [med] = medications_in("Gabapentin 0 mg at bedtime (held since the fall).")
    assert med.amount == 0.0
    assert med.dose is None


def test_a_packet_with_a_thousands_separator_dose_is_read_not_refused(tmp_path: Path):
    note = tmp_path / "letter.txt"
    note.write_text(
        "NOTICE OF DENIAL\n\nWe reviewed your doctor's notes dated 02/10/2025. You take "
        "acetaminophen 1,000 mg twice a day and meloxicam 7.5 mg daily. Physical therapy, 12 "
        "visits, was completed in fall 2024.\n", encoding="utf-8")
    outcome = run_intake([note], case_id="doses", ocr=False, today=dt.date(2026, 12, 5))
    statements = " ".join(f["statement"] for f in outcome.drafted.data["facts"])
    assert "acetaminophen 1,000 mg" in statements


def test_a_record_the_extractors_fail_on_is_named_and_the_rest_is_read(tmp_path: Path,
                                                                      monkeypatch):
    # Fault injection: the extractors raise on one record (as the 1,000 mg dose once did); the
    # packet's other record is still read and the failing one is named in the header.
    import drafting.intake.assemble as assemble

    real = assemble.document_facts

    def failing_on_the_fax(doc):  # type: ignore[no-untyped-def]
        if any("FAX" in text for _, text in doc.pages):
            raise ValueError("injected extractor fault")
        return real(doc)

    monkeypatch.setattr(assemble, "document_facts", failing_on_the_fax)
    good = tmp_path / "note.txt"
    good.write_text("OFFICE NOTE 03/06/2023\n\nHe rates the leg pain at 7/10. Naproxen 500 mg "
                    "twice daily.\n", encoding="utf-8")
    bad = tmp_path / "fax.txt"
    bad.write_text("FAX COVER 03/07/2023\n\nPages: 3. Please see the attached records.\n",
                   encoding="utf-8")
    outcome = run_intake([good, bad], case_id="fault", ocr=False, today=dt.date(2026, 12, 5))
    statements = " ".join(f["statement"] for f in outcome.drafted.data["facts"])
    assert "7/10" in statements
    header = "\n".join(outcome.header)
    assert "fax.txt: the extractors failed on this record (ValueError: injected extractor fault)" \
        in header
