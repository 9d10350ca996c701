"""Record intake on relief told without the word "relief": a figure with how long it lasted
("~90% x 6 hrs", "maybe 30% for a wk"), half the pain gone in the patient's words ("about half
better for 3 months", "maybe half as bad", "improved by about half"), an OCR'd zero read as the
letter O ("3O%") and a figure after an arrow ("MBB #2 -> 80% x 5 hrs") are the response to the
care they follow, with the figure and its duration; a percentage a criterion requires ("relief
> 80%") and "half" of anything else ("half a pack", "a block and a half") are none. New synthetic
texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.values import percent_relief, relief_duration
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)

NOTE = """PAIN CLINIC FOLLOW-UP (sample)
Date of service: 11/10/2026
HPI: Right low back pain. Diagnostic right L4-5 medial branch block #1 on 09/08/2026 with lidocaine:
~90% x 6 hrs. Block #2 on 09/29/2026 with bupivacaine -> 80% x 5 hrs.
Right SI joint injection 03/2025, per pt "about half better for 3 months."
Exam: tenderness over the right L4-5 facet.
"""


def responses(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "note.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="relief", ocr=False, today=TODAY).drafted.data
    return [f for f in data["facts"] if f["category"] == "response"]


def test_a_figure_with_its_duration_is_the_response_to_the_care_it_follows(tmp_path):
    found = responses(tmp_path, NOTE)
    reliefs = sorted(f.get("percent_relief") for f in found if f.get("percent_relief"))
    assert 90 in reliefs and 80 in reliefs
    assert 50 in reliefs  # "about half better"


def test_the_figure_and_how_long_it_lasted_are_read_together():
    for text, figure, hours_or_weeks in (("~90% x 6 hrs", 90, 6), ("maybe 3O% for a wk", 30, 1),
                                         ("MBB #2 01/13/2026 -> 80% x 5 hrs.", 80, 5),
                                         ('"about half better for 3 months."', 50, 3)):
        relief, end = percent_relief(text)
        assert relief == figure, text
        duration = relief_duration(text, end)
        assert duration is not None and duration.value == hours_or_weeks, text


def test_a_criterion_or_another_half_is_no_relief():
    for text in ("Plan criteria require relief > 80% from each block.",
                 "He smokes about half a pack a day.",
                 "She walks a block and a half before resting.",
                 "ODI 46% on 09/24/2026."):
        assert percent_relief(text)[0] is None, text
