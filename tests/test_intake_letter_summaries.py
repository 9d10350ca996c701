"""Record intake on classes of letter layout met in development set 6, each on new synthetic
text (never a blind set's): a review letter's case summary under a "clinical history" heading,
a clause of a summary's sentence dated by its paragraph, a reconsideration as a step of the
request's history, and "does not corroborate" as a reviewer's reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

LETTER = (
    "PRETEND REVIEW PARTNERS\n\n"
    "INDEPENDENT REVIEW DECISION\n\n"
    "Date of decision: 10/02/2025\n\n"
    "SERVICE IN DISPUTE\n"
    "1. Left C6-C7 interlaminar epidural steroid injection (CPT 62321)\n\n"
    "CLINICAL HISTORY OF THE PATIENT\n"
    "The patient is a 51-year-old woman who slipped on a wet floor on 01/09/2025 and landed on "
    "her left shoulder. Cervical MRI on 03/03/2025 showed a 3 mm left foraminal protrusion at "
    "C6-C7 narrowing the left foramen.\n\n"
    "On 08/14/2025 the treating doctor recorded neck pain 6/10 radiating into the left forearm. "
    "Examination: Spurling test negative on the left; cervical paraspinal tenderness.\n\n"
    "The first reviewer denied the injection on 08/28/2025. Reconsideration was denied on "
    "09/12/2025 by a neurologist.\n\n"
    "ANALYSIS OF THE DECISION\n"
    "The MRI shows a left foraminal protrusion, but the examination does not corroborate "
    "radiculopathy at C7. The denial is upheld.\n"
)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "letter.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="letter", ocr=False, today=TODAY).drafted.data


def facts_of(data: dict) -> list[tuple[str, str, str]]:
    return [(f["category"], str(f["date"]), f["statement"]) for f in data["facts"]]


def test_a_clinical_history_section_of_a_letter_is_its_case_summary(tmp_path):
    got = facts_of(drafted(tmp_path, LETTER))
    # (a protrusion named by its position is a disc herniation: findings.yaml)
    assert any(c == "imaging" and d == "2025-03-03" and "foraminal protrusion" in s
               for c, d, s in got)
    assert any(c == "history" and d == "2025-01-09" and "slipped" in s for c, d, s in got)


def test_a_clause_of_a_summary_sentence_takes_its_paragraphs_date(tmp_path):
    got = facts_of(drafted(tmp_path, LETTER))
    tender = [d for c, d, s in got if c == "exam" and "paraspinal tenderness" in s]
    assert tender and all(d == "2025-08-14" for d in tender)


def test_a_reconsideration_is_a_step_of_the_request(tmp_path):
    got = facts_of(drafted(tmp_path, LETTER))
    assert ("utilization_review", "2025-09-12",
            "Reconsideration was denied on 09/12/2025 by a neurologist.") in got


def test_an_examination_that_does_not_corroborate_is_the_reason(tmp_path):
    got = facts_of(drafted(tmp_path, LETTER))
    assert any(c == "utilization_review" and d == "2025-10-02" and "does not corroborate" in s
               and "upheld" in s for c, d, s in got)



DISPUTE = (
    "MADE-UP REVIEW ORGANIZATION\n\n"
    "NOTICE OF INDEPENDENT REVIEW DECISION\n\n"
    "Date of notice: 11/03/2025\n\n"
    "DESCRIPTION OF THE SERVICES IN DISPUTE\n"
    "1. Left L5-S1 transforaminal epidural steroid injection (CPT 64483)\n"
    "2. Chiropractic manipulation, 8 visits (CPT 98940)\n\n"
    "REVIEW OUTCOME\n"
    "Item 1: OVERTURNED\n"
    "Item 2: PARTIALLY OVERTURNED - 4 visits are medically necessary; 4 are not\n"
)


def test_services_in_dispute_are_decided_by_their_numbered_outcome(tmp_path):
    data = drafted(tmp_path, DISPUTE)
    decided = [(i["service"], i["prior_decision"]["decision"]) for i in data["disputed_items"]]
    assert decided == [
        ("Left L5-S1 transforaminal epidural steroid injection", "approved"),
        ("Chiropractic manipulation, 8 visits", "modified")]
    assert not any("PARTIALLY" in f["statement"] for f in data["facts"])  # the item's, no fact


def test_a_number_of_visits_supported_is_the_decisions_terms(tmp_path):
    data = drafted(tmp_path, DISPUTE + (
        "\nANALYSIS OF THE DECISION\n"
        "Item 2. The guideline allows 10 visits for this condition. Four further visits to "
        "finish a home program are supported; eight are not.\n"))
    reasons = [f["statement"] for f in data["facts"] if f["category"] == "utilization_review"]
    assert any("Four further visits" in s and "are supported" in s for s in reasons)
    assert not any(s.startswith("The guideline allows") for s in reasons)
