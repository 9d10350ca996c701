"""Record intake on request forms and their answers: the services a state or payer request form
lists by number ("(1) ...", "(2) ...") under its request heading are the disputed items, each
decided by the answer of its number in the insurer's response section ("(2) Authorized as
modified: 8 visits", "(3) Not authorized - Reason: ..."); a decision list numbered in parentheses
is read as one numbered with "1." is; a one-service form names its service in a "Procedure:"
field of its "SERVICE REQUESTED" section or an "Approval requested for:" field (without a next
line that opens a sentence of its own), and a "Variance request is: denied" field decides it.
New synthetic texts, never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def items(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="forms", ocr=False, today=TODAY).drafted.data
    return data["disputed_items"]


def decisions(found: list[dict]) -> list[str | None]:
    return [(i.get("prior_decision") or {}).get("decision") for i in found]


NUMBERED_FORM = """REQUEST FOR AUTHORIZATION OF MEDICAL TREATMENT (state form, sample)
Claim No. 0000-TEST (fake)
SECTION 1. EMPLOYEE
Employee: Sample, Person    Date of Accident: 03/02/2026

SECTION 2. REQUEST FOR TREATMENT
Diagnosis: right S1 radiculopathy
Requested treatment or testing:
 (1) Right L5-S1 transforaminal epidural steroid injection, 1 session - CPT 64483
 (2) Physical therapy 2x/wk x 5 wks (10 visits) after the injection - CPT 97110
 (3) Topical diclofenac 1% gel 100 g with 3 refills
Reason for treatment or testing: right leg pain since the accident, PT 6 weeks without relief.
Requesting provider: Sample Doctor, MD    Date: 10/05/2026

SECTION 3. RESPONSE BY INSURER
(1) [X] Authorized    [ ] Not authorized
(2) [ ] Authorized    [X] Authorized as modified: 6 visits    [ ] Not authorized
(3) [ ] Authorized    [X] Not authorized - Reason: a topical gel is not shown to be required;
    oral NSAID not yet tried.
Adjuster: Sample Adjuster    Date: 10/09/2026
"""


def test_each_numbered_service_of_a_request_form_is_an_item_decided_by_its_answer(tmp_path):
    found = items(tmp_path, NUMBERED_FORM)
    assert len(found) == 3
    assert found[0]["procedure"] == "esi"
    # a course of therapy and a drug are items as much as a procedure is
    assert "physical therapy" in found[1]["service"].lower()
    assert "diclofenac" in found[2]["service"].lower()
    assert decisions(found) == ["approved", "modified", "denied"]
    assert "not shown to be required" in found[2]["prior_decision"]["reason"]


def test_a_numbered_list_without_the_insurers_answer_is_requested_items_undecided(tmp_path):
    unanswered = NUMBERED_FORM.split("SECTION 3.")[0]
    found = items(tmp_path, unanswered)
    assert len(found) == 3
    assert decisions(found) == [None, None, None]


def test_numbered_lines_under_no_request_heading_are_no_items(tmp_path):
    note = NUMBERED_FORM.replace("Requested treatment or testing:", "Prior care:")
    note = note.split("SECTION 3.")[0]
    assert items(tmp_path, note) == []


PARENTHESIZED_DECISIONS = """SAMPLE REVIEW SERVICES (fake)
NOTICE OF ADVERSE DETERMINATION
Date of notice: 10/22/2026

SERVICES REQUESTED AND DETERMINATION
(1) Physical therapy, lumbar, 2 x week x 6 weeks (12 visits) ....... MODIFIED: 6 visits certified
(2) Cyclobenzaprine 10 mg #90 - NON-CERTIFIED
(3) Aquatic therapy x 8 - CERTIFIED

RATIONALE
The guideline supports a short course of therapy with a home program.
"""


def test_a_decision_list_numbered_in_parentheses_is_read_line_by_line(tmp_path):
    found = items(tmp_path, PARENTHESIZED_DECISIONS)
    assert len(found) == 3
    assert decisions(found) == ["modified", "denied", "approved"]


ONE_SERVICE_FORM = """SAMPLE HEALTH PLAN - OUTPATIENT PRIOR AUTHORIZATION REQUEST
Request date: 11/02/2026
SECTION 3 - SERVICE REQUESTED
Procedure: Cervical radiofrequency ablation of medial branches
CPT: 64633 x1, 64634 x1
Planned date of service: 12/2026
SECTION 4 - CLINICAL CRITERIA
Diagnostic blocks: two, each with 80% relief.
"""

VARIANCE_FORM = """REQUEST FOR APPROVAL OF VARIANCE AND INSURER'S RESPONSE (sample form)
Date variance request submitted: 07/01/2026
Approval requested for: Third lumbar transforaminal ESI, left L4-5, within 12 months of the last
I contacted the insurer by telephone on 06/30/2026 and left a message.
STATEMENT OF MEDICAL NECESSITY:
Two prior injections each gave lasting relief.
INSURER'S RESPONSE
Variance request is: [ ] granted   [X] denied
Basis for denial: [X] reviewed by physician (peer review)
Reason: a third injection within 12 months is not established as necessary.
"""


def test_a_one_service_form_names_its_service_in_its_request_field(tmp_path):
    found = items(tmp_path, ONE_SERVICE_FORM)
    assert [i["procedure"] for i in found] == ["rfa"]
    variance = items(tmp_path, VARIANCE_FORM)
    assert [i["procedure"] for i in variance] == ["esi"]
    # (the next line opens a sentence of its own: not the service's)
    assert "contacted" not in variance[0]["service"]
    assert decisions(variance) == ["denied"]


def test_a_service_field_wrapped_after_a_comma_keeps_its_code_on_the_next_line(tmp_path):
    """A scanned form wraps the field mid-phrase; the next line's capital letter ("CPT") does not
    open a sentence of its own, so the code stays with the service."""
    found = items(tmp_path, "REQUEST FOR AUTHORIZATION\nDate of request: 08/21/2023\n"
                  "Service requested: Repeat right L4-L5 transforaminal epidural steroid "
                  "injection under fluoroscopic guidance,\nCPT 64483, quantity 1.\n")
    assert [(i["procedure"], i.get("code")) for i in found] == [("esi", "64483")]


def test_a_procedure_field_outside_a_request_section_is_no_item(tmp_path):
    operative = ONE_SERVICE_FORM.replace("SECTION 3 - SERVICE REQUESTED", "PROCEDURE NOTE")
    operative = operative.replace("OUTPATIENT PRIOR AUTHORIZATION REQUEST", "PROCEDURE NOTE")
    assert items(tmp_path, operative) == []
