"""Record intake on a class met in development set 6, on new synthetic text (never a blind
set's): a consultation's own read of a study, in a section of its own, gives imaging facts
dated by the study's date the section states; degeneration alone and findings stated as absent
are left out, and nothing is read so from the study's own report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

CONSULT = (
    "MADE-UP SPINE SURGERY\nCONSULTATION\nDate of visit: 06/12/2025\n\n"
    "HISTORY\nLeft leg pain for 5 months.\n\n"
    "IMAGING (my review of the images)\n"
    "CT myelogram from 04/2025 reviewed. Left L5-S1 disc extrusion compressing the left S1 root. "
    "Mild disc degeneration at L3-L4. No stenosis at L2-L3.\n"
)


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "consult.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="read", ocr=False, today=TODAY).drafted.data
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def test_a_notes_own_read_of_a_study_gives_imaging_facts_of_the_studys_date(tmp_path):
    imaging = [(d, s) for c, d, s in facts_of(tmp_path, CONSULT) if c == "imaging"]
    assert ("2025-04-01", "Left L5-S1 disc extrusion compressing the left S1 root.") in imaging
    assert not any("degeneration" in s or "L2-L3" in s for _, s in imaging)
