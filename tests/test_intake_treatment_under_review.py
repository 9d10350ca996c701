"""A review organisation's determination that lists its treatments under a "TREATMENT UNDER
REVIEW" heading and decides each on its own numbered line as "reasonable and necessary" or "not
reasonable or necessary" (a new synthetic letter, not from any blind set): every listed
treatment is a disputed item with its own decision and reason, a service named in one word
("1. MBB: ...") included."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.decisions import decision_line
from drafting.intake.run import run_intake

LETTER = """\
UTILIZATION REVIEW DETERMINATION
Employee: Sample Worker          Date of Injury: 05/02/2024
Date of determination: 04/20/2026

TREATMENT UNDER REVIEW
1. Bilateral L4-5 and L5-S1 lumbar medial branch blocks, proposed.
2. Massage therapy, 1 visit per week, from 03/01/2026 and ongoing.
3. Lidocaine 5% patch, 30 patches per month, from 03/01/2026 and ongoing.

DETERMINATION
1. MBB: REASONABLE AND NECESSARY. Axial pain with facet loading and failed therapy for a year.
2. Massage therapy from 03/01/2026 and ongoing: NOT REASONABLE OR NECESSARY. No functional gain.
3. Lidocaine patch from 03/01/2026 and ongoing: NOT REASONABLE OR NECESSARY. No benefit noted.
"""


def test_each_treatment_under_review_is_an_item_with_its_own_decision(tmp_path: Path):
    record = tmp_path / "determination.txt"
    record.write_text(LETTER, encoding="utf-8")
    items = run_intake([record], case_id="uro", ocr=False,
                       today=dt.date(2026, 5, 1)).drafted.data["disputed_items"]
    decided = {i["service"].split(",")[0].split(" from ")[0]: i["prior_decision"]["decision"]
               for i in items if i.get("prior_decision")}
    assert len(items) == 3, items
    assert decided == {"Bilateral L4-5 and L5-S1 lumbar medial branch blocks": "approved",
                       "Massage therapy": "denied", "Lidocaine 5% patch": "denied"}, items
    massage = next(i for i in items if i["service"].startswith("Massage"))
    assert "No functional gain" in massage["prior_decision"]["reason"]


def test_reasonable_and_necessary_is_a_verdict_only_on_a_service_line():
    assert decision_line("2. Acupuncture x 6: NOT REASONABLE OR NECESSARY. No gain.")
    assert decision_line("1. RFA: REASONABLE AND NECESSARY.")
    assert not decision_line("Pain: 6/10, reasonable and necessary to continue")
