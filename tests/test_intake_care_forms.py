"""Conservative care and relief written in chart forms, on new synthetic text: physical therapy
named by its abbreviation ("PT 03/2021 - 05/2021, 14 visits", "9 PT visits", "Failed 8 weeks
of PT"), never the patient ("Pt reports 3 visits to the ED")."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "note.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="forms", ocr=False, today=TODAY).drafted.data
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def test_physical_therapy_named_by_its_abbreviation_is_conservative_care(tmp_path):
    got = facts_of(tmp_path, (
        "NOWHERE ORTHOPEDICS\n\nOFFICE VISIT\n\nDate of visit: 06/01/2022\n\n"
        "Prior treatment: PT 03/2021 - 05/2021, 14 visits, helped a little.\n"
        "HPI: He finished 9 PT visits in 2020 for the same pain. "
        "Failed 8 weeks of PT and naproxen 500 mg twice daily. "
        "Pt reports 3 visits to the ED this year.\n"
    ))
    care = [(d, s) for c, d, s in got if c == "conservative_care"]
    assert any(d.startswith("2021-03") and "14 visits" in s for d, s in care)
    assert any(d.startswith("2020") and "9 PT visits" in s for d, s in care)
    assert any("8 weeks of PT" in s for _, s in care)
    assert not any("to the ED" in s for _, s in care)  # "Pt" is the patient


RELIEF_NOTE = (
    "NOWHERE PAIN CLINIC\n\nOFFICE VISIT\n\nDate of visit: 06/01/2022\n\n"
    "HPI: Left L4-5 TFESI on 02/03/2021 gave about 3 weeks of partial relief (~50%) then the "
    "pain returned. Pregabalin 75 mg twice daily, 01/2021 - 03/2021; partial relief only "
    "(~30%).\n"
)


def test_relief_written_in_parentheses_is_the_procedures_and_a_drugs_stays_a_drug(tmp_path):
    record = tmp_path / "note.txt"
    record.write_text(RELIEF_NOTE, encoding="utf-8")
    facts = run_intake([record], case_id="forms", ocr=False, today=TODAY).drafted.data["facts"]
    responses = [f for f in facts if f["category"] == "response"]
    assert [f.get("percent_relief") for f in responses] == [50.0]  # not the drug's 30%
    assert any(f["category"] == "medication" and "Pregabalin" in f["statement"] for f in facts)


def test_a_dose_written_without_its_unit_is_a_medication_with_no_unit_supplied(tmp_path):
    record = tmp_path / "note.txt"
    record.write_text(
        "NOWHERE PAIN CLINIC\n\nOFFICE VISIT\n\nDate of visit: 03/03/2025\n\n"
        "HPI: Takes Meloxicam 15 qd. Pregabalin now 75 bid.\n", encoding="utf-8")
    facts = run_intake([record], case_id="forms", ocr=False, today=TODAY).drafted.data["facts"]
    meds = {f["statement"]: f for f in facts if f["category"] == "medication"}
    assert any("Meloxicam 15 qd" in s for s in meds)
    assert any("Pregabalin now 75 bid" in s for s in meds)
    assert all(f.get("dose") is None for f in meds.values())  # no "mg" invented


def test_psychological_screens_are_scored_under_their_own_names(tmp_path):
    record = tmp_path / "psych.txt"
    record.write_text(
        "MADE-UP BEHAVIORAL HEALTH\n\nPSYCHOLOGICAL EVALUATION\n\n"
        "Date of evaluation: 04/04/2025\n\n"
        "Testing: Pain Catastrophizing Scale total 31. PHQ-2 1. AUDIT-C: 2. "
        "Pain Self-Efficacy Questionnaire: 40.\n", encoding="utf-8")
    facts = run_intake([record], case_id="forms", ocr=False, today=TODAY).drafted.data["facts"]
    scored = {m["name"]: m["value"] for f in facts if f["category"] == "psych"
              for m in f.get("measures", [])}
    assert scored == {"PCS": 31.0, "PHQ-2": 1.0, "AUDIT-C": 2.0, "PSEQ": 40.0}
