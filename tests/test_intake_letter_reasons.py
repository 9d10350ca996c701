"""A letter deciding several items: each paragraph's reasons, with the verdict that closes it
and what the plan granted in part, are one reason of the decision, never what the reviewer
read in the record drafted as a finding on its own; new synthetic sentences (not from any blind
set)."""

from __future__ import annotations

import datetime as dt

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

LETTER = (
    "EXAMPLE CARE HEALTH PLAN\n\nNOTICE OF ADVERSE BENEFIT DETERMINATION\n\n"
    "Date of notice: 03/14/2025\n\n"
    "WHY WE MADE THIS DECISION\n"
    "1. Facet injection. Your records show neck pain without arm symptoms. We approved one "
    "injection at C5-6 on the left.\n\n"
    "2. Repeat CT. Your records do not show a new injury or new numbness. A repeat CT is not "
    "medically necessary now.\n\n"
    "3. Cervical pillow. No trial is documented. Purchase is denied.\n")


def test_each_paragraph_is_one_reason_with_its_verdict(tmp_path):
    record = tmp_path / "letter.txt"
    record.write_text(LETTER, encoding="utf-8")
    facts = run_intake([record], case_id="letter", ocr=False, today=TODAY).drafted.data["facts"]
    reasons = [f["statement"] for f in facts if str(f["category"]).endswith("utilization_review")]
    assert any("not show a new injury" in r and "not medically necessary" in r
               for r in reasons), reasons
    assert any("We approved one injection" in r for r in reasons), reasons
    assert any(r.startswith("No trial is documented. Purchase is denied") for r in reasons), reasons
    assert not any(r.startswith("Your records do not show") and "CT" not in r
                   for r in reasons), reasons
