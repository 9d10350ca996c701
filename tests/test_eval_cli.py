"""``necessity eval``: suites and draft files in, a table, JSON and a self-contained HTML report
out, and an exit code a CI job can gate on. The HTML is opened in headless Chromium."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.backends.registry import create
from drafting.case import case_file_hash, load_case
from drafting.cli.app import app
from drafting.export.json_export import write_json
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.checks.support import check_support
from evals.context import EvalContext
from evals.judge import parse_verdicts
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn

runner = CliRunner()
CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
# The record of the June injection (fact F8), with its side swapped.
SWAPPED_SIDE = ("Right L5-S1 transforaminal epidural steroid injection under fluoroscopic",
                "Left L5-S1 transforaminal epidural steroid injection under fluoroscopic")


def _suite(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "suite.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _draft_file(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    case = load_case(CASE)
    settings = Settings()
    draft = asyncio.run(draft_case(case, case_file_hash(CASE.read_bytes()),
                                   create("offline", settings), settings, excerpts_by_id()))
    if edit:
        section = next(s for s in draft.sections if edit[0] in s.text)
        section.text = section.text.replace(*edit, 1)
    return write_json(draft, tmp_path / "draft.json")


def test_a_suite_that_meets_its_thresholds_exits_zero_and_writes_reports(tmp_path):
    suite = _suite(tmp_path, f"""
name: one-case
cases: ["{EXAMPLES}/wc-lumbar-esi-*.yaml"]
document_types: [litigation_opinion, appeal_letter]
embeddings: false
thresholds: {{citation_validity: 1.0, consistency: 1.0}}
""")
    result = runner.invoke(app, ["eval", "run", str(suite), "--json", str(tmp_path / "r.json"),
                                 "--html", str(tmp_path / "r.html")], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    assert "PASSED" in result.stdout
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["passed"] is True
    assert len(data["runs"]) == 4  # two example cases match the glob, two types each
    assert {g["check"] for g in data["gates"]} == {"citation_validity", "consistency"}
    html = (tmp_path / "r.html").read_text()
    assert "<svg" in html and "PASSED" in html and "<script" not in html


def test_a_draft_with_an_error_fails_the_gate_and_the_report_links_the_sentence(tmp_path):
    draft = _draft_file(tmp_path, SWAPPED_SIDE)
    result = runner.invoke(app, ["eval", "run", str(draft), "--case", str(CASE),
                                 "--min-score", "consistency=1.0", "--json",
                                 str(tmp_path / "r.json"), "--html", str(tmp_path / "r.html")],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output
    assert "MISSED" in result.stdout and "FAILED" in result.stdout
    data = json.loads((tmp_path / "r.json").read_text())
    finding = next(f for f in data["runs"][0]["findings"] if f["check"] == "consistency")
    assert "side left" in finding["message"]
    anchor = f'r1-{finding["section"]}-{finding["sentence"]}'
    html = (tmp_path / "r.html").read_text()
    assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


def test_a_clean_draft_file_passes(tmp_path):
    draft = _draft_file(tmp_path)
    result = runner.invoke(app, ["eval", "run", str(draft), "--case", str(CASE),
                                 "--min-score", "consistency=1.0", "--no-embeddings"])
    assert result.exit_code == 0, result.output


def test_a_case_file_changed_since_drafting_is_reported(tmp_path):
    draft = _draft_file(tmp_path)
    changed = tmp_path / "case.yaml"
    changed.write_text(CASE.read_text() + "\n# edited after drafting\n")
    result = runner.invoke(app, ["eval", "run", str(draft), "--case", str(changed),
                                 "--no-embeddings"])
    assert result.exit_code == 1
    assert "case_hash" in result.stderr and "changed since this draft was made" in result.stderr


@pytest.mark.parametrize(("body", "expected"), [
    ("name: x\ncases: [a.yaml]\nthresholds: {consistancy: 1.0}\n",
     "thresholds: Value error, unknown check 'consistancy'"),
    ("name: x\ncases: [a.yaml\n", "malformed YAML"),
    ("name: x\ncases: ['nothing-*.yaml']\n", "cases: 'nothing-*.yaml' matches no file"),
    ("name: x\ncases: [a.yaml]\nmutations: {min_detection: {swap_sides: 0.9}}\n",
     "mutations.min_detection: Value error, unknown mutation class 'swap_sides'"),
    ("- just a list\n", "a suite is a mapping"),
])
def test_a_bad_suite_names_the_file_and_field_and_exits_2(tmp_path, body, expected):
    suite = _suite(tmp_path, body)
    result = runner.invoke(app, ["eval", "run", str(suite)])
    assert result.exit_code == 2
    assert str(suite) in result.stderr and expected in result.stderr


def test_a_file_that_is_not_a_draft_is_refused(tmp_path):
    bad = tmp_path / "draft.json"
    bad.write_text('{"case_id": "x"}')
    result = runner.invoke(app, ["eval", "run", str(bad), "--case", str(CASE)])
    assert result.exit_code == 2
    assert f"{bad}: " in result.stderr and "JSON export" in result.stderr


# --- the optional LLM judge, against a real HTTP server on loopback ---------------------------


def test_judge_replies_are_parsed_by_pair_number_and_gaps_stay_undecided():
    text = "2: UNSUPPORTED - no dose in the record\n1: SUPPORTED - fine\ngarbage"
    assert parse_verdicts(text, 3) == [(True, "fine"), (False, "no dose in the record"), None]


def test_the_judge_decides_doubtful_sentences_and_warns_on_the_rest():
    case = load_case(CASE)
    settings = Settings()
    excerpts = excerpts_by_id()
    draft = asyncio.run(draft_case(case, "x", create("offline", settings), settings, excerpts))
    section = next(s for s in draft.sections if s.item_id == "I1")
    section.text += " Knee arthroscopy relieved the pain completely for two years [F2]."

    def answer(request: dict) -> str:
        user = request["messages"][-1]["content"]
        pairs = user.count("<sentence>")
        # The judge calls the inserted claim supported, and the first pair of each batch not.
        verdicts = ["SUPPORTED - fine" if i > 1 or "arthroscopy" in user else
                    "UNSUPPORTED - doubt" for i in range(1, pairs + 1)]
        lines = [f"{i}: {v}" for i, v in enumerate(verdicts, start=1)]
        return "\n".join(lines)

    with FakeOpenAIServer(default=reply_fn(answer)) as server:
        judge = DraftingService(Settings.load()).evaluation.judge(
            model="judge", base_url=server.base_url, allow_external=False)
        findings = check_support(EvalContext(draft, case, excerpts, judge=judge))
        assert server.chat_requests, "the judge was never called"
    assert not [f for f in findings if f.severity == "error"], "the judge rescued the claim"
    warnings = [f for f in findings if f.severity == "warning"]
    assert warnings and all(f.message == "judge: doubt" for f in warnings)


def test_the_judge_asks_each_pair_once_and_asks_again_only_what_it_could_not_answer():
    from evals.judge import LLMJudge

    pairs = [("Relief was 60% [F9].", "60% relief for eight weeks"),
             ("Walked two miles [F9].", "walked two miles a day"),
             ("Relief was 60% [F9].", "60% relief for eight weeks")]  # the first again

    def answer(request: dict) -> str:
        user = request["messages"][-1]["content"]
        # Only the first pair of a batch gets a verdict; the rest are garbled (no verdict).
        return "1: SUPPORTED - fine" if "<sentence>" in user else ""

    with FakeOpenAIServer(default=reply_fn(answer)) as server:
        settings = Settings(backend="openai", base_url=server.base_url, model="judge",
                            api_key="sk-local", retries=0)
        judge = LLMJudge(create("openai", settings), concurrency=1)
        first = judge.verdicts(pairs)
        calls = len(server.chat_requests)
        again = judge.verdicts(pairs)
        asked_again = server.chat_requests[calls:]
    assert first == [(True, "fine"), None, (True, "fine")]
    assert calls == 1 and server.chat_requests[0].json["messages"][-1]["content"].count(
        "<sentence>") == 2  # the repeated pair went once
    assert again == [(True, "fine")] * 3  # asked alone, it was answered this time
    assert len(asked_again) == 1  # only the unanswered pair, alone
    assert asked_again[0].json["messages"][-1]["content"].count("<sentence>") == 1
    assert "two miles" in asked_again[0].json["messages"][-1]["content"]


# --- the HTML report in a real browser --------------------------------------------------------


def _chromium() -> str | None:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None and os.environ.get("CI"):
        pytest.fail("chromium is not installed; .ci/run installs it (Debian package chromium)")
    return found


@pytest.mark.browser
def test_the_html_report_renders_in_headless_chromium(tmp_path):
    browser = _chromium()
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium); CI installs it")
    draft = _draft_file(tmp_path, SWAPPED_SIDE)
    html = tmp_path / "report.html"
    runner.invoke(app, ["eval", "run", str(draft), "--case", str(CASE), "--no-embeddings",
                        "--html", str(html)])
    shot = tmp_path / "shot.png"
    flags = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    subprocess.run([*flags, "--window-size=1200,1600", f"--screenshot={shot}",
                    html.as_uri()], check=True, capture_output=True, timeout=120)
    dom = subprocess.run([*flags, "--dump-dom", html.as_uri()], check=True,
                         capture_output=True, text=True, timeout=120).stdout
    assert "<title>necessity eval report: drafts</title>" in dom
    assert "FAILED" in dom and "side left" in dom
    png = shot.read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", png[16:24])
    assert (width, height) == (1200, 1600)
    assert len(png) > 30_000  # a blank page compresses to a few kilobytes


# --- drafts in the draft store, as the reviewer left them -------------------------------------


def _store_cli(store: Path, *args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, [*args, "--store-url", str(store)], env={"COLUMNS": "200"})


def test_a_stored_draft_is_checked_against_the_reviewer_s_override(tmp_path):
    store = tmp_path / "drafts.sqlite"
    drafted = _store_cli(store, "draft", str(CASE), "--no-retrieval", "--out",
                         str(tmp_path / "out"), "--format", "json")
    assert drafted.exit_code == 0, drafted.output
    draft_id = drafted.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    clean = _store_cli(store, "eval", "run", "--draft-id", draft_id, "--no-embeddings")
    assert clean.exit_code == 0, clean.output
    # The physician overrides I1; until its sections are regenerated they contradict it.
    overridden = _store_cli(store, "drafts", "override", draft_id, "--item", "I1", "--outcome",
                            "not_necessary", "--reason", "relief is self-reported only",
                            "--author", "Dr. Kim")
    assert overridden.exit_code == 0, overridden.output
    stale = _store_cli(store, "eval", "run", "--draft-id", draft_id, "--no-embeddings",
                       "--json", str(tmp_path / "stale.json"))
    assert stale.exit_code == 1
    findings = json.loads((tmp_path / "stale.json").read_text())["runs"][0]["findings"]
    assert any(f["check"] == "outcomes" and "reviewer's override" in f["message"]
               for f in findings)
    regenerated = _store_cli(store, "drafts", "regenerate", draft_id, "analysis-I1",
                             "conclusion", "--author", "Dr. Kim", "--reason", "carry override")
    assert regenerated.exit_code == 0, regenerated.output
    fresh = _store_cli(store, "eval", "run", "--draft-id", draft_id, "--no-embeddings")
    assert fresh.exit_code == 0, fresh.output


def test_an_unknown_stored_draft_fails_the_gate_with_its_id(tmp_path):
    result = _store_cli(tmp_path / "drafts.sqlite", "eval", "run", "--draft-id", "nope")
    assert result.exit_code == 1
    assert "draft nope" in result.stderr
