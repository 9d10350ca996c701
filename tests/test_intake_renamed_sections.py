"""Record intake on classes of real-record layout met in held-out set 5, each on new synthetic
text (never a blind set's): a history section under another name ("Background:", "BRIEF
HISTORY:")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="renamed", ocr=False, today=TODAY).drafted.data


def facts_of(data: dict) -> list[tuple[str, str, str]]:
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def test_a_background_section_is_read_as_the_history(tmp_path):
    data = drafted(tmp_path, (
        "NOWHERE SPINE ASSOCIATES\n\nFOLLOW-UP VISIT\n\nDate of visit: 03/04/2025\n\n"
        "Background: She has had neck pain radiating into the left arm for 14 months. "
        "She completed 10 sessions of physical therapy in 2024 with little change. "
        "She denies fever.\n\n"
        "Plan: cervical ESI to be requested.\n"
    ))
    got = facts_of(data)
    assert any(c == "history" and "14 months" in s for c, _, s in got)
    assert any(c == "conservative_care" and d.startswith("2024") for c, d, _ in got)
    assert not any("ESI" in s for _, _, s in got)  # the plan is still no fact


def test_a_background_section_of_a_psychological_evaluation_is_its_history(tmp_path):
    data = drafted(tmp_path, (
        "MADE-UP BEHAVIORAL HEALTH\n\nPSYCHOLOGICAL EVALUATION\n\n"
        "Date of evaluation: 06/10/2025\n\n"
        "Background: He has had low back pain radiating into the right leg for 6 years. "
        "He takes duloxetine 30 mg daily.\n\n"
        "Testing: PHQ-9 = 9 (mild).\n"
    ))
    got = facts_of(data)
    assert any(c == "history" and "6 years" in s for c, _, s in got)
    assert any(c == "medication" and "duloxetine" in s for c, _, s in got)
    assert any(c == "psych" and "PHQ-9" in s for c, _, s in got)


def test_a_brief_history_section_is_read(tmp_path):
    data = drafted(tmp_path, (
        "FICTIVE GENERAL HOSPITAL\n\nDISCHARGE SUMMARY\n\nDischarge date: 02/02/2025\n\n"
        "BRIEF HISTORY: Chronic low back pain radiating into the left leg for 3 years.\n"
    ))
    assert any(c == "history" and "3 years" in s for c, _, s in facts_of(data))


def test_a_symptom_told_in_a_notes_history_is_history_but_not_its_introduction(tmp_path):
    data = drafted(tmp_path, (
        "NOWHERE SPINE ASSOCIATES\n\nOFFICE VISIT\n\nDate of visit: 05/05/2025\n\n"
        "HPI: Mr. Roe is a 61-year-old driver seen again for neck pain. "
        "Numbness/tingling L little finger. "
        "Neck pain is better than at the last visit. The arm pain has returned.\n\n"
        "Assessment: cervical strain.\n"
    ))
    history = [s for c, _, s in facts_of(data) if c == "history"]
    assert any("little finger" in s for s in history)
    assert not any("61-year-old" in s or "better" in s or "returned" in s for s in history)


def test_a_stays_record_is_dated_by_its_discharge(tmp_path):
    data = drafted(tmp_path, (
        "FICTIVE GENERAL HOSPITAL\n\nDISCHARGE SUMMARY\n\n"
        "Admit date: 07/01/2025     Discharge date: 07/03/2025\n\n"
        "DISCHARGE MEDICATIONS: Naproxen 500 mg twice daily.\n"
    ))
    assert str(data["documents"][0]["date"]) == "2025-07-03"
    assert ("medication", "2025-07-03") in {(c, d) for c, d, _ in facts_of(data)}
