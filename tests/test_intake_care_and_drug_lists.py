"""Lists of care and of drugs told in one sentence (issue #23, round 18). Courses of
conservative care listed with their own years ("PT 2024 (18 visits), aquatic therapy 2025 (8
visits)") are a fact each, on each course's own date; a date's comma ("May 9, 2025") or a
number's ("1,000 mg") never splits an item. A drug of a labelled list of current medications
("meds: ...") that states no date of its own is taken on the record's day, though a later item
of the list gives a year (a drug tried before, an absence's "no opioids since 2025"). New
synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)
NOTE = ("SAMPLE PAIN CLINIC (fake)\nPROGRESS NOTE\nDate of service: 11/06/2026\n\n"
        "S: mid back pain, burning.\n")


def facts(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="lists", ocr=False, today=TODAY).drafted.data["facts"]


def care_years(found: list[dict]) -> set[int]:
    return {f["date"].year for f in found if f["category"] == "conservative_care"}


def test_each_course_of_care_in_a_list_is_a_fact_on_its_own_year(tmp_path):
    found = facts(tmp_path, NOTE + "Prior care: PT 2024 (18 visits), aquatic therapy 2025 "
                  "(8 visits), both without lasting change.\n")
    assert care_years(found) >= {2024, 2025}
    aquatic = [f for f in found if f["category"] == "conservative_care"
               and f["date"].year == 2025]
    assert aquatic and all("aquatic" in f["statement"] for f in aquatic)


def test_a_dates_comma_does_not_split_a_course(tmp_path):
    found = facts(tmp_path, NOTE + "From January 21 to May 9, 2025 he treated with a "
                  "chiropractor, 24 visits.\n")
    assert not any(f["statement"].startswith("2025") for f in found)


def test_a_current_drug_list_is_of_the_records_day_whatever_year_a_later_item_gives(tmp_path):
    found = facts(tmp_path, NOTE + "meds: gabapentin 400 mg tid (PCP), lidocaine 5% patch, "
                  "APAP prn. tried meloxicam - GI upset. no opioids since 2025 (pt declines)\n")
    gabapentin = [f for f in found if f["category"] == "medication"
                  and (f.get("dose") or {}).get("drug") == "gabapentin"]
    assert gabapentin
    assert all(f["date"] == dt.date(2026, 11, 6) for f in gabapentin)
