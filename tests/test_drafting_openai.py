"""Drafting through the openai backend against a real OpenAI-compatible HTTP server on loopback
(tests/fakes): citations checked and repaired, retries, failed sections marked, concurrency
bounded, external hosts refused without consent."""

from __future__ import annotations

import asyncio
import json
import re

import pytest
from typer.testing import CliRunner

from drafting.backends.registry import create
from drafting.case import load_case
from drafting.cli.app import app
from drafting.settings import Settings
from drafting.stages import draft_case
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES
from tests.fakes.openai_server import FakeOpenAIServer, error, reply, reply_fn

CASE = EXAMPLES / "medicare-lumbar-facet-rfa.yaml"
REPAIR = "The section below contains citation markers that do not resolve"


def record_of(request: dict) -> dict:
    user = request["messages"][-1]["content"]
    return json.loads(re.search(r"<case_record>\n(.*)\n</case_record>", user, re.S).group(1))


def good_answer(request: dict) -> str:
    """A model that cites the first fact and excerpt it was given."""
    user = request["messages"][-1]["content"]
    if REPAIR in user:
        return re.sub(r"\[F9\d\d\]", "", user.split("<section_text>\n")[1].split(
            "\n</section_text>")[0])
    data = record_of(request)
    marks = [f"[{f['id']}]" for f in data["facts"][:1]]
    marks += [f"[G:{e['id']}]" for e in data["excerpts"][:1]]
    return f"The record bears on this section {''.join(marks)}."


def settings_for(server: FakeOpenAIServer, **extra) -> Settings:
    return Settings(backend="openai", base_url=server.base_url, model="fake-model",
                    api_key="sk-local", retries=extra.pop("retries", 1), **extra)


def run(server: FakeOpenAIServer, **extra):  # type: ignore[no-untyped-def]
    settings = settings_for(server, **extra)
    backend = create("openai", settings)
    backend.backoff_base_s = 0.001
    return asyncio.run(draft_case(load_case(CASE), "h", backend, settings, excerpts_by_id()))


def test_a_language_model_draft_is_checked_and_recorded():
    with FakeOpenAIServer(reply_fn(good_answer)) as server:
        draft = run(server)
        assert len(server.chat_requests) == len(draft.sections)
    assert draft.complete and draft.invalid_citations == []
    assert draft.label is None
    assert (draft.provenance.backend, draft.provenance.model) == ("openai", "fake-model")
    assert draft.provenance.language_model is True
    assert draft.provenance.base_url_host == "127.0.0.1" and not draft.provenance.external
    assert draft.provenance.usage.prompt_tokens > 1000 and draft.provenance.usage.cost_usd > 0
    assert all(s.citations for s in draft.sections if s.fact_ids)


def test_invalid_citations_get_one_repair_round():
    def answer(request: dict) -> str:
        text = good_answer(request)
        if REPAIR in request["messages"][-1]["content"]:
            return text
        return text.replace(".", " [F999].", 1)

    with FakeOpenAIServer(reply_fn(answer)) as server:
        draft = run(server)
        repairs = [r for r in server.chat_requests
                   if REPAIR in r.json["messages"][-1]["content"]]
    assert len(repairs) == len(draft.sections)
    assert "[F999]: F999 is not a fact in this case" in repairs[0].json["messages"][-1]["content"]
    assert all(s.status == "repaired" for s in draft.sections)
    assert draft.invalid_citations == []


def test_what_the_repair_round_cannot_fix_is_flagged():
    def stubborn(request: dict) -> str:
        return "The patient improved [F999]. Guideline says so [G:not-an-excerpt]."

    with FakeOpenAIServer(reply_fn(stubborn)) as server:
        draft = run(server)
    flagged = {c.marker for _, c in draft.invalid_citations}
    assert flagged == {"F999", "G:not-an-excerpt"}
    assert all(s.status == "ok" for s in draft.sections)


def test_transient_errors_are_retried_and_persistent_ones_fail_the_section_only():
    with FakeOpenAIServer(reply_fn(good_answer)) as server:
        server.script(error(429), error(500))  # the first call sees 429, then 500, then OK
        draft = run(server, retries=2, concurrency=1)
    assert draft.complete
    assert draft.sections[0].attempts == 3
    assert all(s.attempts == 1 for s in draft.sections[1:])

    with FakeOpenAIServer(error(500, {"error": {"message": "model crashed"}})) as server:
        draft = run(server, retries=1)
    assert not draft.complete
    assert all(s.status == "failed" for s in draft.sections)
    assert all("HTTP 500" in s.error and "(2 attempts)" in s.error for s in draft.sections)
    assert all(s.attempts == 2 and s.text == "" for s in draft.sections)


def test_concurrency_is_bounded():
    # 0.2 s per call: long enough that calls overlap even on a loaded machine
    with FakeOpenAIServer(reply_fn(good_answer), latency_s=0.2) as server:
        run(server, concurrency=3)
        assert 1 < server.max_in_flight <= 3


def test_cli_refuses_an_external_host_without_consent(tmp_path):
    result = CliRunner().invoke(app, [
        "draft", str(CASE), "--backend", "openai", "--base-url", "https://llm.example.com/v1",
        "--no-retrieval", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--allow-external" in result.stderr
    assert not any(tmp_path.iterdir())


def test_cli_marks_failed_sections_and_exits_1(tmp_path):
    with FakeOpenAIServer(error(500)) as server:
        result = CliRunner().invoke(app, [
            "draft", str(CASE), "--backend", "openai", "--base-url", server.base_url,
            "--no-retrieval", "--format", "json", "--out", str(tmp_path)],
            env={"NECESSITY_RETRIES": "0", "NECESSITY_API_KEY": "k"})
    assert result.exit_code == 1
    assert "failed: HTTP 500" in result.stderr
    saved = json.loads((tmp_path / "medicare-lumbar-facet-rfa.json").read_text())
    assert {s["status"] for s in saved["sections"]} == {"failed"}


@pytest.mark.parametrize("flag", [[], ["--allow-external"]])
def test_dry_run_sends_nothing(tmp_path, flag):
    with FakeOpenAIServer(reply("unused")) as server:
        result = CliRunner().invoke(app, [
            "draft", str(CASE), "--backend", "openai", "--base-url", server.base_url,
            "--no-retrieval", "--dry-run", *flag], env={"COLUMNS": "150"})
        assert result.exit_code == 0, result.output
        assert server.chat_requests == []
    assert "prompt tokens" in result.stdout and "estimated cost" in result.stdout
