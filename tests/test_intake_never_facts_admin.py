"""Record intake never drafts, on new synthetic sentences (not from any blind set): a claim
form's time of injury, a claim's or an authorisation's number, a question or a form's prompt, a
rule's threshold or a regulatory statement, and a step still to take (a drug to prescribe, a
taper to discuss, a script to be sent, a visit to come, an order given, a pending consult, a
plan's "P:" line, care an author expects to be needed). What the patient had stays a fact."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.not_patient import NOT_ABOUT_THE_PATIENT, NOT_DONE_YET
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 6, 1)


def statements(tmp_path: Path, text: str) -> list[str]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="admin", ocr=False, today=TODAY).drafted.data
    return [f["statement"] for f in data["facts"]]


def test_administration_questions_and_rules_are_about_no_patient():
    for text in ("Injury date 02/14/2026  Time 1745",
                 "Time of injury: approx 9:40 am",
                 "Employer Harbor Freight Lines  Claim # WC-26-771020",
                 "Auth request sent 03/02 (ref AU-90412277).",
                 "Were the symptoms present before the fall?",
                 "Q. Did the shots help your back?",
                 "Describe the work duties at the time of injury.",
                 "A repeat block is covered only after 80% relief from the first.",
                 "The plan's criteria call for three months of physical therapy first.",
                 "Topical baclofen is not approved for use in this country."):
        assert NOT_ABOUT_THE_PATIENT.search(text), text
    # a diary row keeps its scores, a doubted word is no question
    for text in ("Pain 6/10 at 14:30, 3/10 at 15:00 after the block.",
                 "L5?  radiculopathy on exam",
                 "Chiropractic 12 visits? per pt",
                 "Lifting 40 lb boxes when he felt a pull.",
                 "Oxycodone 5 mg q6h prn, last filled 04/02/2026."):
        assert not NOT_ABOUT_THE_PATIENT.search(text), text


def test_steps_still_to_take_are_not_done_yet():
    for text in ("Prescribe naloxone 4 mg nasal spray.",
                 "b. Discuss tapering clonazepam by 0.5 mg monthly.",
                 "Rx for cyclobenzaprine to be sent to the pharmacy.",
                 "Pt to return in 2 weeks for a UDS.",
                 "Aquatic therapy 2x/wk x 4 wks (order placed).",
                 "Pending: spine surgery opinion re: fusion.",
                 "P: OT 2x/wk x 6 wks, splinting.",
                 "She is likely to need a repeat ablation within a year."):
        assert NOT_DONE_YET.search(text), text
    for text in ("Started gabapentin 300 mg TID 01/2026.",
                 "Completed 12 PT visits 01/2026 - 03/2026.",
                 "Pain 4/10 today."):
        assert not NOT_DONE_YET.search(text), text


def test_a_note_drafts_care_given_not_the_plan_the_claim_or_the_rule(tmp_path):
    drafted = statements(tmp_path, (
        "PAIN CLINIC FOLLOW-UP\nDate of service: 05/12/2026\n\n"
        "Employer Northgate Storage  Claim # NS-26-440981\n"
        "Date of injury 01/09/2026  Time 0715\n"
        "HPI: Low back pain since a lifting injury 01/09/2026. Completed 8 PT visits 02/2026 - "
        "03/2026 with 30% improvement.\n"
        "Is the patient able to return to regular work?\n"
        "Plan:\n"
        "a. Prescribe naloxone 4 mg nasal spray.\n"
        "b. Discuss tapering tramadol by 50 mg per week.\n"
        "Pt to return in 4 weeks.\n"))
    text = " | ".join(drafted)
    for never in ("NS-26-440981", "0715", "regular work?", "Prescribe naloxone",
                  "Discuss tapering", "return in 4 weeks"):
        assert never not in text, drafted
    assert any("8 PT visits" in s for s in drafted), drafted


def test_an_organ_the_pain_does_not_concern_is_no_exam_finding(tmp_path):
    drafted = statements(tmp_path, (
        "SPINE CLINIC NOTE\nDate of service: 04/03/2026\n\n"
        "EXAM:\n"
        "Abdomen soft, non-tender, no organomegaly.\n"
        "Lungs clear bilaterally.\n"
        "Tenderness over the right L4-5 facet; extension-rotation reproduces the pain.\n"))
    text = " | ".join(drafted)
    assert "Abdomen" not in text and "Lungs" not in text, drafted
    assert any("L4-5 facet" in s for s in drafted), drafted
