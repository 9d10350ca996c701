"""A notice deciding the services it lists under its verdict (a Medicare Advantage "Notice of
Denial of Medical Coverage" and plans writing like it), on new synthetic text: each listed
service is an item with that verdict, its request date and its "Item N" reason; a verdict given
as a label ("We APPROVED: ...") is an item too; the listed lines are items, never facts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

NOTICE = """EXAMPLE SENIOR ADVANTAGE (PPO)

NOTICE OF DENIAL OF MEDICAL COVERAGE

Date: 08/12/2025                 Member number: ESA-000000001

We have DENIED the following services that your doctor asked us to cover:

1. Cervical epidural steroid injection, C6-C7 interlaminar (CPT 62321), requested 08/01/2025.
2. Trigger point injections, three muscles (CPT 20553), requested 08/01/2025.

We APPROVED: one new patient consultation (CPT 99204), approved 08/12/2025.

Why did we deny your request?
Your doctor's note of 07/20/2025 says you have neck pain going into the left arm for 5 months.

Item 1 (epidural): Your records do not show any physical therapy for the neck, so the
injection is not medically necessary.

Item 2 (trigger points, neck): The notes do not describe trigger points on examination, so
the injections are not medically necessary.
"""


def test_each_listed_service_is_an_item_with_the_verdict_above_it(tmp_path: Path):
    record = tmp_path / "notice.txt"
    record.write_text(NOTICE, encoding="utf-8")
    data = run_intake([record], case_id="ma", ocr=False, today=TODAY).drafted.data
    items = data["disputed_items"]
    assert [i["prior_decision"]["decision"] for i in items] == ["denied", "denied", "approved"]
    assert [i["procedure"] for i in items] == ["esi", "other", "consultation"]
    assert [i.get("code") for i in items] == ["62321", "20553", "99204"]
    assert str(items[0]["date_of_service"]) == "2025-08-01"  # (the request's date)
    assert "physical therapy" in items[0]["prior_decision"]["reason"]
    assert "trigger points on examination" in items[1]["prior_decision"]["reason"]
    assert "not medically necessary" not in items[2]["prior_decision"]["reason"]
    statements = " ".join(f["statement"] for f in data["facts"])
    assert "62321" not in statements and "20553" not in statements  # the items, not facts
    assert any(f["category"] == "history" for f in data["facts"])  # the summary still is read
