"""The second reading of a record by the sentence classifier (drafting/intake/learned/): what
no rule reads but reads like a fact is proposed, pending review; what the rules refuse on
principle (a plan, an administrative field, someone else, a diagnosis list) it never reads."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from benchmarks.intake_sentence_model import HELD_OUT, TRAINING_SETS, exported
from drafting.intake.extract.found import Document
from drafting.intake.learned.features import sentence_features
from drafting.intake.learned.model import ENV, MODEL_FILE, from_data, sentence_model
from drafting.intake.learned.reader import second_reading
from drafting.intake.packet import read_packet
from drafting.intake.run import run_intake

TODAY = dt.date(2026, 12, 5)
FOLLOW_UP = """PAIN MANAGEMENT FOLLOW-UP
Date of service: 03/14/2025
Patient: Test Person

HISTORY:
Neck pain continues, worse with looking up.

EXAM:
Cervical range of motion is limited in extension and right rotation, each to about half of normal.

PLAN:
Schedule cervical medial branch blocks next month.
"""


def _record(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "note.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _document(tmp_path: Path, text: str) -> Document:
    return read_packet([_record(tmp_path, text)], ocr=False, today=TODAY).documents[0].doc


def test_a_finding_no_rule_reads_is_proposed_by_the_classifier_and_stays_pending(
        tmp_path, monkeypatch):
    # a site's own model file (here: sure that a sentence naming a rotation is an examination)
    model_file = tmp_path / "site_model.json"
    model_file.write_text(json.dumps({
        "classes": ["exam", "none", "history"], "intercepts": [0, 1, 0],
        "weights": {"w:rotation": {"0": 9.0}}, "thresholds": {"add": 0.8}}), encoding="utf-8")
    monkeypatch.setenv(ENV, str(model_file))
    outcome = run_intake([_record(tmp_path, FOLLOW_UP)], case_id="classifier", ocr=False,
                         today=TODAY)
    facts = outcome.drafted.data["facts"]
    motion = [f for f in facts if "range of motion" in f["statement"]]
    assert [(f["category"], f["date"], f.get("proposed")) for f in motion] == [
        ("exam", dt.date(2025, 3, 14), True)]
    history = [f for f in facts if "Neck pain continues" in f["statement"]]
    assert history and not history[0].get("proposed")  # the rules' own reading: accepted
    assert not any("medial branch" in f["statement"] for f in facts)  # the plan: never a fact
    assert any("sentence classifier" in line and "not a language model" in line
               for line in outcome.header)


def test_with_the_classifier_off_intake_reads_by_rules_alone(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, "off")
    outcome = run_intake([_record(tmp_path, FOLLOW_UP)], case_id="rules", ocr=False,
                         today=TODAY)
    assert not any(f.get("proposed") for f in outcome.drafted.data["facts"])
    assert not any("sentence classifier" in line for line in outcome.header)


def test_a_model_file_that_is_not_one_is_refused_before_any_record_is_read(tmp_path,
                                                                            monkeypatch):
    broken = tmp_path / "broken.json"
    broken.write_text("{\"classes\": [1, 2", encoding="utf-8")
    monkeypatch.setenv(ENV, str(broken))
    with pytest.raises(ValueError, match=r"broken\.json: not a sentence model file"):
        run_intake([_record(tmp_path, FOLLOW_UP)], case_id="broken", ocr=False, today=TODAY)
    monkeypatch.setenv(ENV, str(tmp_path / "missing.json"))
    with pytest.raises(ValueError, match="no such model file"):
        run_intake([_record(tmp_path, FOLLOW_UP)], case_id="missing", ocr=False, today=TODAY)


def test_what_the_rules_refuse_is_never_read_however_sure_the_model_is(tmp_path):
    # a model sure that any sentence with "schedule" states a medication
    model = from_data({"classes": ["medication", "none", "exam"], "intercepts": [0, 0, 0],
                       "weights": {"w:schedule": {"0": 12.0}}, "thresholds": {"add": 0.5}})
    doc = _document(tmp_path, "PAIN NOTE\nDate of service: 03/14/2025\n\n"
                    "HISTORY:\nShe keeps to a strict schedule of walking each morning.\n"
                    "We will schedule a repeat lumbar MRI if the leg pain returns.\n"
                    "Family history: her mother keeps a schedule of opioid refills.\n\n"
                    "PLAN:\nSchedule cervical medial branch blocks next month.\n")
    added = second_reading(doc, [], model)
    assert [f.statement for f in added] == ["She keeps to a strict schedule of walking each "
                                            "morning."]  # the model fires; the gate decides
    assert all(f.learned and f.category.value == "medication" for f in added)


def test_a_field_the_rules_do_not_know_is_left_to_the_model(tmp_path):
    text = ("INTAKE FORM\nDate: 03/14/2025\nPhone: 555-0100\n"
            "Previous treatment: chiropractic twice a week since January, no help\n")
    doc = _document(tmp_path, text)
    learned = second_reading(doc, [], sentence_model())
    said = [f.statement for f in learned]
    assert not any("555" in s for s in said)  # the bundled model reads no fact in a phone field
    model = from_data({"classes": ["conservative_care", "none", "exam"], "intercepts": [0, 2, 0],
                       "weights": {"w:chiropractic": {"0": 8.0}}, "thresholds": {"add": 0.5}})
    assert [f.category.value for f in second_reading(doc, [], model)] == ["conservative_care"]


def test_a_sentence_the_rules_read_is_not_read_twice(tmp_path):
    doc = _document(tmp_path, FOLLOW_UP)
    model = from_data({"classes": ["history", "none", "exam"], "intercepts": [5, 0, 0],
                       "weights": {}, "thresholds": {"add": 0.5}})
    from drafting.intake.extract.facts import document_facts

    rules = document_facts(doc)
    again = second_reading(doc, rules, model)
    assert again[:len(rules)] == rules
    added = [f.statement for f in again[len(rules):]]
    assert "Neck pain continues, worse with looking up." not in added
    assert any("range of motion" in s for s in added)


def test_the_bundled_model_was_trained_on_the_training_sets_and_never_on_a_held_out_set():
    model = sentence_model()
    assert model is not None and MODEL_FILE.exists()
    trained = model.about["trained_on"]
    assert trained == ["benchmarks/intake_blind"] + [f"benchmarks/intake_blind_{n}"
                                                     for n in TRAINING_SETS[1:]]
    assert HELD_OUT and not set(HELD_OUT) & set(TRAINING_SETS)
    assert not any(name.endswith(tuple(f"_{n}" for n in HELD_OUT)) for name in trained)
    assert "none" in model.classes and {"medication", "exam", "history"} <= set(model.classes)


def test_the_file_format_reproduces_scikit_learns_probabilities():
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows = [({"w:mg": 1, "w:daily": 1}, "medication"), ({"w:tender": 1, "w:l0": 1}, "exam"),
            ({"w:phone": 1, "w:fax": 1}, "none"), ({"w:mg": 2, "w:bid": 1}, "medication"),
            ({"w:tender": 1, "w:spasm": 1}, "exam"), ({"w:fax": 1, "w:page": 1}, "none")]
    vectorizer = DictVectorizer()
    fitted = LogisticRegression(max_iter=1000).fit(vectorizer.fit_transform([r for r, _ in rows]),
                                                   [c for _, c in rows])
    model = from_data(exported(fitted, list(vectorizer.get_feature_names_out())))
    sample = {"w:mg": 1, "w:tender": 1, "w:fax": 1}
    expected = fitted.predict_proba(vectorizer.transform([sample]))[0]
    got = model.probabilities(sample)
    for name, p in zip(fitted.classes_, expected, strict=True):
        assert got[name] == pytest.approx(p, abs=0.02)  # (weights are kept to 3 places)


def test_a_model_file_naming_a_class_it_does_not_have_is_refused():
    with pytest.raises(ValueError, match=r"sentence_model\.json"):
        from_data({"classes": ["history", "none"], "intercepts": [0, 0],
                   "weights": {"w:pain": {"4": 1.0}}, "thresholds": {"add": 0.8}})


def test_features_name_the_section_the_drugs_and_the_rules_signals(tmp_path):
    doc = _document(tmp_path, "NOTE\nDate of service: 03/14/2025\n\nPLAN:\n"
                    "Start gabapentin 300 mg at bedtime.\n")
    from drafting.intake.extract.text import sentences

    said = next(s for s in sentences(doc.lines) if "gabapentin" in s.text)
    features = sentence_features(said, doc)
    assert {"x:drug", "x:dose", "s:plan", "r:unreadable", "w:gabapentin", "w:000"} <= set(
        features)


def test_the_command_names_a_bad_model_file_and_writes_nothing(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from drafting.cli.app import app

    monkeypatch.setenv(ENV, str(tmp_path / "missing.json"))
    out = tmp_path / "case.yaml"
    result = CliRunner().invoke(app, ["intake", str(_record(tmp_path, FOLLOW_UP)),
                                      "--out", str(out)])
    assert result.exit_code == 2
    assert "missing.json: no such model file" in result.output and "Fix:" in result.output
    assert not out.exists()
