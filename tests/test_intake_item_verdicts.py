"""Record intake on determination letters that decide their items one by one: an item's verdict
alone ("1. Certified.", "Item 1: OVERTURNED.") is the review's record of that decision, dated
by the letter, with the item's number as written; a line naming the service with its verdict,
and a one-item letter's "Decision: DENIED.", stay the disputed item only; a verdict the
letter's reasoning already states in a sentence of its own is not recorded twice. A title in
capitals set beside a header field on one line names the record. New synthetic texts, never
the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="verdicts", ocr=False, today=TODAY).drafted.data


def reviews(data: dict) -> list[tuple[str, str]]:
    return [(f["statement"], str(f["date"])) for f in data["facts"]
            if f["category"] == "utilization_review"]


NUMBERED = """SAMPLE REVIEW SERVICES (fake)
UTILIZATION REVIEW DETERMINATION
Date of determination: 10/22/2026

REQUESTED TREATMENT AND DETERMINATION
1. Right L5-S1 transforaminal epidural steroid injection (64483): CERTIFIED
2. Physical therapy 2x/week x 6 weeks (12 visits) (97110): MODIFIED to 6 visits
3. Cyclobenzaprine 10 mg #90, 2 refills, started 02/2026: NON-CERTIFIED

RATIONALE:
1. Certified. The guideline supports one injection when radicular signs match the imaging.
2. Modified. After 12 prior visits a short course with a home program is supported.
3. Non-certified with weaning. Nightly use since 02/2026 without benefit is not supported.
"""


def test_a_numbered_verdict_alone_is_the_review_record_of_its_item(tmp_path):
    found = reviews(drafted(tmp_path, NUMBERED))
    statements = [s for s, _ in found]
    assert "1. Certified." in statements
    assert "2. Modified." in statements
    assert "3. Non-certified with weaning." in statements
    # each on the letter's date, whatever date the item's line quotes
    assert {d for s, d in found if s[:2] in ("1.", "2.", "3.")} == {"2026-10-22"}


def test_a_line_naming_the_service_with_its_verdict_is_the_item_not_a_fact(tmp_path):
    data = drafted(tmp_path, NUMBERED)
    statements = [s for s, _ in reviews(data)]
    assert not any("Cyclobenzaprine 10 mg #90" in s for s in statements)
    assert not any("(64483): CERTIFIED" in s for s in statements)
    assert len(data["disputed_items"]) == 3


ITEMS = """NOTICE OF FINAL EXTERNAL REVIEW DECISION
Date: 10/30/2026

The plan denied both services on 08/19/2026 as not medically necessary.

DECISION
Item 1: OVERTURNED. The repeat radiofrequency ablation is medically necessary.
Item 2: UPHELD. The spinal cord stimulator trial is not medically necessary.
"""


def test_an_item_field_with_its_verdict_alone_is_recorded(tmp_path):
    found = reviews(drafted(tmp_path, ITEMS))
    assert ("Item 1: OVERTURNED.", "2026-10-30") in found
    assert ("Item 2: UPHELD.", "2026-10-30") in found


def test_a_verdict_the_reasoning_states_in_its_own_sentence_is_not_recorded_twice(tmp_path):
    # the reasoning closes with "The denial is upheld.": the "Item 1: UPHELD" field restates it
    text = ITEMS.replace("DECISION\n", "ANALYSIS\nNo diary of the second block was provided. "
                         "The denial is upheld.\n\nDECISION\n")
    statements = [s for s, _ in reviews(drafted(tmp_path, text))]
    assert not any(s.startswith("Item 1: OVERTURNED") for s in statements)
    assert not any(s.startswith("Item 2: UPHELD") for s in statements)


def test_a_one_item_letters_determination_field_is_the_items_decision_not_a_fact(tmp_path):
    text = ("SAMPLE HEALTH PLAN (fake)\nPRIOR AUTHORIZATION DECISION\nDate: 08/29/2026\n\n"
            "Drug requested: compounded ketoprofen cream\nDecision: DENIED.\n")
    assert not any(s.startswith("Decision:") for s, _ in reviews(drafted(tmp_path, text)))


def test_a_title_beside_a_header_field_names_the_record(tmp_path):
    head = ("SAMPLE REVIEW SERVICES (fake)\n"
            "UTILIZATION REVIEW DETERMINATION                    Date of Notice: 09/29/2026\n\n"
            "Employee: Jane Doe          Claim No.: X-1\n\n"
            "CLINICAL SUMMARY (from records submitted: notes 09/15/2026, MRI report 01/2026):\n"
            "Right leg pain. Exam 09/15/2026: positive straight leg raise on the right.\n")
    assert drafted(tmp_path, head)["documents"][0]["type"] == "ur_denial"
    # a field's label in capitals is no title ("PATIENT NAME: ...   DOB: ...")
    from drafting.intake.classify import _title_cell

    assert _title_cell("PATIENT NAME: JANE DOE      DOB: 01/02/1960") is None
    assert _title_cell("PROGRESS NOTE - PA-C        pt: Jane Doe") == "PROGRESS NOTE"
