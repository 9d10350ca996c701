"""The date of each drafted fact (issue #23), on synthetic text written for these tests (never a
blind set's): which date a fact's own words give, a month and day without a year placed in the
record's year (never after the record), the record's own date from its visit field, and the
fractions that are no date at all (a score, a dose, a ratio, a level, a blood pressure)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from drafting.intake.classify import document_date
from drafting.intake.extract.short_dates import figures_day
from drafting.intake.run import run_intake

DAY = dt.date(2026, 6, 15)  # the record's date in these tests


def _facts(tmp_path: Path, text: str, today: dt.date = dt.date(2026, 12, 5)) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="dates", ocr=False, today=today).drafted.data["facts"]


# ------------------------------------------------------------ a month and day without a year
def test_a_month_and_day_in_figures_is_that_day_of_the_records_year():
    assert figures_day("urine drug screen 04/22 consistent", DAY) == (dt.date(2026, 4, 22), "day")
    assert figures_day("I saw Dr. Q on 5/9 and she agreed", DAY) == (dt.date(2026, 5, 9), "day")
    assert figures_day("MRI rec'd (done 3/7): small protrusion", DAY) == (dt.date(2026, 3, 7),
                                                                         "day")
    assert figures_day("8 visits done 3/2-4/30", DAY) == (dt.date(2026, 3, 2), "day")  # (first)


def test_a_month_and_day_after_the_record_is_of_the_year_before_never_a_future_one():
    assert figures_day("flare on 11/20 after shoveling", DAY) == (dt.date(2025, 11, 20), "day")
    # just after the record: a day to come or a misread record date, not last year's
    assert figures_day("return on 07/01 for a recheck", DAY) is None
    assert figures_day("seen on 2/30", DAY) is None  # no such day


def test_a_fraction_that_is_no_date_dates_nothing():
    assert figures_day("low back pain 7/10 today", DAY) is None  # a score
    assert figures_day("pain down from 8/10 to 4/10", DAY) is None
    assert figures_day("hydrocodone/APAP 5/325 one tab q6h", DAY) is None  # a dose
    assert figures_day("Suboxone 8/2 mg SL daily", DAY) is None
    assert figures_day("EHL strength 4/5 on the left", DAY) is None  # a grade out of 5
    assert figures_day("reflexes 2/4 and symmetric", DAY) is None
    assert figures_day("BP 120/80, HR 72", DAY) is None  # a blood pressure: no month 120
    assert figures_day("attended 3/12 visits", DAY) is None  # a count
    assert figures_day("took 1/2 tab at night", DAY) is None  # a ratio with no date's word
    assert figures_day("L4-5 and L5-S1 facet arthropathy", DAY) is None  # a level


def test_a_detail_of_what_was_done_today_does_not_date_it():
    assert figures_day("PDMP reviewed today, single prescriber, fill 05/28", DAY) is None
    assert figures_day("PDMP: one prescriber, last fill 05/28", DAY) is None
    assert figures_day("next appt 05/28 with PT", DAY) is None


def test_a_monitoring_fact_is_dated_by_its_own_month_and_day(tmp_path: Path):
    facts = _facts(tmp_path, "PRETEND SPINE CLINIC\nPROGRESS NOTE\nDate of service: 06/15/2026\n\n"
                   "Tramadol 50 mg bid, unchanged.\nUDS 04/22 consistent with prescribed "
                   "tramadol.\n")
    uds = next(f for f in facts if "UDS" in f["statement"])
    assert str(uds["date"]) == "2026-04-22"


# ---------------------------------------------------------------------- the record's own date
def test_a_visit_field_with_its_weekday_gives_the_records_date():
    text = ("AFTER VISIT SUMMARY\nPretend Pain Clinic\nVisit: Monday, March 2, 2026      "
            "Printed for: Pat Example\n\nUpcoming: injection on Thursday, 03/19/2026.\n")
    assert document_date(text) == dt.date(2026, 3, 2)


def test_another_visits_field_is_not_the_records_date():
    text = ("ATTENDING PHYSICIAN STATEMENT\nDate of first visit: 01/05/2026\n"
            "Date of service: 02/20/2026\n")
    assert document_date(text) == dt.date(2026, 2, 20)


# ------------------------------------------------------------------- a year, a season of a year
def test_a_history_sentence_is_dated_by_the_year_it_names():
    from drafting.intake.extract.found import history_year

    assert history_year("neck pain since about 2018, worse lately", DAY) == (
        dt.date(2018, 1, 1), "year")
    assert history_year("Breast ca dx 2020, in remission", DAY) == (dt.date(2020, 1, 1), "year")
    assert history_year("onset approx. 2024 per notes", DAY) == (dt.date(2024, 1, 1), "year")
    assert history_year("pain since 2031", DAY) is None  # (after the record)


def test_a_surgerys_year_dates_the_surgery_not_the_pain_told_beside_it():
    from drafting.intake.extract.found import history_year

    assert history_year("Persistent leg pain after L5-S1 discectomy (2018)", DAY) is None
    assert history_year("Chronic leg pain after a 2018 laminectomy", DAY) is None


def test_a_season_of_a_named_year_is_that_year():
    from drafting.intake.extract.short_dates import season_year

    assert season_year("had a nerve block in the spring of 2024", DAY) == (
        dt.date(2024, 1, 1), "year")
    assert season_year("one TFESI summer 2025 which helped", DAY) == (dt.date(2025, 1, 1), "year")
    assert season_year("worse since early 2023", DAY) == (dt.date(2023, 1, 1), "year")
    assert season_year("off work through the fall of 2025", DAY) is None  # a span's end
    assert season_year("no opioids since mid-2023", DAY) is None  # an absence's date
    assert season_year("fall 2027 trip planned", DAY) is None  # after the record


def test_a_procedure_told_in_a_season_is_dated_by_its_year(tmp_path: Path):
    facts = _facts(tmp_path, "PRETEND SPINE CLINIC\nPROGRESS NOTE\nDate of service: 06/15/2026\n\n"
                   "HPI: Low back pain. Had a lumbar epidural injection spring 2025, helped "
                   "about a month.\n")
    dated = {(f["category"], str(f["date"])) for f in facts if "spring 2025" in f["statement"]}
    assert ("procedure", "2025-01-01") in dated


# --------------------------------------------------------------- a sentence opening on its date
def test_a_sentence_opening_on_its_date_is_of_that_day():
    from drafting.intake.extract.short_dates import opening_date

    assert opening_date("Exam on 01/12/2026: positive Spurling on the right", DAY) == dt.date(
        2026, 1, 12)
    assert opening_date("On 03/03/2026, the therapist measured flexion 40 degrees", DAY) == \
        dt.date(2026, 3, 3)
    assert opening_date("Flexion 40 degrees, better than on 03/03/2026", DAY) is None  # (later)
    assert opening_date("On 07/30/2026 (after the record) pain 4/10", DAY) is None


def test_an_exam_told_with_its_opening_date_is_dated_by_it_not_by_the_record(tmp_path: Path):
    facts = _facts(tmp_path, "PRETEND SPINE CENTER\nPROCEDURE NOTE\nDate of procedure: "
                   "06/15/2026\n\nHISTORY\nExam on 05/20/2026: positive Spurling on the right, "
                   "diminished right triceps reflex.\n")
    exam = next(f for f in facts if f["category"] == "exam" and "Spurling" in f["statement"])
    assert str(exam["date"]) == "2026-05-20"


# --------------------------------------------------------------------------------- OCR digits
def test_ocr_letters_for_digits_in_a_date_or_a_year_are_read_as_digits():
    from drafting.intake.extract.short_dates import ocr_dates

    assert ocr_dates("on gabapentin since O3/2O25") == "on gabapentin since 03/2025"
    assert ocr_dates("chiro 6 visits 2O24, no help") == "chiro 6 visits 2024, no help"
    assert ocr_dates("ibuprofen 8OO mg") == "ibuprofen 8OO mg"  # (no year: a dose, left)


def test_a_faxed_lines_course_is_dated_by_its_ocr_year(tmp_path: Path):
    facts = _facts(tmp_path, "PRETEND ORTHO CLINIC\nPROGRESS NOTE\nDate of service: 06/15/2026\n\n"
                   "HPI: Neck pain. Had PT 2x/wk x 6 wks (12 sessions) 2O24 - helped a little.\n")
    care = next(f for f in facts if f["category"] == "conservative_care")
    assert (str(care["date"]), care["date_precision"]) == ("2024-01-01", "year")


# ------------------------------------------------------- a second record under a dated title
def test_a_rule_then_a_dated_records_title_opens_a_record_of_that_day(tmp_path: Path):
    record = tmp_path / "faxed.txt"
    record.write_text(
        "PRETEND GENETICS LAB - TEST REPORT\nPatient: Pat Example   DOB 01/02/1970\n"
        "Collected: 03/02/2026   Reported: 03/16/2026\n\nGENE   RESULT\nCYP2D6  *4/*4\n"
        "Interpretation: poor metabolizer.\nThis test was developed by the laboratory.\n"
        "Lab director: Sam Sample, PhD\nClient services 555-0142\n\n"
        "------------------------------------------------------------\n"
        "PRETEND PAIN CLINIC - progress note (faxed with lab report)   04/20/26\n"
        "Neck pain. Tramadol 50 mg qid - no help. NDI 40%.\n", encoding="utf-8")
    data = run_intake([record], case_id="dates", ocr=False, today=dt.date(2026, 12, 5)
                      ).drafted.data
    assert [str(d["date"]) for d in data["documents"]] == ["2026-03-02", "2026-04-20"]
    ndi = next(f for f in data["facts"] if "NDI" in f["statement"])
    assert str(ndi["date"]) == "2026-04-20"


def test_a_rule_inside_a_short_note_before_a_dated_line_does_not_split_it(tmp_path: Path):
    record = tmp_path / "note.txt"
    record.write_text("PRETEND CLINIC - FOLLOW-UP NOTE\nDate of visit: 05/20/2026\n"
                      "HPI: Left leg pain 6/10.\n------------------------------------\n"
                      "Addendum 05/21/2026: MRI reviewed, no change.\n", encoding="utf-8")
    data = run_intake([record], case_id="dates", ocr=False, today=dt.date(2026, 12, 5)
                      ).drafted.data
    assert len(data["documents"]) == 1  # (a few lines above the rule: one record)


def test_a_records_title_line_gives_its_date_when_no_field_does():
    assert document_date("ADJUSTER FILE NOTE 03/09/2026 (claims system)\nReviewed the file.\n"
                         ) == dt.date(2026, 3, 9)
    assert document_date("Attached: LAST OFFICE VISIT 02/02/2026 (excerpt, printed "
                         "03/01/2026)\nCC: neck pain.\n") == dt.date(2026, 2, 2)
    # a field still wins, and a title without a record's word gives nothing
    assert document_date("FOLLOW-UP NOTE 03/09/2026\nDate of service: 03/10/2026\n") == \
        dt.date(2026, 3, 10)
    assert document_date("Patient Pat Example 03/09/2026\nNeck pain.\n") is None


def test_a_weekly_reports_period_ends_on_the_day_it_measured():
    text = ("PRETEND WORK REHAB - WEEKLY PROGRESS REPORT (Week 2 of 4)\n"
            "Report period: 03/02/2026 - 03/06/2026\nReport date: 03/09/2026\n\n"
            "Floor-to-waist lift: 15 lb -> 25 lb\n")
    assert document_date(text) == dt.date(2026, 3, 6)
    short = "WEEKLY SUMMARY\nWk 2 of 6   Report period 03/02/26 - 03/06/26\n"
    assert document_date(short) == dt.date(2026, 3, 6)


def test_a_month_and_day_to_come_dates_nothing():
    late = dt.date(2025, 12, 20)
    assert figures_day("follow-up on 01/15 with Dr. Q", late) is None  # (next January's)
    assert figures_day("RTC 2/3 after the MRI", late) is None
    assert figures_day("MRI done 11/6 showed a protrusion", late) == (dt.date(2025, 11, 6), "day")
