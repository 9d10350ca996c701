"""``necessity draft`` stores every draft; ``necessity drafts ...`` shows, diffs and exports it,
and records a physician's edits, regenerations, overrides and sign-off with author, time and
reason. A regeneration never overwrites an edit. An interrupted draft keeps its finished sections.
Real SQLite store files, the real CLI, the real fake HTTP server."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.draft import Draft
from tests.conftest import EXAMPLES, ROOT
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn
from tests.test_drafting_openai import good_answer

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
EDITED = "The injection was reasonable and necessary [F5]. Wording tightened by hand."


def cli(store: Path, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, [*args, "--store-url", str(store)])
    return result


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, str]:
    store = tmp_path / "drafts.sqlite"
    result = cli(store, "draft", str(CASE), "--no-retrieval", "--out", str(tmp_path / "out"),
                 "--format", "md,json")
    assert result.exit_code == 0, result.output
    draft_id = result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    return store, draft_id


def history(store: Path, draft_id: str) -> list[dict]:
    result = cli(store, "drafts", "history", draft_id, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_draft_stores_the_draft_with_its_model_calls_and_prints_its_id(drafted) -> None:
    store, draft_id = drafted
    listed = json.loads(cli(store, "drafts", "list", "--json").stdout)
    assert [(d["draft_id"], d["status"], d["sections"]) for d in listed] == [
        (draft_id, "complete", 12)]
    conn = sqlite3.connect(store)
    calls = conn.execute("SELECT count(*), sum(completion_tokens), min(seconds) >= 0 "
                         "FROM model_calls WHERE draft_id = ?", (draft_id,)).fetchone()
    assert calls[0] == 12 and calls[1] > 0 and calls[2] == 1
    provenance = json.loads(conn.execute("SELECT provenance FROM drafts").fetchone()[0])
    assert provenance["backend"] == "offline" and len(provenance["prompt_hashes"]) == 12
    content = conn.execute("SELECT content FROM cases").fetchone()[0]
    assert content == CASE.read_text()  # kept for regeneration
    actions = [e["action"] for e in history(store, draft_id)]
    assert actions[0] == "draft_created" and actions.count("section_drafted") == 12
    assert actions[-3:] == ["draft_finished", "exported", "exported"]
    shown = cli(store, "drafts", "show", draft_id)
    assert shown.exit_code == 0 and "status complete" in shown.stdout
    assert "12 model call(s)" in shown.stdout


def test_edits_regenerations_and_overrides_are_in_history_and_nothing_is_overwritten(
        drafted, tmp_path: Path) -> None:
    store, draft_id = drafted
    edit = tmp_path / "conclusion.txt"
    edit.write_text(EDITED)
    edited = cli(store, "drafts", "edit", draft_id, "conclusion", "--file", str(edit),
                 "--author", "Dr. Reyes", "--reason", "tighten the wording")
    assert edited.exit_code == 0, edited.output
    assert "version 2 by Dr. Reyes" in edited.stdout
    overridden = cli(store, "drafts", "override", draft_id, "--item", "I1", "--outcome",
                     "not_necessary", "--reason", "relief after the first injection is "
                     "self-reported only", "--author", "Dr. Kim")
    assert overridden.exit_code == 0, overridden.output
    assert "analysis-I1" in overridden.stderr and "conclusion" in overridden.stderr
    regenerated = cli(store, "drafts", "regenerate", draft_id, "conclusion", "--author",
                      "Dr. Kim", "--reason", "carry the override into the conclusion")
    assert regenerated.exit_code == 0, regenerated.output
    assert "version 3 by offline" in regenerated.stdout
    assert "version 2 by Dr. Reyes is kept" in regenerated.stdout

    entries = history(store, draft_id)
    now = dt.datetime.now(dt.UTC)
    by_action = {e["action"]: e for e in entries}
    for action, who, why in (
            ("section_edited", "Dr. Reyes", "tighten the wording"),
            ("outcome_overridden", "Dr. Kim", "relief after the first injection is "
                                              "self-reported only"),
            ("section_regenerated", "Dr. Kim", "carry the override into the conclusion")):
        entry = by_action[action]
        assert (entry["actor"], entry["reason"]) == (who, why)
        assert abs(now - dt.datetime.fromisoformat(entry["at"])) < dt.timedelta(minutes=5)
    assert by_action["outcome_overridden"]["what"] == "I1 outcome: necessary -> not_necessary"
    assert "previous v2 by Dr. Reyes kept" in by_action["section_regenerated"]["what"]
    table = cli(store, "drafts", "history", draft_id).stdout
    assert "Dr. Reyes" in table and "tighten the" in table and "regenerated" in table

    # the edit is still version 2, word for word; the regeneration is version 3 and follows the
    # override (the offline composer now writes "not medically necessary" for I1)
    conn = sqlite3.connect(store)
    texts = dict(conn.execute(
        "SELECT v.version, v.text FROM sections s JOIN section_versions v ON v.section_id = s.id "
        "WHERE s.draft_id = ? AND s.key = 'conclusion'", (draft_id,)).fetchall())
    assert texts[2] == EDITED and sorted(texts) == [1, 2, 3]
    assert "injection was not medically necessary" in texts[3]
    assert "injection was medically necessary" in texts[1]
    diff = cli(store, "drafts", "diff", draft_id, "conclusion", "2", "3").stdout
    assert f"-{EDITED}" in diff and "+I1." in diff

    # the export shows the override and the latest text
    out = tmp_path / "export"
    exported = cli(store, "drafts", "export", draft_id, "--format", "md,json", "--out", str(out),
                   "--author", "Dr. Kim")
    assert exported.exit_code == 0, exported.output
    markdown = (out / f"{CASE.stem}.md").read_text()
    assert "## Reviewer overrides" in markdown
    assert ("I1 outcome: not necessary (engine: necessary), by Dr. Kim on "
            f"{now:%Y-%m-%d}: relief after the first injection is self-reported only") in markdown
    draft = Draft.model_validate_json((out / f"{CASE.stem}.json").read_text())
    assert draft.criteria[0].outcome == "not_necessary" and draft.overrides[0].author == "Dr. Kim"
    assert history(store, draft_id)[-1]["action"] == "exported"


def test_a_change_after_sign_off_voids_it(drafted, tmp_path: Path) -> None:
    store, draft_id = drafted
    signed = cli(store, "drafts", "signoff", draft_id, "--author", "Dr. Reyes")
    assert signed.exit_code == 0, signed.output
    assert json.loads(cli(store, "drafts", "list", "--json").stdout)[0]["signed_off_by"] == (
        "Dr. Reyes")
    overridden = cli(store, "drafts", "override", draft_id, "--item", "I1", "--criterion",
                     "esi_repeat.prior_relief", "--status", "undocumented", "--reason",
                     "the relief is self-reported only", "--author", "Dr. Kim")
    assert overridden.exit_code == 0, overridden.output
    entries = history(store, draft_id)
    assert entries[-2]["what"] == ("I1 criterion esi_repeat.prior_relief: met -> undocumented")
    voided = entries[-1]
    assert voided["action"] == "sign_off_voided" and voided["actor"] == "Dr. Kim"
    assert voided["detail"]["signed_off_by"] == "Dr. Reyes"
    assert json.loads(cli(store, "drafts", "list", "--json").stdout)[0]["signed_off_by"] is None


@pytest.mark.parametrize("args", [
    ["edit", "{id}", "conclusion", "--file", "{empty}", "--author", "A", "--reason", "r"],
    ["edit", "{id}", "conclusion", "--file", "{text}", "--author", "A", "--reason", " "],
    ["edit", "{id}", "nosuchsection", "--file", "{text}", "--author", "A", "--reason", "r"],
    ["override", "{id}", "--item", "I1", "--outcome", "necessary", "--reason", "", "--author",
     "A"],
    ["override", "{id}", "--item", "I1", "--outcome", "necessary", "--status", "met",
     "--reason", "r", "--author", "A"],
    ["override", "{id}", "--item", "I9", "--outcome", "necessary", "--reason", "r",
     "--author", "A"],
    ["regenerate", "{id}", "nosuchsection", "--author", "A", "--reason", "r"],
    ["show", "feedbeef0000"],
    ["diff", "{id}", "conclusion", "1", "9"],
])
def test_refused_review_actions_exit_2_and_change_nothing(drafted, tmp_path: Path,
                                                          args: list[str]) -> None:
    store, draft_id = drafted
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "text.txt").write_text("Some text.")
    before = len(history(store, draft_id))
    filled = [a.format(id=draft_id, empty=tmp_path / "empty.txt", text=tmp_path / "text.txt")
              for a in args]
    result = cli(store, "drafts", *filled)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() and "Traceback" not in result.output
    assert len(history(store, draft_id)) == before


def _sections_stored(store: Path) -> int:
    if not store.exists():
        return 0
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=10)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "section_versions" not in tables:
            return 0
        return conn.execute("SELECT count(*) FROM section_versions").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.slow
@pytest.mark.parametrize("kill", [signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_draft_keeps_its_finished_sections(tmp_path: Path, kill) -> None:
    store = tmp_path / "drafts.sqlite"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    with FakeOpenAIServer(reply_fn(good_answer), latency_s=0.3) as server:
        process = subprocess.Popen(
            [sys.executable, "-m", "drafting", "draft", str(CASE), "--no-retrieval",
             "--backend", "openai", "--base-url", server.base_url, "--concurrency", "1",
             "--out", str(tmp_path / "out"), "--store-url", str(store)],
            env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + 120
        while _sections_stored(store) < 3 and time.monotonic() < deadline \
                and process.poll() is None:
            time.sleep(0.05)
        process.send_signal(kill)
        log = process.communicate(timeout=60)[0]
    expected = 130 if kill == signal.SIGTERM else -signal.SIGKILL
    assert process.returncode == expected, log
    [listed] = json.loads(cli(store, "drafts", "list", "--json").stdout)
    assert 3 <= listed["sections"] < 11
    assert listed["status"] == ("incomplete" if kill == signal.SIGTERM else "interrupted")
    if kill == signal.SIGTERM:
        assert "stored as incomplete" in log
        assert history(store, listed["draft_id"])[-1]["action"] == "draft_interrupted"
