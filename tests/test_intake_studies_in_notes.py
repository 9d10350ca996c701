"""An electrodiagnostic study a consultation reports in a section of its own, on new synthetic
text: the section's abnormal results and the impression's conclusions on the study are
electrodiagnostic facts; a normal muscle named alone and a plan are not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

CONSULT = """NOWHERE NEUROLOGY

NEUROLOGY CONSULTATION

Date of service: 03/03/2025

HPI: Tingling in the left hand for 6 months.

EMG/NCS (done today): Left median sensory latency was prolonged across the wrist. Needle EMG
showed reduced recruitment in the left abductor pollicis brevis. Left biceps and triceps were
normal.

IMPRESSION:
1. Left median neuropathy at the wrist (carpal tunnel syndrome), moderate.
2. No electrodiagnostic evidence of a cervical radiculopathy.

PLAN: Wrist splint at night; repeat NCS in 6 months.
"""


def test_a_consults_own_study_section_gives_electrodiagnostic_facts(tmp_path: Path):
    record = tmp_path / "consult.txt"
    record.write_text(CONSULT, encoding="utf-8")
    facts = run_intake([record], case_id="edx", ocr=False, today=TODAY).drafted.data["facts"]
    edx = [f["statement"] for f in facts if f["category"] == "electrodiagnostic"]
    assert any("latency was prolonged" in s for s in edx)
    assert any("reduced recruitment" in s for s in edx)
    assert any("carpal tunnel" in s for s in edx)
    assert any("No electrodiagnostic evidence" in s for s in edx)
    assert not any("were normal" in s or "repeat NCS" in s for s in edx)
