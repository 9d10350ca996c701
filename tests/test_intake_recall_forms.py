"""Forms of a record that intake drafted no fact for, on new synthetic text (issue #23).

Short findings of one kind written one after another on one line ("Lumbar flexion 30 deg w/
pain. TTP R paraspinals L4-S1. SLR + R at 45 deg.", "PHQ-9 11. GAD-7 8.") are the writer's one
statement: they are drafted as one fact, as the line has them. Findings on lines of their own
stay separate facts, and so do drugs (each keeps its own dose) and findings of one line that
name opposite sides."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTE = """MADEUP VALLEY SPINE

FOLLOW-UP VISIT

Date of visit: 03/14/2025

SUBJECTIVE: Back pain 6/10, worse with sitting.
Meds: Gabapentin 300 mg TID. Duloxetine 60 mg daily.

EXAM:
Lumbar flexion 30 deg w/ pain. TTP R paraspinals L4-S1. SLR + R at 45 deg.
Strength 5/5 BLE.
Sensation decreased R lateral calf.

Screening: PHQ-9 11. GAD-7 8.
"""

SIDES = """MADEUP VALLEY SPINE

FOLLOW-UP VISIT

Date of visit: 03/14/2025

EXAM:
Sensation decreased R lateral calf. Sensation decreased L medial foot.
"""


def _facts(tmp_path: Path, text: str) -> list[dict[str, Any]]:
    record = tmp_path / "note.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="recall", ocr=False, today=TODAY).drafted.data["facts"]


def test_short_findings_of_one_kind_on_one_line_are_one_fact(tmp_path: Path) -> None:
    facts = _facts(tmp_path, NOTE)
    exam = [f["statement"] for f in facts if f["category"] == "exam"]
    assert any("Lumbar flexion 30" in s and "TTP R paraspinals" in s and "SLR + R" in s
               for s in exam), exam
    psych = [f["statement"] for f in facts if f["category"] == "psych"]
    assert any("PHQ-9 11" in s and "GAD-7 8" in s for s in psych), psych


def test_findings_on_lines_of_their_own_stay_separate_facts(tmp_path: Path) -> None:
    exam = [f["statement"] for f in _facts(tmp_path, NOTE) if f["category"] == "exam"]
    assert not any("Strength 5/5" in s and "Sensation decreased" in s for s in exam), exam
    assert not any("Lumbar flexion" in s and "Strength 5/5" in s for s in exam), exam


def test_drugs_on_one_line_keep_a_fact_each(tmp_path: Path) -> None:
    meds = [f for f in _facts(tmp_path, NOTE) if f["category"] == "medication"]
    assert not any("Gabapentin" in f["statement"] and "Duloxetine" in f["statement"]
                   for f in meds), [f["statement"] for f in meds]


def test_findings_of_opposite_sides_on_one_line_are_not_joined(tmp_path: Path) -> None:
    exam = [f["statement"] for f in _facts(tmp_path, SIDES) if f["category"] == "exam"]
    assert not any("lateral calf" in s and "medial foot" in s for s in exam), exam


MEDS = """FAKETOWN PAIN ASSOCIATES

FOLLOW-UP VISIT

Date of visit: 05/20/2025

Home regimen: meloxicam 7.5 mg daily, duloxetine 30 mg daily.
Tried before: pregabalin 75 mg BID - stopped for swelling.
Overnight: hydromorphone PCA 0.2 mg demand, 10 min lockout.
Ward course: Pain settled with oxycodone 5 mg q4h PRN.
P: naproxen 500 mg bid, recheck in 4 weeks.
"""


def _ruled(facts: list[dict[str, Any]]) -> list[str]:
    """The statements of the rules' facts (not the classifier's pending proposals)."""
    return [f["statement"] for f in facts if not f.get("proposed")]


def test_a_medication_list_under_any_field_label_is_read(tmp_path: Path) -> None:
    read = _ruled([f for f in _facts(tmp_path, MEDS) if f["category"] == "medication"])
    assert any("meloxicam 7.5 mg" in s for s in read), read
    assert any("pregabalin 75 mg" in s for s in read), read


def test_a_plan_a_pump_setting_or_a_drug_inside_prose_is_not_a_list_item(tmp_path: Path) -> None:
    read = _ruled(_facts(tmp_path, MEDS))
    for never in ("naproxen 500", "PCA", "oxycodone 5 mg"):
        assert not any(never in s for s in read), (never, read)


PSYCH = """MOCKRIDGE BEHAVIORAL HEALTH

PRE-SURGICAL PSYCHOLOGICAL EVALUATION

Date of evaluation: 06/02/2025
Referral source: spine clinic

PROGRESS: She now walks 20 minutes four days a week, up from 5 minutes.

TESTING: PHQ-9 8. GAD-7 5.

RECOMMENDATIONS: Walk 30 minutes daily and continue physical therapy 2x/week for 4 weeks.
"""


def test_a_psychological_evaluation_reads_the_progress_it_records(tmp_path: Path) -> None:
    facts = _facts(tmp_path, PSYCH)
    function = _ruled([f for f in facts if f["category"] == "functional"])
    assert any("walks 20 minutes" in s for s in function), function


def test_a_psychological_evaluation_s_recommendations_stay_unread(tmp_path: Path) -> None:
    read = _ruled(_facts(tmp_path, PSYCH))
    assert not any("Walk 30 minutes" in s for s in read), read


PROSE = """MADEUP VALLEY SPINE

FOLLOW-UP VISIT

Date of visit: 03/14/2025

PHYSICAL EXAMINATION:
Gait is antalgic. Lumbar flexion is limited to 35 degrees with pain.
"""


def test_sentences_of_prose_sharing_a_line_stay_separate_facts(tmp_path: Path) -> None:
    exam = [f["statement"] for f in _facts(tmp_path, PROSE) if f["category"] == "exam"]
    assert not any("antalgic" in s and "flexion" in s for s in exam), exam
