"""Acceptance: a batch of 50 cases drafted by a separate process (or by two worker processes)
against the fake OpenAI-compatible server on loopback (real HTTP, injected latency) is SIGKILLed
mid-run, then resumed; every case ends drafted exactly once, nothing finished is drafted again,
and every output is complete."""

from __future__ import annotations

import csv
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

from drafting.draft import Draft
from tests.conftest import ROOT
from tests.fakes.case_variants import write_case_variants
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn
from tests.test_drafting_openai import good_answer

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

CASES = 50
CONCURRENCY = 4


def batch(store: Path, data: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "drafting", "draft-batch", *args, "--store-url", str(store),
            "--data-dir", str(data)]


def done_count(store: Path) -> tuple[int, int]:
    """(run items done, drafts begun) as another process sees them right now."""
    if not store.exists():
        return 0, 0
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=10)
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if "run_items" not in tables:
            return 0, 0
        done = conn.execute("SELECT count(*) FROM run_items WHERE status = 'done'").fetchone()[0]
        begun = conn.execute("SELECT count(*) FROM drafts").fetchone()[0]
        return done, begun
    finally:
        conn.close()


@pytest.fixture
def server():
    with FakeOpenAIServer(reply_fn(good_answer), latency_s=0.05) as fake:
        yield fake


def workers_alive(run_id: str) -> bool:
    """Whether a worker process of the run is still running (they die with their parent)."""
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            args = cmdline.read_bytes().split(b"\0")
        except OSError:  # ended meanwhile
            continue
        if b"--shard" in args and run_id.encode() in args:
            return True
    return False


@pytest.mark.parametrize("workers", [1, 2], ids=["one process", "two worker processes"])
def test_a_killed_batch_resumes_and_drafts_every_case_exactly_once(tmp_path: Path, server,
                                                                   workers: int):
    cases = write_case_variants(tmp_path / "cases", CASES)
    store, data, out = tmp_path / "drafts.sqlite", tmp_path / "data", tmp_path / "out"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(ROOT)}
    command = batch(store, data, str(tmp_path / "cases"), "--backend", "openai", "--base-url",
                    server.base_url, "--model", "fake-model", "--concurrency",
                    str(CONCURRENCY), "--workers", str(workers), "--out", str(out))
    first = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        done, begun = done_count(store)
        if done >= 5 or first.poll() is not None:
            break
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    log = first.communicate(timeout=60)[0]
    assert first.returncode == -signal.SIGKILL, log
    conn = sqlite3.connect(store)
    run_id = conn.execute("SELECT id FROM runs").fetchone()[0]
    conn.close()
    deadline = time.monotonic() + 30
    while workers_alive(run_id) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not workers_alive(run_id), "worker processes outlived their killed parent"
    done, begun = done_count(store)
    assert 0 < done < CASES, f"kill landed at {done} done cases; the test needs a mid-run kill"
    assert begun > done, "no draft was in flight at the kill"  # the case resuming must handle
    requests_before = len(server.chat_requests)

    conn = sqlite3.connect(store)
    stored_before = dict(conn.execute(
        "SELECT s.draft_id || '/' || s.key, v.text FROM sections s JOIN section_versions v "
        "ON v.section_id = s.id").fetchall())
    conn.close()

    resume_began = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    second = subprocess.run(batch(store, data, "--resume", run_id, "--workers", str(workers)),
                            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
    assert second.returncode == 0, second.stdout + second.stderr
    assert f"run {run_id} finished: {CASES} done, 0 failed" in second.stdout

    conn = sqlite3.connect(store)
    drafts = conn.execute("SELECT case_id, case_hash, status, run_id FROM drafts").fetchall()
    # exactly one draft per case, all of this run, all complete
    assert sorted(d[0] for d in drafts) == sorted(p.stem for p in cases)
    assert {d[2] for d in drafts} == {"complete"} and {d[3] for d in drafts} == {run_id}
    # nothing drafted twice: one version per section, one model call per version
    versions = conn.execute("SELECT max(version), count(*) FROM section_versions").fetchone()
    calls = conn.execute("SELECT count(*) FROM model_calls").fetchone()[0]
    assert versions[0] == 1 and calls == versions[1]
    # sections stored before the kill were kept as they were, not drafted again
    after = dict(conn.execute(
        "SELECT s.draft_id || '/' || s.key, v.text FROM sections s JOIN section_versions v "
        "ON v.section_id = s.id").fetchall())
    assert stored_before and all(after[k] == v for k, v in stored_before.items())
    # the resumed process asked the server once per section it stored, and only for sections
    # the first process had not stored; the first process lost only the calls in flight (or
    # answered, not yet stored) at the kill. Counted by the calls' own times, not by the
    # snapshot above: a worker killed inside its commit can leave that commit in the WAL
    # unindexed, invisible to the snapshot and visible after the next recovery (seen once in CI
    # as a resumed run that asked one request fewer than the snapshot's count).
    resumed_calls = conn.execute("SELECT count(*) FROM model_calls WHERE created_at >= ?",
                                 (resume_began,)).fetchone()[0]
    assert len(server.chat_requests) - requests_before == resumed_calls
    assert resumed_calls >= calls - len(stored_before) - 2 * CONCURRENCY
    assert 0 <= requests_before - (calls - resumed_calls) <= 2 * CONCURRENCY
    resumed = conn.execute("SELECT count(*) FROM audit_log WHERE action = 'draft_resumed'")
    assert resumed.fetchone()[0] >= 1
    conn.close()

    # every output is complete and the summary lists every case once, done
    for path in cases:
        draft = Draft.model_validate_json((out / f"{path.stem}.json").read_text())
        assert draft.complete and draft.invalid_citations == []
        assert (out / f"{path.stem}.md").read_text().startswith("# ")
    with (out / "summary.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert sorted(r["case_id"] for r in rows) == sorted(p.stem for p in cases)
    assert {r["status"] for r in rows} == {"done"}
    assert all(r["outcomes"].startswith("I1=") and r["outputs"] for r in rows)
    summary = json.loads((out / "summary.json").read_text())
    assert summary["totals"]["done"] == CASES and summary["status"] == "finished"
    assert sum(c["completion_tokens"] for c in summary["cases"]) > 0
