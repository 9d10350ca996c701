"""Record intake on study reports and evaluations as they are laid out: a radiology header's
"Exam:" field naming the study names the record; the findings run from the findings heading to
the impression under any sub-heading ("Disc levels:"); a disc bulge and Schmorl's nodes are disc
degeneration; denervation in one root's muscles is the needle study's sign of that root; a test
table's dot-leader rows are rows (each score its own fact), never headings, and a score written
over its scale's maximum ("PSEQ 24/60") is the score; a plan's notice of determination is a
decision letter, and an item's label met again below the item list opens that item's reasons; a
psychological evaluation's history fields are narrative, and its psychiatric history names
diagnoses. New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.extract.values import measures
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def drafted(tmp_path: Path, text: str) -> dict:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="studies", ocr=False, today=TODAY).drafted.data


MRI = """SAMPLE IMAGING (fake)     Accession: XX-26-000001     Tel 555-0100
Exam: MRI LUMBAR SPINE WITHOUT CONTRAST        Exam date: 10/02/2026 09:10
Patient: Jane Example    DOB: 01/01/1970

CLINICAL HISTORY: Low back pain.

FINDINGS:
Alignment: Normal lordosis.
Vertebral bodies: Scattered Schmorl's nodes L1-L3. No fracture.
Disc levels:
L3-L4: Mild disc bulge without stenosis.
L4-L5: Right foraminal disc protrusion measuring 5 mm, contacting the exiting right L4 nerve root.

IMPRESSION:
1. Right L4-5 foraminal protrusion contacting the right L4 nerve root.
"""


def _imaging(data: dict) -> list[str]:
    return [f["statement"] for f in data["facts"] if f["category"] == "imaging"]


def test_an_exam_field_naming_the_study_in_capitals_names_the_record(tmp_path):
    assert drafted(tmp_path, MRI)["documents"][0]["type"] == "imaging_report"
    # a note whose exam field examines the patient is not a study report
    note = MRI.replace("MRI LUMBAR SPINE WITHOUT CONTRAST", "Lumbar tenderness, gait normal")
    assert drafted(tmp_path, note)["documents"][0]["type"] != "imaging_report"


def test_findings_under_a_sub_heading_are_the_reports_findings(tmp_path):
    found = " | ".join(_imaging(drafted(tmp_path, MRI)))
    assert "L3-L4: Mild disc bulge" in found  # a bulge is the disc's degeneration
    assert "Schmorl's nodes" in found
    assert "L4-L5: Right foraminal disc protrusion measuring 5 mm" in found
    assert "No fracture" not in found and "Normal lordosis" not in found


def test_a_negated_bulge_is_no_finding(tmp_path):
    found = " | ".join(_imaging(drafted(tmp_path, MRI.replace(
        "L3-L4: Mild disc bulge without stenosis.", "L3-L4: No disc bulge or stenosis."))))
    assert "L3-L4" not in found


EMG = """ELECTRODIAGNOSTIC CONSULTATION
Study date: 11/02/2026

SUMMARY: Sensory responses are normal. Needle examination shows fibrillations and positive sharp
waves in left S1-innervated muscles including the S1 paraspinal.

INTERPRETATION:
1. No evidence of peripheral neuropathy.
"""


def test_denervation_in_one_roots_muscles_is_that_roots_radiculopathy(tmp_path):
    facts = [f for f in drafted(tmp_path, EMG)["facts"] if f["category"] == "electrodiagnostic"]
    assert [f["tags"] for f in facts if "S1-innervated" in f["statement"]] == [
        ["radiculopathy_emg"]]
    assert not any("neuropathy" in f["statement"] for f in facts)
    # denervation without a root named is no radiculopathy
    plain = EMG.replace("in left S1-innervated muscles including the S1 paraspinal", "distally")
    assert not [f for f in drafted(tmp_path, plain)["facts"]
                if "radiculopathy_emg" in f.get("tags", [])]


PSYCH = """PRE-SURGICAL PSYCHOLOGICAL EVALUATION
Date of evaluation: 11/03/2026

TESTING:
 PHQ-9 ............ 14 (moderate)
 GAD-7 ............ 5 (mild)
 PSEQ ............. 30/60
 Oswestry ......... 44%

SUMMARY AND RECOMMENDATIONS:
No psychological contraindication to a stimulator trial.
"""


def test_each_dot_leader_row_of_a_test_table_is_its_own_score(tmp_path):
    psych = [f["statement"] for f in drafted(tmp_path, PSYCH)["facts"]
             if f["category"] == "psych"]
    for row in ("PHQ-9 14 (moderate)", "GAD-7 5 (mild)", "PSEQ 30/60"):
        assert any(s.startswith(row) for s in psych), (row, psych)
    # a disability index among the tests is the patient's function, as in any record
    assert [f["statement"] for f in drafted(tmp_path, PSYCH)["facts"]
            if f["category"] == "functional"] == ["Oswestry 44%"]


def test_a_score_over_its_scales_maximum_is_the_score():
    assert [(m.name, m.value) for m in measures("PSEQ 24/60")] == [("PSEQ", 24.0)]
    assert [(m.name, m.value) for m in measures("PCS 21/52")] == [("PCS", 21.0)]
    assert [m for m in measures("PHQ-9 12/11") if m.name == "PHQ-9"] == []


LETTER = """Sample Health Plan (fake)
NOTICE OF PRIOR AUTHORIZATION DETERMINATION

Date of notice: 11/10/2026
Member: Jane Example      Member ID: X 000 000

Dear Ms. Example:

Service 1: Cervical medial branch radiofrequency ablation, right C5-6 (CPT 64633)   -   APPROVED
Service 2: Peripheral nerve stimulator trial (CPT 64555)   -   DENIED

Why we made this decision:
Service 1: Your records show neck pain for more than 6 months despite physical therapy. """ \
    """This meets our policy for a first radiofrequency ablation.
Service 2: Our policy considers peripheral nerve stimulation for neck pain """ \
    """experimental/investigational. For these reasons it is not medically necessary.

YOUR RIGHT TO APPEAL: You have 180 days to ask for an appeal.
"""


def test_a_notice_of_determination_is_a_decision_letter(tmp_path):
    assert drafted(tmp_path, LETTER)["documents"][0]["type"] == "ur_denial"


def test_an_items_label_again_below_the_list_opens_its_reasons(tmp_path):
    data = drafted(tmp_path, LETTER)
    reasons = [f["statement"] for f in data["facts"] if f["category"] == "utilization_review"]
    # one reason per item, the approval's ground and the denial's, each with its verdict
    assert len(reasons) == 2, reasons
    assert any("meets our policy" in r for r in reasons)
    assert any("experimental/investigational" in r and "not medically necessary" in r
               for r in reasons)
    # the record the reasons retell is the patient's (its history, its care), not a reason
    assert any(f["category"] in ("history", "conservative_care")
               and "neck pain for more than 6 months" in f["statement"] for f in data["facts"])
    # the items' own lines (name, code, decision) are items, never facts
    assert not any("CPT" in f["statement"] for f in data["facts"])
    assert len(data["disputed_items"]) == 2


EVALUATION = """PRE-SURGICAL PSYCHOLOGICAL EVALUATION
Date of evaluation: 11/03/2026

PAIN HISTORY (patient report): Aching pain of the right buttock. """ \
    """Walks 15 minutes before needing to sit.
PSYCHIATRIC HISTORY: One episode of generalized anxiety in 2022, treated with counseling. """ \
    """No history of substance use disorder.
"""


def test_a_psychological_evaluations_history_fields_are_its_history(tmp_path):
    facts = drafted(tmp_path, EVALUATION)["facts"]
    psych = [f["statement"] for f in facts if f["category"] == "psych"]
    assert any("generalized anxiety" in s for s in psych)
    assert not any("substance use disorder" in s for s in psych)  # denied, no diagnosis
    assert any(f["category"] == "functional" and "Walks 15 minutes" in f["statement"]
               for f in facts)
