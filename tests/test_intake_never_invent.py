"""Record intake never invents a fact: each class of text that states nothing of the patient's,
or nothing that has happened, is left out wherever it sits. New synthetic sentences, never the
blind sets' texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def facts_of(tmp_path: Path, text: str) -> list[tuple[str, str, str]]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="never-invent", ocr=False, today=TODAY).drafted.data
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(s for _, _, s in facts_of(tmp_path, text))


NOTE_HEAD = "CLINIC PROGRESS NOTE\nDate of service: 03/14/2024\n\n"


def test_a_relatives_illness_is_not_the_patients(tmp_path):
    said = statements(tmp_path, NOTE_HEAD + (
        "HISTORY\n"
        "Injured 10/02/2023 lifting a crate; low back pain into the right leg since.\n"
        "Her mother had a lumbar fusion in 2010 and her brother has spinal stenosis.\n\n"
        "FAMILY HISTORY\nDiabetes; rheumatoid arthritis with knee surgery in 2015.\n"))
    assert "crate" in said  # the patient's own history is still read
    assert "mother" not in said and "brother" not in said
    assert "rheumatoid" not in said


def test_contact_fax_header_and_credential_lines_are_not_facts(tmp_path):
    said = statements(tmp_path, (
        "FAX 03/02/2024 09:12 FROM: 555-123-4567 TO: 555-765-4321 PAGE 1/2\n"
        "CHIROPRACTIC PROGRESS NOTE\nDate of service: 03/01/2024\n"
        "Riverbend Spine Therapy, 12 Mock Street, ph 555-111-2222\n\n"
        "Treatment provided: chiropractic manipulation to the cervical spine, 8 visits.\n\n"
        "Alex Sample, DC, chiropractic physician, 15 years in practice, NV Lic. DC4455\n"))
    assert "manipulation" in said
    assert "555" not in said and "Lic." not in said and "years in practice" not in said


def test_the_courtesy_opening_a_letter_is_not_history(tmp_path):
    said = statements(tmp_path, (
        "March 20, 2024\n\nDear Counsel,\n\n"
        "At your request I am providing this report on my patient, whom I first saw five days "
        "after a fall on 02/01/2024.\n"
        "She slipped on a wet floor at work on 02/01/2024 and landed on her back.\n"))
    assert "slipped on a wet floor" in said
    assert "At your request" not in said


def test_what_is_asked_for_planned_or_hoped_for_is_not_care(tmp_path):
    got = facts_of(tmp_path, NOTE_HEAD + (
        "ASSESSMENT\n"
        "Completed 6 physical therapy visits in 01/2024 with partial relief.\n"
        "Status post right L5-S1 TFESI 01/10/2024 (auth # XK-1190), 60% relief for 5 weeks.\n"
        "Requesting 8 additional physical therapy visits (CPT 97110, 97140).\n"
        "Next urine drug test due by 09/2024.\n"
        "Would consider a repeat injection only if leg pain returns above 5/10.\n"
        "Goals (4 wks): 1) ODI under 30%; 2) walk 30 minutes.\n"))
    said = " | ".join(s for _, _, s in got)
    assert ("conservative_care", "2024-01-01") in {(c, d) for c, d, _ in got}
    assert any(c == "procedure" and d == "2024-01-10" for c, d, _ in got)
    for never in ("Requesting", "due by", "Would consider", "ODI under 30", "walk 30"):
        assert never not in said, never


def test_care_declined_after_it_is_named_and_a_plans_continue_are_not_care(tmp_path):
    said = statements(tmp_path, NOTE_HEAD + (
        "Prior tx: acupuncture - declined by pt. Completed 6 physical therapy visits in "
        "01/2024 with partial relief.\n\nA/P\nCont naproxen, HEP.\n"))
    assert "Completed 6 physical therapy visits" in said
    assert "acupuncture" not in said and "Cont naproxen" not in said


def test_no_pain_score_is_read_out_of_a_date_in_any_sentence():
    from drafting.intake.extract.values import measures

    assert measures("Injured 01/10/2023 lifting a pallet.") == []
    assert [m.value for m in measures("Pain 7/10 since 1/10/22, 3/10 at best.")] == [7.0, 3.0]
