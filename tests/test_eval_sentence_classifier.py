"""The eval harness's sentence classifier (#19, ``evals/learned/``): a logistic regression fitted
on the labelled paraphrase sets reads each sentence beside what it cites and, where it doubts
the sentence, says so as a warning of its own check, named as a classifier's, with the signals
that weighed most. It never raises an error, never removes a rule finding, stays silent on the
offline composer's drafts, and is turned off, or replaced by a site's own model, by
NECESSITY_EVAL_MODEL."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.cli.app import app
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.learned import NAME, check_learned
from evals.context import EvalContext
from evals.harness import evaluate_draft
from evals.learned import model as model_module
from evals.learned.features import fact_text, fact_words, sentence_features
from evals.learned.model import ENV, ModelFileError, from_data, sentence_model
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()
CASE = load_case(EXAMPLES / "wc-consult-topical-imr.yaml")  # F1: pinned by a pallet
# A fall from a ladder: nothing in F1 (a crush injury at a loading dock) says so.
LADDER = "His right knee was hurt in a fall from a ladder at the loading dock [F1]."
PINNED = "His right knee and upper leg were pinned against a loading-dock wall by a pallet [F1]."


@pytest.fixture(autouse=True)
def _fresh(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(ENV, raising=False)
    model_module._load.cache_clear()
    yield
    model_module._load.cache_clear()


def _draft(case=CASE) -> Draft:
    return asyncio.run(draft_case(case, "classifier", create("offline", SETTINGS), SETTINGS,
                                  EXCERPTS))


def _with(draft: Draft, text: str) -> Draft:
    index = next(n for n, s in enumerate(draft.sections) if s.kind == "item_analysis")
    section = draft.sections[index]
    sections = list(draft.sections)
    sections[index] = section.model_copy(update={
        "text": section.text.rstrip() + "\n\n" + text,
        "fact_ids": [*section.fact_ids, *(f for f in ("F1",) if f not in section.fact_ids)]})
    return draft.model_copy(update={"sections": sections})


def _ladder_model(tmp_path: Path) -> Path:
    # a hand-made model that doubts one thing only: a sentence saying 'ladder' where what it
    # cites does not
    path = tmp_path / "ladder.json"
    path.write_text(json.dumps({"intercept": -6.0, "weights": {"nv:ladder": 12.0},
                                "report_at": 0.5}), encoding="utf-8")
    return path


def test_a_doubt_is_a_warning_that_names_the_classifier_what_is_cited_and_why(tmp_path,
                                                                           monkeypatch):
    monkeypatch.setenv(ENV, str(_ladder_model(tmp_path)))
    report = evaluate_draft(_with(_draft(), LADDER), CASE, EXCERPTS)
    doubts = [f for f in report.findings if f.check == NAME]
    assert len(doubts) == 1
    doubt = doubts[0]
    assert doubt.severity == "warning" and doubt.text == LADDER
    assert "not a language model" in doubt.message and "misstate F1" in doubt.message
    assert "'ladder' is not in what it cites" in doubt.message
    assert not [f for f in report.errors if f.check == NAME]


def test_a_sentence_that_restates_what_it_cites_is_not_doubted(tmp_path, monkeypatch):
    monkeypatch.setenv(ENV, str(_ladder_model(tmp_path)))
    report = evaluate_draft(_with(_draft(), PINNED), CASE, EXCERPTS)
    assert not [f for f in report.findings if f.check == NAME]


def test_off_turns_the_classifier_off_and_leaves_every_rule_finding(tmp_path, monkeypatch):
    draft = _with(_draft(), LADDER)
    monkeypatch.setenv(ENV, str(_ladder_model(tmp_path)))
    on = evaluate_draft(draft, CASE, EXCERPTS)
    monkeypatch.setenv(ENV, "off")
    off = evaluate_draft(draft, CASE, EXCERPTS)
    assert sentence_model() is None
    assert not [f for f in off.findings if f.check == NAME]
    assert [f for f in on.findings if f.check != NAME] == off.findings


def test_the_bundled_model_is_silent_on_every_example_draft():
    # the offline composer restates facts as the record holds them; its drafts stay clean
    assert sentence_model() is not None
    for path in sorted(EXAMPLES.glob("*.yaml")):
        case = load_case(path)
        draft = _draft(case)
        found = check_learned(EvalContext(draft, case, EXCERPTS))
        assert not found, (path.name, [f.text for f in found])


def test_the_bundled_model_doubts_a_misstatement_more_than_a_restatement():
    model = sentence_model()
    assert model is not None
    facts = {f.id: f for f in CASE.facts}
    others = [fact_words(f) for f in CASE.facts if f.id != "F4"]

    def p(text: str) -> float:
        return model.probability(sentence_features(text, "item_analysis",
                                                   [fact_text(facts["F4"])], [], others))

    said = "Ibuprofen 600 mg three times daily was dispensed for about six months [F4]."
    reversed_ = "Ibuprofen 600 mg three times daily was never dispensed, so it was not tried [F4]."
    assert p(reversed_) > p(said)


@pytest.mark.parametrize("content, problem", [
    (None, "no such model file"),
    ("{not json", "not a sentence model file"),
    ('{"intercept": 0, "weights": {}, "report_at": 1.5}', "not a probability"),
    ('{"weights": {}, "report_at": 0.5}', "KeyError"),
])
def test_a_model_file_that_cannot_be_read_is_refused_naming_it(tmp_path, monkeypatch, content,
                                                               problem):
    path = tmp_path / "model.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setenv(ENV, str(path))
    with pytest.raises(ModelFileError) as caught:
        sentence_model()
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_necessity_eval_stops_before_checking_when_the_model_file_is_bad(tmp_path, monkeypatch):
    bad = tmp_path / "broken.json"
    bad.write_text("[]", encoding="utf-8")
    monkeypatch.setenv(ENV, str(bad))
    result = CliRunner().invoke(app, ["eval", "run", str(tmp_path / "never-read.json")])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Fix:" in result.output and "off" in result.output


def test_weights_read_as_data_give_a_probability_between_zero_and_one():
    model = from_data({"intercept": 0.0, "weights": {"a": 1000.0, "b": -1000.0},
                       "report_at": 0.5})
    assert model.probability({"a": 1}) == pytest.approx(1.0)
    assert model.probability({"b": 1}) == pytest.approx(0.0)
    assert model.probability({}) == pytest.approx(0.5)
    assert model.reasons({"a": 1, "b": 1}) == ["a"]


def test_necessity_serve_refuses_to_start_with_a_bad_model_file(tmp_path, monkeypatch):
    bad = tmp_path / "absent.json"
    monkeypatch.setenv(ENV, str(bad))
    # an address nothing can listen on: were the model file not checked first, the server
    # would fail to bind (exit 1) instead of hanging the test
    result = CliRunner().invoke(app, ["serve", "--data-dir", str(tmp_path / "data"),
                                      "--host", "256.0.0.1"])
    assert result.exit_code == 2
    assert str(bad) in result.output and "Fix:" in result.output
