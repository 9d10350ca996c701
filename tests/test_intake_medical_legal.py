"""A medical-legal evaluator's report (AME, QME, IME) on new synthetic text: its "RE:" block of
fields in capitals is no title, the report's own title names it even below a long letterhead,
and the records it retells are facts at their own dates, not the report's."""

from __future__ import annotations

import datetime as dt

from drafting.intake.classify import classify
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)

REPORT = """SAM NOBODY, M.D.
Diplomate, American Board of Physical Medicine
1 Fiction Way, Nowhere, CA 90000

March 3, 2025

Alex Madeup, Esq.
Applicant's Attorney

Jordan Imaginary, Esq.
Defense Attorney

RE:   Applicant: Lee Pretendperson
      Employer: Example Widgets
      CLAIM NO.: EW-000-111
      DOI: 02/02/2021; CT 01/01/2018 - 02/02/2021

QUALIFIED MEDICAL EVALUATOR SUPPLEMENTAL REPORT

Dear Counsel:

SUMMARY OF RECORDS REVIEWED
The MRI of 04/05/2021 shows a right L5-S1 disc protrusion contacting the right S1 root.
Dr. Nemo performed a right L5-S1 transforaminal ESI on 06/07/2021 with 60% relief for about
2 months.
"""


def test_the_report_title_names_a_medical_legal_report_not_its_fields(tmp_path):
    found = classify(REPORT, REPORT)
    assert found.type.value == "legal_correspondence"
    assert "supplemental report" in found.title.lower()
    assert str(found.date) == "2025-03-03"


def test_the_records_it_retells_are_facts_at_their_own_dates(tmp_path):
    record = tmp_path / "qme.txt"
    record.write_text(REPORT, encoding="utf-8")
    facts = run_intake([record], case_id="qme", ocr=False, today=TODAY).drafted.data["facts"]
    got = {(f["category"], str(f["date"])) for f in facts}
    assert ("imaging", "2021-04-05") in got
    assert ("procedure", "2021-06-07") in got
    assert ("response", "2021-06-07") in got


EVALUATION = """JO EXAMPLE, M.D., Q.M.E.

QUALIFIED MEDICAL EVALUATOR REPORT

Date of report: 05/05/2025

QUESTIONS AND ANSWERS
Question 1: Has the applicant reached maximum medical improvement?
Answer: Yes. She reached MMI as of 04/01/2025.
Question 2: Impairment.
Answer: DRE Cervical Category II, 6% WPI.
Question 3: Apportionment.
Answer: I apportion 60% industrial and 40% non-industrial.
Question 4: Future care.
Answer: up to 2 epidural injections per year if each gives 50% relief.
"""


def test_an_evaluators_mmi_impairment_and_apportionment_are_facts_not_its_questions(tmp_path):
    record = tmp_path / "qme2.txt"
    record.write_text(EVALUATION, encoding="utf-8")
    facts = run_intake([record], case_id="qme", ocr=False, today=TODAY).drafted.data["facts"]
    other = {f["statement"]: str(f["date"]) for f in facts if f["category"] == "other"}
    assert other.get("She reached MMI as of 04/01/2025.") == "2025-04-01"
    assert any("6% WPI" in s for s in other)
    assert any("60% industrial" in s for s in other)
    statements = " ".join(f["statement"] for f in facts)
    assert "?" not in statements  # the questions asked are no facts
    assert "epidural injections per year" not in statements  # future care is a plan
