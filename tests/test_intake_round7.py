"""Record intake on classes of error met in development set 7, each on new synthetic text
(never a blind set's own sentences)."""

from __future__ import annotations

from drafting.intake.classify import classify


def date_of(text: str) -> str:
    return str(classify(text, text).date)


# -- the document's date ----------------------------------------------------------------------


def test_a_referrals_date_in_the_header_yields_to_the_date_of_the_visit():
    text = ("SOMEWHERE PHYSIOTHERAPY\n\nTHERAPY PROGRESS NOTE\nReferral date: 05/02/2027\n"
            "Date of first visit: 05/09/2027     Date of re-evaluation: 06/20/2027\n")
    assert date_of(text) == "2027-06-20"


def test_a_bare_date_field_still_dates_a_record_that_names_no_other():
    text = "CLINIC NOTE\nDate: 03/04/2027\nNeck pain, better.\n"
    assert date_of(text) == "2027-03-04"


def test_the_date_of_examination_dates_an_examiners_report_not_its_signature():
    text = ("INDEPENDENT EXAMINATION REPORT\nDate of injury 01/05/2026\n"
            "Date of examination: 02/11/2027\n\nHISTORY: Knee pain since the fall.\n\n"
            "Signed 02/19/2027\n")
    assert date_of(text) == "2027-02-11"


def test_a_request_is_of_the_day_it_was_submitted_not_of_the_service_it_asks_for():
    text = ("Prior Authorization Request\nDate submitted: 07/01/2027\n"
            "Anticipated date of service: 07/22/2027\nRequested service: lumbar RFA\n")
    assert date_of(text) == "2027-07-01"
