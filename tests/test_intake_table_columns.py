"""Record intake on classes of table layout met in development set 6, on new synthetic text
(never a blind set's): a column holding what is required rather than found (a job's demand, a
laboratory cutoff, a reference range) is never read as the patient's; a table row of values in
capitals is a row, not a heading; an FCE's definitions are not the client's abilities."""

from __future__ import annotations

import datetime as dt

from drafting.intake.extract.table_columns import excluded_columns, without_columns
from drafting.intake.extract.text import lines
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 1, 1)


def test_a_job_demand_column_is_left_out_of_each_row():
    header = "Task              Measured            Job demand         Deficit"
    row = "Overhead lift     15 lb rarely        40 lb frequent     YES"
    spans = excluded_columns(header)
    assert spans is not None
    assert without_columns(row, spans) == "Overhead lift   15 lb rarely   YES"


def test_a_cutoff_column_is_left_out_and_a_row_of_values_is_read_without_it():
    got = [line.text for line in lines(
        "Analyte          Result       Cutoff (ng/mL)    Level (ng/mL)\n"
        "Morphine         POSITIVE     300               2,200\n", 1)]
    assert got[1] == "Morphine POSITIVE 2,200"


def test_a_table_row_of_values_is_not_a_heading():
    got = lines("SCALE          START     END\nPHQ-9          14        8\n"
                "GAD-7          11        6\n", 1)
    assert [line.kind for line in got][1:] == ["item", "item"]
    assert got[2].section == got[0].section  # the row set no section


def test_an_fces_definitions_and_job_demands_are_not_abilities(tmp_path):
    record = tmp_path / "fce.txt"
    record.write_text(
        "FUNCTIONAL CAPACITY EVALUATION\nDate of evaluation: 02/02/2025\n\n"
        "RESULTS\n"
        "Task              Measured            Job demand         Deficit\n"
        "Overhead lift     15 lb rarely        40 lb frequent     YES\n\n"
        "Definitions used: rarely = under 5% of the day. Very heavy work = over 100 lb "
        "occasionally.\n", encoding="utf-8")
    facts = run_intake([record], case_id="fce", ocr=False, today=TODAY).drafted.data["facts"]
    statements = [f["statement"] for f in facts]
    assert any("Overhead lift 15 lb" in s for s in statements)
    assert not any("40 lb" in s or "100 lb" in s for s in statements)


def test_an_fces_demonstrated_demand_level_and_effort_are_function(tmp_path):
    record = tmp_path / "fce2.txt"
    record.write_text(
        "FUNCTIONAL CAPACITY EVALUATION\nDate of evaluation: 03/03/2025\n\n"
        "EFFORT\nThe client gave a valid, full effort on 18 of 20 consistency measures.\n\n"
        "Demonstrated physical demand level: SEDENTARY-LIGHT. Job physical demand level: "
        "MEDIUM.\n", encoding="utf-8")
    facts = run_intake([record], case_id="fce", ocr=False, today=TODAY).drafted.data["facts"]
    function = [f["statement"] for f in facts if f["category"] == "functional"]
    assert any("consistency measures" in s for s in function)
    assert any("SEDENTARY-LIGHT" in s for s in function)
    assert not any("MEDIUM" in s and "SEDENTARY" not in s for s in function)  # the job's


def test_a_row_whose_deficit_column_says_no_is_no_finding():
    got = [line.text for line in lines(
        "Task              Measured            Job demand         Deficit\n"
        "Overhead lift     15 lb rarely        40 lb frequent     YES\n"
        "Carry             30 lb occasional    20 lb occasional   no\n", 1)]
    assert got[1] == "Overhead lift 15 lb rarely YES"
    assert got[2] == ""  # the ability meets the demand: no limitation
