"""Record intake on classes of error met in the intake round on development set 9, and two
regressions of the round on set 8 found on our own packets, each on new synthetic text (never a
blind set's own sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from drafting.case import Fact
from drafting.intake.extract.anatomy import laterality
from drafting.intake.run import run_intake
from drafting.intake.score import compare

TODAY = dt.date(2028, 1, 1)
NOTE_HEAD = "SPINE CLINIC PROGRESS NOTE\nDate of service: 10/05/2027\n\n"


def facts_of(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="round-9", ocr=False, today=TODAY).drafted.data["facts"]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(f["statement"] for f in facts_of(tmp_path, text))


# -- a finding graded on each side is on the side whose grade is off --------------------------


@pytest.mark.parametrize(("text", "side"), [
    ("Triceps reflex 2+ on the R, 1+ on the L.", "left"),
    ("Right patellar reflex 3+, left 2+.", "right"),
    ("Ankle dorsiflexion 4/5 on the left, 5/5 on the right.", "left"),
])
def test_a_grade_told_for_each_side_is_a_finding_of_the_side_that_is_off(text, side):
    assert (found := laterality(text)) and found.value == side


def test_the_same_grade_on_each_side_stays_bilateral():
    found = laterality("Hip flexion 5/5 on the left and 5/5 on the right.")
    assert found and found.value == "bilateral"


def test_an_asymmetric_reflex_in_a_note_is_drafted_on_its_side(tmp_path):
    text = NOTE_HEAD + ("PHYSICAL EXAM\nBrachioradialis reflex 1+ on the R, 2+ on the L.\n"
                        "Grip 4/5 on the right.\n")
    found = {f["statement"]: f.get("laterality") for f in facts_of(tmp_path, text)}
    assert found["Brachioradialis reflex 1+ on the R, 2+ on the L."] == "right"


# -- the packet score pairs an expected fact with the drafted one quoting its words -------------


def _fact(fid: str, statement: str, tags: list[str]) -> Fact:
    return Fact.model_validate({"id": fid, "category": "history", "date": "2027-10-05",
                                "statement": statement, "tags": tags,
                                "source": {"document": "D1", "page": 1}})


def test_a_missed_expected_fact_does_not_take_the_drafted_fact_of_another():
    expected = SimpleNamespace(documents=[], disputed_items=[], facts=[
        _fact("F1", "Denies fever or chills.", ["red_flag_excluded"]),
        _fact("F2", "Drinks two beers a night.", [])])
    drafted = [_fact("F1", "Drinks two beers a night.", [])]
    result = compare(expected, drafted)  # type: ignore[arg-type]
    assert [f.statement for f in result.missed] == ["Denies fever or chills."]


# -- dates written without a year, or with a short one ----------------------------------------


def test_a_month_and_day_without_a_year_is_a_day_of_the_records_year(tmp_path):
    text = NOTE_HEAD + ("HPI: The lumbar MRI from August 9th showed a right L4-L5 disc "
                        "extrusion compressing the L5 root.\n")
    found = facts_of(tmp_path, text)
    assert any(f["category"] == "imaging" and f["date"] == dt.date(2027, 8, 9) for f in found)


def test_a_month_and_day_after_the_record_is_of_the_year_before(tmp_path):
    text = NOTE_HEAD + "HPI: He slipped on ice on December 28th and has had neck pain since.\n"
    found = facts_of(tmp_path, text)
    assert any(f["date"] == dt.date(2026, 12, 28) for f in found), found


def test_a_month_with_a_short_or_of_year_is_that_month(tmp_path):
    from drafting.intake.extract.relative_dates import month_of_year
    assert month_of_year("an MRI in September of '26", dt.date(2027, 10, 5)) == (
        dt.date(2026, 9, 1), "month")
    assert month_of_year("seen first in May of 2025", dt.date(2027, 10, 5)) == (
        dt.date(2025, 5, 1), "month")


# -- a percentage spelled out, as dictation and testimony write it ------------------------------


def test_a_spelled_out_percent_relief_is_read_as_a_number(tmp_path):
    from drafting.intake.extract.values import percent_relief
    assert percent_relief("He had seventy-five percent relief for two months")[0] == 75
    assert percent_relief("the second block gave him about 80 percent")[0] == 80
    assert percent_relief("thirty percent of patients improve")[0] is None


def test_a_relief_told_after_the_dated_procedure_is_that_procedures(tmp_path):
    text = NOTE_HEAD + ("HPI: She had a right L5-S1 transforaminal epidural steroid injection on "
                        "May 3rd. She reports forty percent relief of the leg pain for about two "
                        "weeks.\n")
    found = facts_of(tmp_path, text)
    relief = [f for f in found if f["category"] == "response"]
    assert relief and relief[0]["date"] == dt.date(2027, 5, 3), relief


def test_a_relief_told_after_one_of_a_series_named_in_order_is_that_ones(tmp_path):
    # "The first was in March of '27." names no procedure word: its ordinal does
    text = NOTE_HEAD + ("HPI: She has had two lumbar epidural steroid injections. The first was in "
                        "March of '27. She reports forty percent relief of the leg pain for about "
                        "two weeks.\n")
    relief = [f for f in facts_of(tmp_path, text) if f["category"] == "response"]
    assert relief and str(relief[0]["date"])[:7] == "2027-03", relief


def test_a_relief_measured_at_the_visit_keeps_the_visits_date(tmp_path):
    text = NOTE_HEAD + ("Interval history: s/p right L4-5 RFA 07/20/2027. Reports 60% relief "
                        "of the back pain today.\n")
    relief = [f for f in facts_of(tmp_path, text) if f["category"] == "response"]
    assert relief and relief[0]["date"] == dt.date(2027, 10, 5), relief


# -- a transcript on numbered lines: the witness's answers -------------------------------------

TRANSCRIPT = "\n".join(f"{n:>2}   {line}" for n, line in enumerate([
    "DEPOSITION OF ROSALIND EXAMPLE, D.O.",
    "Taken June 2, 2027",
    "Q.  When did she come to you?",
    "A.  In January of 2027. Her neck pain went down the left arm",
    "into the thumb. Spurling's test was positive on the left.",
    "Q.  Hypothetically, if a patient had eighty percent relief",
    "for a year, would you repeat the injection?",
    "MR. SAMPLE: Objection, form.",
    "A.  I might.",
    "Q.  What did you prescribe?",
    "A.  Gabapentin 300 mg three times a day, which she still takes.",
    "Q.  Anything else?",
    "A.  No.",
], start=1)) + "\n"


def test_a_transcripts_line_numbers_are_layout_and_its_answers_are_the_record(tmp_path):
    from drafting.intake.extract.transcript import testimony
    answers = testimony(TRANSCRIPT)
    assert "Her neck pain went down the left arm into the thumb" in " ".join(answers.split())
    assert "eighty percent" not in answers and "Objection" not in answers
    said = statements(tmp_path, TRANSCRIPT)
    assert "Spurling's test was positive on the left." in said
    assert "Gabapentin 300 mg" in said
    assert "eighty" not in said


def test_prose_with_numbers_at_line_starts_is_no_transcript():
    from drafting.intake.extract.transcript import is_transcript
    text = "1. Lumbar MRI.\n2. Physical therapy.\nHPI: 54 y/o with back pain.\n"
    assert not is_transcript(text)


# -- a notice of review rights is no step of the review ----------------------------------------


def test_a_notice_of_what_may_be_appealed_is_no_fact(tmp_path):
    text = ("UTILIZATION REVIEW DETERMINATION\nDate: 09/14/2027\n\n"
            "Requested: lumbar medial branch block, bilateral L4-L5.\n"
            "Decision: Denied. Reason: No documented trial of physical therapy.\n\n"
            "D. NOTICE: If the request is denied, the injured worker may ask for an independent "
            "medical review by the state board, within 30 calendar days of receipt.\n")
    said = statements(tmp_path, text)
    assert "independent medical review" not in said and "30 calendar days" not in said


def test_a_part_of_a_year_after_since_dates_the_finding_to_that_year(tmp_path):
    text = NOTE_HEAD + "HPI: He has been off work since early 2026 because of the leg pain.\n"
    found = facts_of(tmp_path, text)
    assert any(f["category"] == "functional" and f["date"] == dt.date(2026, 1, 1)
               for f in found), found


# -- a measure or a continued drug under any field's label -------------------------------------

TEAM_REPORT = ("REHABILITATION TEAM UPDATE\nReport date: 08/20/2027\n\n"
               "NURSING (R. Example, RN): Continues celecoxib 200 mg daily. Goals reviewed.\n\n"
               "Patient-rated pain: 5/10 average (admission 7/10). Neck Disability Index 40% -> "
               "26%.\n\nMEDICAL (J. Roe, MD): Continues baclofen 10 mg three times daily.\n")


def test_a_score_and_its_change_under_any_label_is_read(tmp_path):
    said = statements(tmp_path, TEAM_REPORT)
    assert "Neck Disability Index 40% -> 26%." in said
    assert "5/10 average (admission 7/10)" in said


def test_a_drug_continued_with_its_dose_under_any_label_is_a_medication(tmp_path):
    found = facts_of(tmp_path, TEAM_REPORT)
    meds = " | ".join(f["statement"] for f in found if f["category"] == "medication")
    assert "celecoxib 200 mg" in meds and "baclofen 10 mg" in meds
    assert "Goals reviewed" not in statements(tmp_path, TEAM_REPORT)


# -- going out and chores done on one's own are function -------------------------------------


def test_an_outing_or_a_chore_done_on_ones_own_is_function(tmp_path):
    text = NOTE_HEAD + ("Interval history: Leg pain is easing. He is walking to the corner store "
                        "each morning and does his own laundry again.\n")
    found = facts_of(tmp_path, text)
    assert any(f["category"] == "functional" and "corner store" in f["statement"]
               for f in found), found


def test_pain_brought_on_by_walking_somewhere_is_no_function(tmp_path):
    from drafting.intake.extract.activity import activity_told
    assert not activity_told("Leg pain worse with walking to the car.")


def test_what_a_source_or_the_social_history_tells_is_read(tmp_path):
    text = NOTE_HEAD + ("Per pt pain diary (copy scanned): Back to driving to her sister's "
                        "twice a week.\n\nSocial: Lives alone. Works as a bus mechanic, off work "
                        "since the fall.\n")
    said = statements(tmp_path, text)
    assert "driving to her sister's" in said
    assert "off work since the fall" in said


# -- an abnormal gait, a motion limited or painful in words ------------------------------------


@pytest.mark.parametrize("line", ["Gait slow and shuffling, uses a walker.",
                                  "Antalgic gait favoring the right leg.",
                                  "Cervical extension is painful at end range.",
                                  "Lumbar rotation to the right is limited to about 30 degrees."])
def test_an_abnormal_gait_or_a_painful_motion_is_an_examination_finding(tmp_path, line):
    text = NOTE_HEAD + f"PHYSICAL EXAM\n{line}\n"
    assert any(f["category"] == "exam" and f["statement"] == line
               for f in facts_of(tmp_path, text))


@pytest.mark.parametrize("line", ["Gait non-antalgic, without a cane.",
                                  "Lumbar flexion full and not painful."])
def test_a_normal_gait_or_motion_is_no_finding(tmp_path, line):
    text = NOTE_HEAD + f"PHYSICAL EXAM\n{line}\n"
    assert line not in statements(tmp_path, text)


# -- a drug the patient says they take or were on, without its dose ---------------------------


@pytest.mark.parametrize("line", ["I take cyclobenzaprine at night and it helps a little.",
                                  "She was on tramadol for a year before the surgery.",
                                  "Using diclofenac gel on the knee most days."])
def test_a_drug_taken_or_used_without_a_dose_is_a_medication(tmp_path, line):
    text = NOTE_HEAD + f"HPI: Neck pain for 2 years. {line}\n"
    assert any(f["category"] == "medication" and f["statement"] == line
               for f in facts_of(tmp_path, text))


def test_a_drug_considered_is_no_medication(tmp_path):
    text = NOTE_HEAD + "HPI: Neck pain for 2 years. She would consider using duloxetine.\n"
    assert not any(f["category"] == "medication" for f in facts_of(tmp_path, text))


def test_function_told_beside_a_drug_without_a_dose_is_kept(tmp_path):
    text = NOTE_HEAD + ("HPI: Back at work full time since 08/2027, still takes ibuprofen after "
                        "long shifts.\n")
    found = facts_of(tmp_path, text)
    assert {"functional", "medication"} <= {f["category"] for f in found}, found
