"""``necessity draft-batch``: every file validated first (bad ones listed and skipped, the rest
drafted), exit codes, the budget stop and its resume, failed sections, and the summary files.
Real store files, real case files, the real fake HTTP server; the CLI runs in-process."""

from __future__ import annotations

import csv
import json
import multiprocessing
import multiprocessing.synchronize
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from tests.conftest import BAD_CASES
from tests.fakes.case_variants import write_case_variants
from tests.fakes.openai_server import FakeOpenAIServer, error, reply_fn
from tests.test_drafting_openai import good_answer


def run(tmp_path: Path, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(app, ["draft-batch", *args, "--store-url",
                                      str(tmp_path / "drafts.sqlite"), "--data-dir",
                                      str(tmp_path / "data")])
    return result


def rows(out: Path) -> list[dict[str, str]]:
    with (out / "summary.csv").open() as handle:
        return list(csv.DictReader(handle))


def run_id_of(tmp_path: Path) -> str:
    conn = sqlite3.connect(tmp_path / "drafts.sqlite")
    return conn.execute("SELECT id FROM runs ORDER BY created_at DESC").fetchone()[0]


def test_bad_cases_are_listed_and_skipped_and_the_rest_drafted(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    good = write_case_variants(cases, 3)
    for name in ("unknown_fact_id.yaml", "malformed_yaml.yaml", "binary.yaml"):
        shutil.copy(BAD_CASES / name, cases / name)
    shutil.copy(good[0], cases / "zz-same-content.yaml")  # same bytes as a good case
    (cases / "zz-same-id.yaml").write_text(good[1].read_text() + "# an edited copy\n")
    out = tmp_path / "out"
    result = run(tmp_path, str(cases), "--out", str(out))
    assert result.exit_code == 1, result.output
    for name in ("unknown_fact_id.yaml", "malformed_yaml.yaml", "binary.yaml"):
        assert f"{cases / name}" in result.stderr
    assert "unknown fact id" in result.stderr and "file is binary" in result.stderr
    assert "same content as" in result.stderr and "is also the id of" in result.stderr
    assert "validated 8 case file(s)" in result.stderr and "3 valid, 5 invalid" in result.stderr
    summary = {Path(r["case_path"]).name: r for r in rows(out)}
    assert len(summary) == 8
    assert {summary[p.name]["status"] for p in good} == {"done"}
    assert summary["unknown_fact_id.yaml"]["status"] == "invalid"
    assert "unknown fact id" in summary["unknown_fact_id.yaml"]["errors"]
    for path in good:
        assert (out / f"{path.stem}.md").is_file() and (out / f"{path.stem}.json").is_file()
    document = json.loads((out / "summary.json").read_text())
    assert (document["totals"]["done"], document["totals"]["invalid"]) == (3, 5)
    assert "3 done, 0 failed, 5 invalid" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    ([], "give either the cases"),
    (["cases", "--resume", "abc"], "give either the cases"),
    (["--resume", "nosuchrun"], "no batch run 'nosuchrun'"),
    (["nowhere/*.yaml"], "no case files"),
    (["cases", "--format", "md,xls"], "unknown format(s) xls"),
    (["cases", "--concurrency", "0"], "--concurrency must be between 1 and 256"),
    (["cases", "--budget", "-1"], "--budget must be a positive amount"),
    (["cases", "--backend", "openai", "--base-url", "https://llm.example.com/v1"],
     "without consent"),
])
def test_bad_usage_exits_2_with_the_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    write_case_variants(tmp_path / "cases", 1)
    result = run(tmp_path, *args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_the_budget_stops_the_run_and_a_resume_with_more_finishes_it(tmp_path: Path) -> None:
    cases = write_case_variants(tmp_path / "cases", 6)
    out = tmp_path / "out"
    with FakeOpenAIServer(reply_fn(good_answer)) as server:
        common = ["--backend", "openai", "--base-url", server.base_url, "--model", "fake-model"]
        first = run(tmp_path, str(tmp_path / "cases"), *common, "--concurrency", "1",
                    "--budget", "0.005", "--out", str(out))
        assert first.exit_code == 1, first.output
        assert "budget: not starting" in first.stderr
        stopped = rows(out)
        drafted = [r for r in stopped if r["status"] == "done"]
        assert 0 < len(drafted) < len(cases)
        assert {r["status"] for r in stopped} == {"done", "not drafted (budget)"}
        spent = sum(float(r["cost_usd"]) for r in drafted)
        assert 0 < spent <= 0.005
        requests = len(server.chat_requests)

        run_id = run_id_of(tmp_path)
        resumed = run(tmp_path, "--resume", run_id, "--budget", "1")
        assert resumed.exit_code == 0, resumed.output
    assert {r["status"] for r in rows(out)} == {"done"}
    conn = sqlite3.connect(tmp_path / "drafts.sqlite")
    assert conn.execute("SELECT count(*), count(DISTINCT case_hash) FROM drafts").fetchone() == (
        len(cases), len(cases))
    sections = conn.execute("SELECT count(*) FROM section_versions").fetchone()[0]
    assert len(server.chat_requests) == sections  # nothing drafted twice
    assert requests < sections
    budgets = [json.loads(d)["budget_usd"] for (d,) in conn.execute(
        "SELECT detail FROM audit_log WHERE action IN ('run_started', 'run_resumed')")]
    assert budgets == [0.005, 1.0]


def test_failed_sections_mark_cases_failed_and_exit_1(tmp_path: Path) -> None:
    write_case_variants(tmp_path / "cases", 2)
    out = tmp_path / "out"
    with FakeOpenAIServer(error(400)) as server:
        result = run(tmp_path, str(tmp_path / "cases"), "--backend", "openai", "--base-url",
                     server.base_url, "--out", str(out), "--concurrency", "8")
    assert result.exit_code == 1, result.output
    summary = rows(out)
    assert {r["status"] for r in summary} == {"failed"}
    assert all("HTTP 400" in r["errors"] for r in summary)
    assert all(r["draft_id"] for r in summary)  # stored, incomplete, for a physician to finish
    conn = sqlite3.connect(tmp_path / "drafts.sqlite")
    assert {s for (s,) in conn.execute("SELECT status FROM drafts")} == {"incomplete"}
    assert "FAILED" in result.stderr


def held_until_in_flight(count: int, fn: Callable[[dict], str]) -> Callable[[dict], str]:
    """A reply that waits until ``count`` requests are waiting together, then answers them all
    (and every later one at once). With more than one worker's share of the concurrency, that
    proves a second process is drafting, however late it started (a first worker that starts
    early could otherwise claim and finish every case alone)."""
    waiting, lock, gate = 0, threading.Lock(), threading.Event()

    def answer(request: dict) -> str:
        nonlocal waiting
        with lock:
            waiting += 1
            if waiting >= count:
                gate.set()
        gate.wait(timeout=120)  # never forever: the test then fails on its assertions
        return fn(request)
    return answer


@pytest.mark.slow
def test_worker_processes_share_the_run_and_draft_each_case_once(tmp_path: Path) -> None:
    cases = write_case_variants(tmp_path / "cases", 8)
    out = tmp_path / "out"
    # --concurrency 4 over 2 workers: each worker has at most 2 calls in flight, so 3 waiting
    # together means both are drafting
    with FakeOpenAIServer(reply_fn(held_until_in_flight(3, good_answer))) as server:
        result = run(tmp_path, str(tmp_path / "cases"), "--backend", "openai", "--base-url",
                     server.base_url, "--concurrency", "4", "--workers", "2", "--out", str(out))
        requests = len(server.chat_requests)
    assert result.exit_code == 0, result.output
    assert "(2 workers)" in result.stderr
    assert result.stderr.count(" ok ") == len(cases)  # each worker's lines, relayed
    assert {r["status"] for r in rows(out)} == {"done"} and len(rows(out)) == len(cases)
    conn = sqlite3.connect(tmp_path / "drafts.sqlite")
    assert conn.execute("SELECT count(*), count(DISTINCT case_hash) FROM drafts").fetchone() == (
        len(cases), len(cases))
    workers = {w.rsplit(":", 1)[1] for (w,) in conn.execute("SELECT worker FROM drafts")}
    assert len(workers) == 2  # drafted by two processes
    assert requests == conn.execute("SELECT count(*) FROM section_versions").fetchone()[0]
    assert server.max_in_flight >= 3  # the gate opened: both workers had calls waiting
    assert "[worker 1/2: 1] ok" in result.stderr and "[worker 2/2: 1] ok" in result.stderr
    run_id = run_id_of(tmp_path)
    assert not list(Path(tempfile.gettempdir()).glob(f"necessity-claims-{run_id}-*"))


def _claim_all(directory: str, items: int, start: multiprocessing.synchronize.Event) -> list[int]:
    from drafting.batch.claims import Claims

    claims = Claims(Path(directory))
    start.wait()
    return [item for item in range(items) if claims.take(item)]


@pytest.mark.slow
def test_processes_racing_for_the_same_cases_each_get_a_case_exactly_once(tmp_path: Path):
    # What keeps two worker processes from drafting one case: the claim, granted to one only.
    from drafting.batch.claims import Claims

    context = multiprocessing.get_context("spawn")
    start = context.Manager().Event()
    with context.Pool(3) as pool:
        pending = [pool.apply_async(_claim_all, (str(tmp_path), 3000, start)) for _ in range(3)]
        start.set()
        taken = [p.get(timeout=120) for p in pending]
    every = [item for got in taken for item in got]
    assert sorted(every) == list(range(3000))  # each exactly once
    assert not Claims(tmp_path).take(5)  # and stays taken
    with pytest.raises(FileNotFoundError, match="does not exist"):
        Claims(tmp_path / "gone")


def test_benchmark_copies_with_distinct_facts_keep_their_examples_outcomes(tmp_path: Path):
    # benchmarks/batch.py drafts copies whose facts differ (as real cases' do); the sentence that
    # makes them differ must not change what the criteria engine decides.
    from drafting.case.loader import load_case
    from drafting.criteria.evaluate import evaluate_case

    def decided(path: Path) -> list:
        return [(r.item_id, r.outcome, [(c.criterion_id, c.status) for c in r.criteria])
                for r in evaluate_case(load_case(path))]

    plain = write_case_variants(tmp_path / "plain", 26)
    distinct = write_case_variants(tmp_path / "distinct", 26, distinct_facts=True)
    statements = set()
    for a, b in zip(plain, distinct, strict=True):
        assert decided(a) == decided(b), b.name
        statements |= {f.statement for f in load_case(b).facts}
    assert len(statements) == sum(len(load_case(p).facts) for p in distinct)  # none repeats


def test_a_worker_process_without_its_claims_directory_is_refused(tmp_path: Path) -> None:
    # --shard and --claims are what the parent passes its workers; a worker started by hand
    # without them, or with a directory that is gone, stops before touching the run.
    alone = run(tmp_path, "--resume", "r1", "--shard", "0/2")
    assert alone.exit_code == 2
    assert "--shard 0/2 needs --claims" in alone.stderr
    gone = run(tmp_path, "--resume", "r1", "--shard", "0/2", "--claims", str(tmp_path / "gone"))
    assert gone.exit_code == 2
    assert f"claims directory {tmp_path / 'gone'} does not exist" in gone.stderr
