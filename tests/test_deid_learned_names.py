"""The learned name finder (drafting/deid/learned_names.py): after the rules, a logistic
regression finds names, places and employers no rule marks. It never touches a clinical word,
``NECESSITY_DEID_MODEL=off`` turns it off, and a missing or malformed model file is an error
naming the file when the Deidentifier is built. Texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafting.deid.deidentifier import Deidentifier
from drafting.deid.learned_names import MODEL_FILE, ModelFileError, NameModel, load, selected
from drafting.deid.name_features import Record
from drafting.deid.phimap import PhiMap

# a name with no title, label, credential or relation before or after it: nothing a rule reads
UNCUED = "Lunch with Tamsin Okereke-Vale, then pain at night. Worse after long drives."
UNCUED_NAME = "Okereke-Vale"


def _deidentified(text: str, model: NameModel | bool = True) -> str:
    deid = Deidentifier(PhiMap(), model=model)
    deid.learn([text])
    return deid.deidentify(text)


def test_the_bundled_model_file_loads_with_its_threshold() -> None:
    model = load(MODEL_FILE)
    assert model is not None
    assert 0.0 < model.threshold <= 1.0
    assert model.weights and model.about["trained_on"]


def test_a_name_no_rule_marks_is_found_by_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NECESSITY_DEID_MODEL", raising=False)
    assert UNCUED_NAME in _deidentified(UNCUED, model=False)  # the rules alone leave it
    out = _deidentified(UNCUED)
    assert UNCUED_NAME not in out and "[NAME_" in out
    assert "Worse after long drives" in out


def test_a_name_the_model_finds_goes_everywhere_in_the_record(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NECESSITY_DEID_MODEL", raising=False)
    text = UNCUED + "\nCalled back later; OKEREKE had no questions."
    out = _deidentified(text)
    assert "OKEREKE" not in out and UNCUED_NAME not in out


def test_a_clinical_eponym_and_a_drug_are_never_taken_for_names(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NECESSITY_DEID_MODEL", raising=False)
    text = ("Exam: Spurling negative, Hoffmann absent, Lasegue positive on the left.\n"
            "Meds: Gabapentin 300 mg, Norco 5/325 as needed, Meloxicam 15 mg.")
    assert _deidentified(text) == text


def test_off_turns_the_model_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NECESSITY_DEID_MODEL", "off")
    deid = Deidentifier(PhiMap())
    assert deid.model is None
    deid.learn([UNCUED])
    assert UNCUED_NAME in deid.deidentify(UNCUED)


def test_a_malformed_model_file_is_an_error_naming_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bad = tmp_path / "names.json"
    bad.write_text(json.dumps({"weights": {"bias": 1.0}}), encoding="utf-8")  # no intercept
    monkeypatch.setenv("NECESSITY_DEID_MODEL", str(bad))
    with pytest.raises(ModelFileError, match=r"names\.json"):
        Deidentifier(PhiMap())


def test_a_missing_model_file_is_an_error_naming_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NECESSITY_DEID_MODEL", str(tmp_path / "absent.json"))
    with pytest.raises(ModelFileError, match=r"absent\.json"):
        Deidentifier(PhiMap())


def test_another_model_file_is_read_and_scoring_is_deterministic(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["threshold"] = 1.0  # nothing reaches it: the rules alone
    mine = tmp_path / "site_model.json"
    mine.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv("NECESSITY_DEID_MODEL", str(mine))
    assert UNCUED_NAME in _deidentified(UNCUED)
    monkeypatch.delenv("NECESSITY_DEID_MODEL")
    assert _deidentified(UNCUED) == _deidentified(UNCUED)


def test_states_kin_words_abbreviations_and_facility_words_are_never_scored() -> None:
    text = ("Mom drove her from Ohio to Briarcliff Hospital for the RT knee; Pain Score 6.\n"
            "Seen at St. Brendan clinic in New York. Halloran-Pike was there.")
    record = Record(text, [])
    scored_words = {record.toks[i].text for i in record.candidates()}
    assert not scored_words & {"Mom", "Ohio", "Briarcliff", "RT", "Score", "Brendan", "New",
                               "York"}
    assert "Halloran-Pike" in scored_words


def test_a_found_word_takes_the_rest_of_its_capitalised_run_at_the_lower_threshold() -> None:
    text = "Met Ottoline Vasquez-Reade, then Brannock later."
    words = [(4, 12, 0.5), (13, 26, 0.9), (33, 41, 0.5)]  # Ottoline, Vasquez-Reade, Brannock
    assert selected(text, words, 0.85, 0.4) == [(4, 12), (13, 26)]  # Brannock: another run
    assert selected(text, words, 0.85, 0.85) == [(13, 26)]


def test_necessity_deidentify_stops_before_reading_when_the_model_file_is_bad(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    from typer.testing import CliRunner

    from drafting.cli.app import app

    record = tmp_path / "note.txt"
    record.write_text("Seen today with Harriet Quimby-Lowe for back pain.", encoding="utf-8")
    bad = tmp_path / "names.json"
    bad.write_text('{"weights": {}}', encoding="utf-8")
    monkeypatch.setenv("NECESSITY_DEID_MODEL", str(bad))
    out_dir = tmp_path / "out"
    result = CliRunner().invoke(app, ["deidentify", str(record), "--out", str(out_dir)])
    assert result.exit_code == 2
    assert str(bad) in result.output and "NECESSITY_DEID_MODEL" in result.output
    assert not out_dir.exists()  # nothing written
