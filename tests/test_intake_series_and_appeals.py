"""Record intake of what one sentence dates several times, and of a provider's appeal letter
(issue #23, round 17). Each drug of a medication list is dated by its own item ("gabapentin
stopped 2025", "(increased 9/9)"), not by the one date the line gives first; a series of
injections told in one sentence ("#1 on 08/19/2026 ...; #2 on 09/23/2026 ...") is one procedure
fact per injection, with the relief its own clause tells; a treating physician's appeal of a
denial is an appeal (not the denial), read past its salutation, each event dated by its own
sentence. The traps: a drug with neither dose nor date of its own, a date range, a date of
another event, a plan's decision on an appeal. New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.case.vocab import RecordType
from drafting.intake.classify import classify
from drafting.intake.extract.procedure_series import series_dates
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)
NOTE = ("SAMPLE SPINE CLINIC (fake)\nOFFICE VISIT NOTE\nDate of service: 11/10/2026\n\n"
        "SUBJECTIVE: Low back pain, unchanged.\n")


def facts(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="series", ocr=False, today=TODAY).drafted.data["facts"]


def dated(found: list[dict], category: str, words: str) -> set[str]:
    return {str(f["date"]) for f in found if f["category"] == category and words in f["statement"]}


# ---------------------------------------------------------------- a medication list's own dates

def test_a_drug_stopped_in_a_year_of_its_own_is_dated_by_it(tmp_path: Path) -> None:
    found = facts(tmp_path, NOTE + "Meds: acetaminophen 1 g TID, duloxetine 30 mg daily started "
                  "by PCP 09/2026, gabapentin stopped 2025 d/t dizziness.\n")
    assert dated(found, "medication", "gabapentin stopped 2025") >= {"2026-11-10", "2026-09-01",
                                                                     "2025-01-01"}


def test_a_dose_changed_on_a_day_is_dated_to_that_day(tmp_path: Path) -> None:
    found = facts(tmp_path, NOTE + "Medications per patient: meloxicam 15 mg, gabapentin 600 mg "
                  "tid (increased 9/9), no opioids since June.\n")
    assert dated(found, "medication", "increased 9/9") == {"2026-11-10", "2026-09-09"}


def test_a_drug_without_a_dose_or_a_date_of_its_own_is_no_fact_of_its_own(
        tmp_path: Path) -> None:
    found = facts(tmp_path, NOTE + "Meds: meloxicam 15 mg daily, gabapentin prn.\n")
    assert dated(found, "medication", "gabapentin prn") == {"2026-11-10"}
    assert len([f for f in found if f["category"] == "medication"]) == 1


# ------------------------------------------------------------------- a series of injections

def test_the_relief_of_each_injection_of_a_series_is_dated_to_its_own_day(tmp_path: Path) -> None:
    found = facts(tmp_path, NOTE + "Right L4-5 and L5-S1 medial branch blocks: #1 on 08/19/2026 "
                  "with 85% relief for 5 hours; #2 on 09/23/2026 with 70% relief for 6 hours.\n")
    assert dated(found, "response", "#2 on 09/23/2026") == {"2026-08-19", "2026-09-23"}
    second = [f for f in found if f["category"] == "response" and str(f["date"]) == "2026-09-23"]
    assert second and second[0]["percent_relief"] == 70


def test_a_list_of_months_dates_each_injection() -> None:
    listed = series_dates("He has had three left L5-S1 transforaminal ESIs: 11/2024, 05/2025 and "
                          "04/2026.", TODAY)
    assert [(str(day), precision) for day, precision, _ in listed] == [
        ("2024-11-01", "month"), ("2025-05-01", "month"), ("2026-04-01", "month")]


def test_a_range_or_another_event_between_dates_is_no_series() -> None:
    assert series_dates("ESI 03/2025 helped; MRI 05/2025 showed a new protrusion.", TODAY) == []
    assert series_dates("Caudal ESI from 03/01/2026 to 03/15/2026 (two visits).", TODAY) == []
    assert series_dates("TFESI 03/02/2026 and meloxicam since 04/01/2026.", TODAY) == []


def test_a_procedure_record_telling_earlier_blocks_dates_each(tmp_path: Path) -> None:
    found = facts(tmp_path, "SAMPLE PAIN CENTER (fake)\nPROCEDURE NOTE\nDate of service: "
                  "11/10/2026\n\nPROCEDURE: Right L4-5 radiofrequency ablation.\nINDICATION: "
                  "Diagnostic medial branch blocks were performed on 06/03/2026 (lidocaine) and "
                  "06/24/2026 (bupivacaine) with 85% and 80% relief.\n")
    assert {"2026-06-03", "2026-06-24"} <= dated(found, "procedure", "06/24/2026 (bupivacaine)") | \
        dated(found, "response", "06/24/2026 (bupivacaine)")


def test_a_later_date_of_another_event_dates_no_injection(tmp_path: Path) -> None:
    found = facts(tmp_path, NOTE + "Right L5-S1 TFESI on 06/02/2026 with 60% relief; MRI on "
                  "08/14/2026 showed no change.\n")
    assert "2026-08-14" not in dated(found, "procedure", "TFESI on 06/02/2026")


# ------------------------------------------------------------------ a provider's appeal letter

APPEAL = """SAMPLE PAIN CARE (fake)

November 3, 2026

RE: Expedited first-level appeal - denial of bilateral L4-5 medial branch blocks
Denial letter dated 10/27/2026.

To the Appeals Reviewer:

I am writing to appeal your denial of diagnostic lumbar medial branch blocks.
The "radicular" wording in your letter appears to come from an urgent care note of 2024.
On my examination of 10/08/2026 she had bilateral lumbar paraspinal tenderness at L4-S1.
Physical therapy, 14 visits, 01/08/2026 to 03/19/2026, with a home program she still does.
Her pain remains 7/10 and her Oswestry score is 42%.
Please overturn the denial.
"""


def test_a_physicians_appeal_of_a_denial_is_an_appeal() -> None:
    assert classify(APPEAL, APPEAL).type is RecordType.appeal


def test_a_plans_decision_on_an_appeal_stays_a_decision() -> None:
    letter = APPEAL.replace("Expedited first-level appeal - denial of", "Appeal denied: denial "
                            "of").replace("Please overturn the denial.", "The denial is upheld.")
    assert classify(letter, letter).type is RecordType.ur_denial


def test_an_appeal_is_read_past_its_salutation_each_event_on_its_own_date(
        tmp_path: Path) -> None:
    found = facts(tmp_path, APPEAL)
    assert dated(found, "exam", "paraspinal tenderness") == {"2026-10-08"}
    assert dated(found, "conservative_care", "Physical therapy, 14 visits") == {"2026-01-08"}
    assert dated(found, "functional", "Oswestry score is 42%") == {"2026-11-03"}
    assert not [f for f in found if "overturn" in f["statement"]]
    assert not [f for f in found if "your letter" in f["statement"]]  # the review's, answered
