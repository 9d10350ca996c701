"""Record intake on classes of error that recur over the blind sets 1-10 (intake round 10), each
on new synthetic text written for the test (never a blind set's own sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.extract.records_gap import records_missing
from drafting.intake.extract.text import lines
from drafting.intake.run import run_intake

TODAY = dt.date(2028, 1, 1)
NOTE_HEAD = "SPINE CLINIC PROGRESS NOTE\nDate of service: 10/05/2027\n\n"


def facts_of(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="round-10", ocr=False, today=TODAY).drafted.data["facts"]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(f["statement"] for f in facts_of(tmp_path, text))


# -- a problem of the assessment's list names a diagnosis; it is not a finding of the visit ----


@pytest.mark.parametrize(("assessment", "problem"), [
    ("ASSESSMENT\n1. Thoracic myelopathy, mild.\n2. Nicotine dependence, cigarettes.\n",
     "Nicotine"),
    ("ASSESSMENT\n1. Neck pain.\n2. Class II obesity, BMI 37.2.\n", "obesity"),
    ("Impression: chronic low back pain radiating to the left leg after the 2019 fusion; "
     "long-term NSAID use.\n", "2019 fusion"),
    ("O: Gait normal.\n\nA/P:\n1. Cervical spondylosis with right C6 radiculopathy - stable, "
     "walking tolerance unchanged.\n", "spondylosis"),
    ("O: Gait normal.\n\nA&P:\n1. Sacroiliac joint pain, right - improving, functional gains "
     "kept.\n", "Sacroiliac"),
])
def test_an_assessment_lists_problems_not_findings(tmp_path, assessment, problem):
    text = NOTE_HEAD + "HPI: Neck pain 6/10 radiating to the right hand for 5 months.\n\n" + \
        assessment
    drafted = statements(tmp_path, text)
    assert "Neck pain 6/10 radiating to the right hand" in drafted  # the history is still read
    assert problem not in drafted


def test_a_drug_or_a_response_an_assessment_states_is_still_read(tmp_path):
    text = NOTE_HEAD + ("ASSESSMENT\n1. Lumbar radiculopathy, left L5.\n"
                        "2. Reports 70% relief for 10 weeks after the L4-5 TFESI of 06/02/2027.\n"
                        "3. Takes naproxen 500 mg twice daily.\n")
    categories = {f["category"] for f in facts_of(tmp_path, text)}
    assert {"response", "medication"} <= categories


def test_the_letters_of_an_assessment_and_plan_open_its_section():
    read = lines("O: Gait normal.\n\nA/P:\n1. Low back pain - improving.\n", 1)
    assert read[-1].section == "a/p"
    assert lines("A & P:\n1. Neck pain.\n", 1)[-1].section == "a/p"


def test_the_prose_of_an_assessment_paragraph_is_still_read(tmp_path):
    text = ("PHYSICAL THERAPY DISCHARGE SUMMARY\nDate of discharge: 09/14/2027\n\nASSESSMENT\n"
            "Gains have leveled off. She continues to have left leg pain radiating to the ankle "
            "with prolonged standing, and she has not returned to full duty.\n")
    assert "She continues to have left leg pain radiating to the ankle" in statements(
        tmp_path, text)


# -- a procedure that brought no relief, told in other words, is a response (no relief) -------


@pytest.mark.parametrize("told", [
    "She had a left SI joint injection in 2025, which per the patient \"did nothing.\"",
    "A cervical epidural injection on 03/02/2026 gave no lasting benefit.",
    "Right L5 medial branch block 04/2026 did not help.",
])
def test_a_procedure_that_did_not_help_is_a_response_without_relief(tmp_path, told):
    text = NOTE_HEAD + "HPI: Low back pain 7/10 for 3 years. " + told + "\n"
    responses = [f for f in facts_of(tmp_path, text) if f["category"] == "response"]
    assert responses and "no_relief" in responses[0]["tags"]


def test_no_change_in_a_symptom_is_no_response(tmp_path):
    text = NOTE_HEAD + "ROS: No change in bowel or bladder habits. No new weakness.\n"
    assert all(f["category"] != "response" for f in facts_of(tmp_path, text))


# -- a record the writer says they do not hold is a fact of its own --------------------------


@pytest.mark.parametrize("told", [
    "She had an L4-5 epidural at another clinic in 2024; those notes were not available to me.",
    "Operative report not in our chart.",
    "I do not have the discharge summary from the hospital.",
    "Pages 4-5 of the outside records missing.",
])
def test_a_record_said_to_be_missing_is_drafted_as_other(tmp_path, told):
    text = NOTE_HEAD + "HPI: Low back pain 7/10 for 3 years. " + told + "\n"
    assert any(f["category"] == "other" and told[:20] in f["statement"]
               for f in facts_of(tmp_path, text))


@pytest.mark.parametrize("told", [
    "Client reports missing about two weeks of work.",
    "She does not have numbness in the legs.",
    "MRI report reviewed with the patient.",
])
def test_what_is_not_a_missing_record_is_not_one(told):
    assert not records_missing(told)


# -- a year alone in a drug's line dates the drug ----------------------------------------------


@pytest.mark.parametrize(("told", "year"), [
    ("Tried pregabalin 75 mg 2024 -> dizziness, stopped after 3 wks.", "2024"),
    ("Celecoxib 200 mg daily, stopped 2025 for reflux.", "2025"),
])
def test_a_year_alone_in_a_drug_line_dates_the_drug(tmp_path, told, year):
    text = NOTE_HEAD + told + "\n"
    drugs = [f for f in facts_of(tmp_path, text) if f["category"] == "medication"]
    assert drugs and str(drugs[0]["date"]).startswith(year)


def test_a_dose_of_two_thousand_is_no_year(tmp_path):
    text = NOTE_HEAD + "Acetaminophen 2000 mg per day in divided doses.\n"
    drugs = [f for f in facts_of(tmp_path, text) if f["category"] == "medication"]
    assert drugs and str(drugs[0]["date"]).startswith("2027-10-05")


def test_a_year_alone_in_a_course_of_care_dates_the_care(tmp_path):
    text = NOTE_HEAD + "Prior care: chiropractic x 10 (2025), helped a little.\n"
    care = [f for f in facts_of(tmp_path, text) if f["category"] == "conservative_care"]
    assert care and str(care[0]["date"]).startswith("2025")


def test_the_year_a_span_ends_in_is_no_start():
    from drafting.intake.extract.found import bare_year

    assert bare_year("physical therapy twice a week through the end of 2025",
                     dt.date(2027, 1, 1)) is None
