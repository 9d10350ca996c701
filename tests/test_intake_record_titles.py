"""Record intake on classes of record titles and dates met in development set 6, on new
synthetic text (never a blind set's): a letterhead's organisation yields to a later line that
names the record; a letter's section headings after its salutation are not its title; a
cognitive-behavioural therapy record is a psychological one and a second opinion a
consultation; a record of several treatment days is complete on its last; a specimen's results
are of the day it was collected."""

from __future__ import annotations

from drafting.case.vocab import RecordType
from drafting.intake.classify import classify


def kind(text: str) -> RecordType:
    return classify(text, text).type


def test_a_letterheads_organisation_yields_to_the_records_title():
    text = ("NULLVILLE REHAB, INC.\n22 Nowhere Rd\n\nFUNCTIONAL CAPACITY EVALUATION REPORT\n"
            "Date of evaluation: 04/04/2025\n")
    found = classify(text, text)
    assert found.title.lower().startswith("functional capacity evaluation")
    assert found.type is not RecordType.pt_note


def test_headings_below_a_letters_salutation_are_not_its_title():
    text = ("PRETEND ORTHOPAEDIC GROUP - Department of Spine\n\nMarch 3, 2025\n\n"
            "Dear Dr. Fakename,\n\nThank you for referring Mr. Nobody, whom I saw for a second "
            "opinion about his neck. I examined him today in the clinic at length.\n\n"
            "HISTORY\nNeck pain for a year.\n\nIMAGING\nMRI cervical spine reviewed.\n")
    assert kind(text) is RecordType.consultation_note


def test_a_cbt_discharge_is_a_psychological_record():
    text = ("MADE-UP BEHAVIORAL SERVICES\n\nDISCHARGE SUMMARY - COGNITIVE BEHAVIORAL THERAPY "
            "FOR PAIN\nDates of treatment: 01/06/2025 - 03/10/2025\n")
    found = classify(text, text)
    assert found.type is RecordType.psych_evaluation
    assert str(found.date) == "2025-03-10"  # complete on its last day of treatment


def test_a_specimens_results_are_of_the_day_it_was_collected():
    text = ("PRETEND LABS\nDRUG TESTING REPORT\n"
            "Collected: 06/02/2025 09:10   Received: 06/03/2025   Reported: 06/05/2025\n")
    assert str(classify(text, text).date) == "2025-06-02"


def test_a_letter_about_a_visit_is_of_the_visits_day():
    text = ("PRETEND NEUROSURGERY\n\nApril 9, 2025\n\nDear Dr. Nobody,\n\n"
            "I saw Mr. Fakeson in the clinic on 04/02/2025 for his neck pain.\n")
    assert str(classify(text, text).date) == "2025-04-02"
    plain = "PRETEND NEUROSURGERY\n\nApril 9, 2025\n\nDear Dr. Nobody,\n\nHe is doing well.\n"
    assert str(classify(plain, plain).date) == "2025-04-09"


def test_the_records_title_line_is_no_fact(tmp_path):
    import datetime as dt

    from drafting.intake.run import run_intake

    record = tmp_path / "note.txt"
    record.write_text("NOWHERE PAIN CENTER - UDT REVIEW / OPIOID NOTE      03/03/2025\n"
                      "HPI: Urine drug test from 02/20 was consistent with oxycodone.\n",
                      encoding="utf-8")
    facts = run_intake([record], case_id="t", ocr=False,
                       today=dt.date(2026, 1, 1)).drafted.data["facts"]
    assert facts and not any(f["statement"].startswith("NOWHERE") for f in facts)


def test_a_psychological_clearance_in_a_disposition_is_a_finding(tmp_path):
    import datetime as dt

    from drafting.intake.run import run_intake

    record = tmp_path / "psych.txt"
    record.write_text("PRETEND BEHAVIORAL SERVICES\nPSYCHOLOGICAL EVALUATION\n"
                      "Date of evaluation: 02/02/2025\n\nDISPOSITION AND RECOMMENDATIONS\n"
                      "From a psychological standpoint there are no contraindications to an "
                      "intrathecal pump trial. Follow up in 3 months.\n", encoding="utf-8")
    facts = run_intake([record], case_id="p", ocr=False,
                       today=dt.date(2026, 1, 1)).drafted.data["facts"]
    cleared = [f for f in facts if "cleared_for_implant" in f.get("tags", [])]
    assert [f["category"] for f in cleared] == ["psych"]
    assert not any("Follow up" in f["statement"] for f in facts)
