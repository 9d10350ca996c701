"""Record intake of outcome measures and of an earlier block told with its relief (issue #23,
round 14). A score of a standard scale is read under whatever field label it sits (a
questionnaire's "PHQ-2:", a monitoring section's "Risk:") and the function scales therapists
and clinics score (RMDQ, PEG, QuickDASH, KOOS JR, LEFS, FOTO, PFDI-20, Timed Up and Go, the
6-minute walk) are function; a goal's or a norm's threshold is never a score. A procedure note
that tells an earlier block, injection or trial with its date and its relief records that
procedure too, on its own date; the note's own procedure is not doubled. New synthetic texts,
never the blind sets'."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drafting.intake.extract.values import measures
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 1)


def facts(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="scales", ocr=False, today=TODAY).drafted.data["facts"]


def holding(found: list[dict], words: str) -> list[dict]:
    return [f for f in found if words in f["statement"]]


NOTE = ("SAMPLE SPINE CLINIC (fake)\nOFFICE VISIT NOTE\nDate of service: 11/10/2026\n\n"
        "SUBJECTIVE: Low back pain, unchanged.\n")


@pytest.mark.parametrize(("line", "name", "value"), [
    ("RMDQ 11/24 (intake 17/24).", "RMDQ", 11.0),
    ("PEG score 4.7.", "PEG", 4.7),
    ("QuickDASH: 61.4.", "QuickDASH", 61.4),
    ("Timed Up and Go ........ 15.2 sec", "TUG", 15.2),
    ("6-Minute Walk Test ....... 240 m (one rest)", "6MWT", 240.0),
    ("FOTO lumbar FS ........ 38", "FOTO", 38.0),
    ("LEFS 44/80 today.", "LEFS", 44.0),
])
def test_a_function_scale_score_is_a_functional_fact_of_the_visit(tmp_path, line, name, value):
    found = holding(facts(tmp_path, NOTE + "OBJECTIVE:\n" + line + "\n"), line.split()[0])
    assert [f["category"] for f in found] == ["functional"]
    assert found[0]["date"] == dt.date(2026, 11, 10)
    assert {(m["name"], m["value"]) for m in found[0]["measures"]} >= {(name, value)}


@pytest.mark.parametrize("line", [
    "Goals: 6MWT > 300 m; TUG < 12 sec.",
    "LTG 2: RMDQ under 8/24 in 6 weeks.",
])
def test_a_goals_threshold_is_never_a_score(tmp_path, line):
    found = facts(tmp_path, NOTE + "OBJECTIVE: Gait slow.\n" + line + "\n")
    scored = {m["name"] for f in found for m in f.get("measures", [])}
    assert not scored & {"TUG", "6MWT", "RMDQ"}


def test_a_threshold_after_a_scale_name_is_not_its_score():
    assert measures("2) 6MWT > 275 m.") == []
    assert [m.value for m in measures("Timed Up and Go .... 13.1 sec [cut-off > 13.5 sec]")] \
        == [13.1]


@pytest.mark.parametrize(("line", "words", "category"), [
    ("PHQ-2: 2    Opioid Risk Tool: 4 (moderate)", "Opioid Risk Tool: 4", "psych"),
    ("Risk: ORT score 3 (low).", "ORT score 3", "psych"),
])
def test_a_scale_score_under_an_unknown_field_label_is_read(tmp_path, line, words, category):
    found = holding(facts(tmp_path, NOTE + "\nSCREENING\n" + line + "\n"), words)
    assert [f["category"] for f in found] == [category]


def test_a_phq9_read_today_is_a_psych_score():
    assert [(m.name, m.value) for m in measures("PHQ-9 today 13.")] == [("PHQ-9", 13.0)]


PROCEDURE = ("SAMPLE SURGERY CENTER (fake)\nPROCEDURE NOTE\nDate of procedure: 11/20/2026\n\n"
             "Procedure: Right C5, C6 medial branch blocks, fluoroscopic guidance.\n"
             "{line}\n"
             "Technique: prone, needles placed under fluoroscopy.\n")


@pytest.mark.parametrize(("line", "day"), [
    ("Block #1 (11/02/2026, lidocaine 2%): 85% relief lasting 2 hrs per diary.",
     dt.date(2026, 11, 2)),
    ("Diagnostic genicular nerve block on 10/14/2026 gave 80% relief for 6 hours.",
     dt.date(2026, 10, 14)),
    ("7-day percutaneous SCS trial 09/01/2026-09/08/2026: 60% reduction in leg pain.",
     dt.date(2026, 9, 1)),
])
def test_an_earlier_block_told_with_its_relief_is_a_procedure_on_its_own_date(
        tmp_path, line, day):
    found = facts(tmp_path, PROCEDURE.format(line=line))
    told = holding(found, line.split(":")[0].split(" gave")[0][:20])
    assert {f["category"] for f in told} == {"procedure", "response"}
    assert [f["date"] for f in told if f["category"] == "procedure"] == [day]
    # the note's own procedure is one fact, of its own day
    own = [f for f in found if f["category"] == "procedure" and f["date"] == TODAY.replace(
        day=20, month=11)]
    assert len(own) == 1


def test_relief_measured_after_this_procedure_adds_no_procedure(tmp_path):
    line = "Post-procedure: 90% relief at 30 minutes."
    found = facts(tmp_path, PROCEDURE.format(line=line))
    assert [f["category"] for f in found if f["category"] == "procedure"] == ["procedure"]


def test_prose_under_a_label_of_its_own_is_read(tmp_path):
    # a field label no list names ("Interval events:") opening prose: its sentence is read,
    # here a past injection and the relief it gave
    line = ("Interval events: She had a left L5-S1 transforaminal injection on 09/14/2026 with "
            "60% relief for six weeks.")
    found = holding(facts(tmp_path, NOTE + line + "\n"), "transforaminal injection")
    relief = [f for f in found if f["category"] == "response"]
    assert [f.get("percent_relief") for f in relief] == [60.0]
    assert relief[0]["date"] == dt.date(2026, 9, 14)


@pytest.mark.parametrize(("label", "prose"), [
    ("Consent", "Risks including bleeding, infection, nerve injury and weakness of the leg "
                "were discussed."),
    ("Return precautions", "Call for new leg weakness, numbness, or any loss of bowel or "
                           "bladder control today."),
    ("Overnight", "Hydromorphone PCA 0.2 mg demand with a 10 minute lockout and no basal rate."),
])
def test_prose_under_an_order_advice_or_device_label_stays_unread(tmp_path, label, prose):
    found = facts(tmp_path, NOTE + f"{label}: {prose}\n")
    assert holding(found, prose[:30]) == []


def test_cleared_for_home_is_no_psychological_clearance():
    from drafting.intake.extract.findings import tags_in

    assert "cleared_for_implant" not in tags_in("PT cleared for home, no needs.")
    assert "cleared_for_implant" in tags_in("Cleared for SCS trial with recommendations.")
    assert "cleared_for_implant" in tags_in("He is psychologically cleared for the procedure.")


@pytest.mark.parametrize(("line", "day", "name", "value"), [
    ("ODI today 36% (was 52% on 3/9/26).", dt.date(2026, 3, 9), "ODI", 52.0),
    ("Today LBP 3/10 (initial 02/11/2026: 8/10).", dt.date(2026, 2, 11), "NRS", 8.0),
    ("PEG score 4.1 (was 6.3 in 07/2026).", dt.date(2026, 7, 1), "PEG", 6.3),
])
def test_an_earlier_score_with_its_own_date_is_a_fact_of_that_date(tmp_path, line, day, name,
                                                                    value):
    found = holding(facts(tmp_path, NOTE + "S: " + line + "\n"), line[:12])
    earlier = [f for f in found if f["date"] == day]
    assert [(m["name"], m["value"]) for f in earlier for m in f["measures"]] == [(name, value)]
    # the sentence's own score stays the visit's
    assert any(f["date"] == dt.date(2026, 11, 10) for f in found)


def test_an_earlier_score_without_a_date_adds_no_fact(tmp_path):
    found = holding(facts(tmp_path, NOTE + "OBJECTIVE:\nODI today 36% (was 52%).\n"), "ODI")
    assert [f["date"] for f in found] == [dt.date(2026, 11, 10)]


def test_a_scales_score_is_never_read_out_of_a_date():
    # "PEG 08/2026: 7, 8, 8": the month of a date is no PEG of 8 (nor of 0)
    assert measures("PEG 08/2026: 7, 8, 8 (7.7).") == []
    assert measures("6MWT 1/2026 300 m") == []
    assert [m.value for m in measures("PEG 10/14/2026: 6")] == [6.0]


def test_a_controlled_substance_agreement_is_an_opioid_agreement():
    from drafting.intake.extract.findings import tags_in

    assert "opioid_agreement" in tags_in("Controlled substance agreement on file, signed.")


@pytest.mark.parametrize("line", ["NDI 46% pre-procedure.", "KOOS JR today: 38."])
def test_a_function_score_in_a_procedure_note_is_the_days_function(tmp_path, line):
    found = holding(facts(tmp_path, PROCEDURE.format(line=line)), line[:6])
    assert [(f["category"], f["date"]) for f in found] == [("functional", dt.date(2026, 11, 20))]


def test_a_pain_score_in_a_procedure_note_is_not_made_a_function_score(tmp_path):
    found = holding(facts(tmp_path, PROCEDURE.format(line="Pre-procedure pain 7/10.")), "7/10")
    assert "functional" not in [f["category"] for f in found]


@pytest.mark.parametrize("line", [
    "Has done PT x 12 visits (2025), naproxen 500 mg twice daily (ongoing), and a brace.",
    "Her PCP gave prednisone in May, then meloxicam 15 mg daily, which she still takes.",
])
def test_a_drug_its_own_words_say_is_taken_now_is_of_the_visit(tmp_path, line):
    found = [f for f in facts(tmp_path, NOTE + "HPI: " + line + "\n")
             if f["category"] == "medication" and f.get("dose")]
    assert [f["date"] for f in found] == [dt.date(2026, 11, 10)]


def test_a_drug_stopped_in_a_year_keeps_that_year(tmp_path):
    line = "Has done PT x 12 visits (2025) and gabapentin 300 mg tid (stopped 2024, dizzy)."
    found = [f for f in facts(tmp_path, NOTE + "HPI: " + line + "\n")
             if f["category"] == "medication"]
    assert found and all(f["date"] != dt.date(2026, 11, 10) for f in found)


def test_a_radiology_report_is_an_imaging_report(tmp_path):
    text = ("SAMPLE DIAGNOSTIC CENTER (fake)\nRADIOLOGY REPORT\n\nExam date: 11/02/2026\n"
            "EXAM: LUMBAR SPINE 3 VIEWS\n\nIMPRESSION:\n"
            "1. Grade 1 anterolisthesis of L4 on L5.\n"
            "2. Recommend correlation with MRI for foraminal stenosis.\n")
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    data = run_intake([record], case_id="xr", ocr=False, today=TODAY).drafted.data
    assert data["documents"][0]["type"] == "imaging_report"
    statements = [f["statement"] for f in data["facts"] if f["category"] == "imaging"]
    assert any("anterolisthesis" in s for s in statements)
    # the reader's advice is no finding
    assert not any("Recommend" in s for s in statements)


@pytest.mark.parametrize("line", [
    "Sample Spine & Chiropractic (fake) - 41 Main St, Springfield OH (fake) - 555-0185",
    "Recommended: repeat MRI and neurosurgical re-evaluation; reassess MMI after 3 months.",
])
def test_a_letterhead_with_a_local_phone_or_a_recommendation_is_no_fact(tmp_path, line):
    found = facts(tmp_path, NOTE + "\n" + line + "\n")
    assert holding(found, line[:20]) == []
