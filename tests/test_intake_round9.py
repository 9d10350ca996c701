"""Record intake on classes of error met in the intake round on development set 9, and two
regressions of the round on set 8 found on our own packets, each on new synthetic text (never a
blind set's own sentences)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from drafting.case import Fact
from drafting.intake.extract.anatomy import laterality
from drafting.intake.run import run_intake
from drafting.intake.score import compare

TODAY = dt.date(2028, 1, 1)
NOTE_HEAD = "SPINE CLINIC PROGRESS NOTE\nDate of service: 10/05/2027\n\n"


def facts_of(tmp_path: Path, text: str) -> list[dict]:
    record = tmp_path / "record.txt"
    record.write_text(text, encoding="utf-8")
    return run_intake([record], case_id="round-9", ocr=False, today=TODAY).drafted.data["facts"]


def statements(tmp_path: Path, text: str) -> str:
    return " | ".join(f["statement"] for f in facts_of(tmp_path, text))


# -- a finding graded on each side is on the side whose grade is off --------------------------


@pytest.mark.parametrize(("text", "side"), [
    ("Triceps reflex 2+ on the R, 1+ on the L.", "left"),
    ("Right patellar reflex 3+, left 2+.", "right"),
    ("Ankle dorsiflexion 4/5 on the left, 5/5 on the right.", "left"),
])
def test_a_grade_told_for_each_side_is_a_finding_of_the_side_that_is_off(text, side):
    assert (found := laterality(text)) and found.value == side


def test_the_same_grade_on_each_side_stays_bilateral():
    found = laterality("Hip flexion 5/5 on the left and 5/5 on the right.")
    assert found and found.value == "bilateral"


def test_an_asymmetric_reflex_in_a_note_is_drafted_on_its_side(tmp_path):
    text = NOTE_HEAD + ("PHYSICAL EXAM\nBrachioradialis reflex 1+ on the R, 2+ on the L.\n"
                        "Grip 4/5 on the right.\n")
    found = {f["statement"]: f.get("laterality") for f in facts_of(tmp_path, text)}
    assert found["Brachioradialis reflex 1+ on the R, 2+ on the L."] == "right"


# -- the packet score pairs an expected fact with the drafted one quoting its words -------------


def _fact(fid: str, statement: str, tags: list[str]) -> Fact:
    return Fact.model_validate({"id": fid, "category": "history", "date": "2027-10-05",
                                "statement": statement, "tags": tags,
                                "source": {"document": "D1", "page": 1}})


def test_a_missed_expected_fact_does_not_take_the_drafted_fact_of_another():
    expected = SimpleNamespace(documents=[], disputed_items=[], facts=[
        _fact("F1", "Denies fever or chills.", ["red_flag_excluded"]),
        _fact("F2", "Drinks two beers a night.", [])])
    drafted = [_fact("F1", "Drinks two beers a night.", [])]
    result = compare(expected, drafted)  # type: ignore[arg-type]
    assert [f.statement for f in result.missed] == ["Denies fever or chills."]
