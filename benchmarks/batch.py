"""Batch drafting throughput: ``necessity draft-batch`` on 500 synthetic cases against the fake
OpenAI-compatible server (tests/fakes, real HTTP on loopback) with 200 ms injected latency per
call, at concurrency 1, 8 and 32, side by side in one run.

What "ideal" means here: ``--concurrency N`` bounds the backend calls in flight across the batch.
If every call took exactly the injected latency and nothing else cost any time, the batch would
complete N / latency calls per second; a case needs ``calls per case`` calls (one per section,
counted at the server), so ideal cases per second = N / (latency x calls per case). The ratio is
measured throughput over that. Throughput is measured over the drafting phase, read from the
store: from the first draft begun to the last case marked done; validation of the case files
(once, before drafting) and process start are shown separately as end to end.

Concurrency 32 runs in one process and with ``--workers 2`` (two worker processes sharing the 32
calls), because one Python process spends ~12-14 ms of CPU per call on this stack (the "CPU while
drafting" line; ~8 ms of it LangChain, the openai SDK and httpx: ``client_stack.py``) and so
cannot exceed ~70-90 calls/s however many calls are in flight. The machine's other jobs take CPU
too (the same run's CPU per call varies by a fifth from one run to the next), so each block records
the load average it started at, and each concurrency-32 setup runs ``REPEATS_AT_32`` times,
alternating: every run is printed, and the target is judged on the median.
The cases are copies of the bundled examples whose fact statements each end in a sentence naming
the copy (``write_case_variants(distinct_facts=True)``), so no case reuses another's prompt rows
and their token counts, as real cases would not.
Concurrency 1 runs on the first 50 cases only (500 cases x ~7.6 calls x 200 ms would take ~13
minutes one call at a time); its ratio is computed the same way.

Run: ``python benchmarks/batch.py`` (writes ``benchmarks/results/batch.txt``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fakes.case_variants import write_case_variants  # noqa: E402
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn  # noqa: E402
from tests.test_drafting_openai import good_answer  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "batch.txt"
LATENCY_S = 0.2
CASES = 500
SUBSET_AT_1 = 50
TARGET = 0.8
_RUNS = itertools.count(1)
REPEATS_AT_32 = 3


def drafting_window(store: Path) -> float:
    """Seconds from the first draft begun to the last case marked done, from the store."""
    conn = sqlite3.connect(store)
    try:
        first = conn.execute("SELECT min(created_at) FROM drafts").fetchone()[0]
        last = conn.execute("SELECT max(finished_at) FROM run_items").fetchone()[0]
    finally:
        conn.close()
    return (dt.datetime.fromisoformat(last) - dt.datetime.fromisoformat(first)).total_seconds()


def run_batch(cases_dir: Path, work: Path, concurrency: int, workers: int = 1) -> dict:
    """One draft-batch command against a fresh fake server; its numbers."""
    name = f"{concurrency}-w{workers}-{next(_RUNS)}"  # each run its own store and outputs
    out, store = work / f"out-{name}", work / f"store-{name}.sqlite"
    with FakeOpenAIServer(reply_fn(good_answer), latency_s=LATENCY_S) as server:
        command = [sys.executable, "-m", "drafting", "draft-batch", str(cases_dir),
                   "--backend", "openai", "--base-url", server.base_url, "--model",
                   "fake-model", "--concurrency", str(concurrency), "--workers", str(workers),
                   "--out", str(out), "--store-url", str(store), "--data-dir",
                   str(work / "data"), "--format", "md,json"]
        env = {**os.environ, "HF_HUB_OFFLINE": "1"}
        log_path = work / f"log-{name}.txt"
        with log_path.open("w") as log_file:  # a file, not a pipe nobody reads while it runs
            started = time.perf_counter()
            process = subprocess.Popen(command, cwd=work, env=env, stdout=log_file,
                                       stderr=subprocess.STDOUT)
            _, status, usage = os.wait4(process.pid, 0)  # the command and its workers
            wall = time.perf_counter() - started
        calls, in_flight = len(server.chat_requests), server.max_in_flight
    summary = json.loads((out / "summary.json").read_text())
    totals = summary["totals"]
    if os.waitstatus_to_exitcode(status) != 0 or totals["done"] != totals["cases"]:
        raise SystemExit(f"batch at concurrency {concurrency} did not finish cleanly:\n"
                         f"{log_path.read_text()[-3000:]}")
    return {"concurrency": concurrency, "workers": workers, "cases": totals["cases"],
            "calls": calls, "max_in_flight": in_flight, "drafting_s": drafting_window(store),
            "validation_s": totals["validation_seconds"], "wall_s": wall,
            "drafting_cpu_s": totals.get("drafting_cpu_seconds"),
            "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mb": usage.ru_maxrss / 1024}


def report(r: dict) -> tuple[list[str], float]:
    n, cases, calls = r["concurrency"], r["cases"], r["calls"]
    per_case = calls / cases
    ideal_calls = n / LATENCY_S
    calls_s = calls / r["drafting_s"]
    ratio = calls_s / ideal_calls
    cases_s, ideal_cases = cases / r["drafting_s"], ideal_calls / per_case
    end_to_end = cases / r["wall_s"]
    verdict = "" if n == 1 else f" (target >= {TARGET}: {'met' if ratio >= TARGET else 'NOT met'})"
    setup = (f" (first {cases} cases)" if n == 1 else "") + (
        f", --workers {r['workers']}" if r["workers"] > 1 else ", one process")
    lines = [
        f"concurrency {n}{setup}: {cases} cases, {calls} calls ({per_case:.2f} per case), at "
        f"most {r['max_in_flight']} in flight",
        f"  drafting {r['drafting_s']:.1f} s: {calls_s:.1f} calls/s vs ideal {ideal_calls:.1f} "
        f"= {ratio:.2f} of ideal{verdict}; {cases_s:.2f} cases/s vs ideal {ideal_cases:.2f}",
        f"  end to end {r['wall_s']:.1f} s (process start, validating {cases} files in "
        f"{r['validation_s']:.1f} s, drafting, summary): {end_to_end:.2f} cases/s = "
        f"{end_to_end / ideal_cases:.2f} of ideal",
        f"  CPU of the whole command (all its processes) {r['cpu_s']:.1f} s = "
        f"{r['cpu_s'] / calls * 1000:.1f} ms per call; peak memory (max RSS of any of its "
        f"processes) {r['peak_rss_mb']:.0f} MB",
    ]
    if r["drafting_cpu_s"] is not None:  # one process: its CPU while drafting, all threads
        lines.append(f"  CPU while drafting (the process, all threads; no start-up, no "
                     f"validation) {r['drafting_cpu_s']:.1f} s = "
                     f"{r['drafting_cpu_s'] / calls * 1000:.1f} ms per call")
    return lines, ratio


def main() -> None:
    lines = [f"batch benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
             f"machine: {os.cpu_count()} CPU(s), load average before "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())} (shared with other jobs)",
             f"fake server: {LATENCY_S * 1000:.0f} ms injected latency per call; backend openai "
             "(LangChain ChatOpenAI over httpx); outputs md+json; store SQLite (WAL, "
             "synchronous=FULL, queued writes committed together)",
             "ideal = concurrency / latency calls per second (every call exactly the latency, "
             "zero overhead); cases/s ideal = that / calls per case", ""]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(prefix="necessity-batch-bench-") as tmp:
        work = Path(tmp)
        all_cases = work / "cases"
        write_case_variants(all_cases, CASES, distinct_facts=True)
        subset = work / "cases-subset"
        write_case_variants(subset, SUBSET_AT_1, distinct_facts=True)
        ratios: dict[tuple[int, int], list[float]] = {}
        for n, workers in [(32, 1), (32, 2)] * REPEATS_AT_32 + [(8, 1), (1, 1)]:
            load = os.getloadavg()
            result = run_batch(subset if n == 1 else all_cases, work, n, workers)
            block, ratio = report(result)
            ratios.setdefault((n, workers), []).append(ratio)
            block[0] += f" (load average before: {', '.join(f'{x:.2f}' for x in load)})"
            print("\n".join(block), flush=True)
            lines.extend(block)
        lines.append("")
        for (n, workers), runs in ratios.items():
            if n == 1:
                continue
            median = statistics.median(runs)
            setup = f"--workers {workers}" if workers > 1 else "one process"
            lines.append(f"concurrency {n}, {setup}: median {median:.2f} of ideal over "
                         f"{len(runs)} run(s) ({', '.join(f'{r:.2f}' for r in runs)}); target >= "
                         f"{TARGET}: {'met' if median >= TARGET else 'NOT met'}")
            print(lines[-1], flush=True)
    lines.append(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(lines[-1])
    RESULT.parent.mkdir(parents=True, exist_ok=True)
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {RESULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
