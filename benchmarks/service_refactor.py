"""Did putting every front end behind one drafting service (issue #17) cost anything? This
checkout and an earlier revision (default: the last commit before #17) measured side by side in
one run, alternating, on the same machine:

- batch drafting, one process: ``necessity draft-batch`` on 200 case copies at concurrency 8
  against the fake OpenAI-compatible server (real HTTP on loopback, 200 ms per call): drafting
  calls per second and the process's CPU per call while drafting;
- one offline draft: ``necessity draft`` of one example case (no retrieval), start to finish
  (process start, drafting into a new store, four exports): wall and CPU seconds.

Each setup runs ``ROUNDS`` times per tree, alternating trees; medians are compared as ratios
(this checkout / earlier revision; below 1 is faster, 1 +- 0.1 is noise here). The earlier tree
is a ``git worktree`` of the revision, run with this checkout's Python environment.

Run: ``python benchmarks/service_refactor.py [REVISION]`` (writes
``benchmarks/results/service_refactor.txt``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.batch import drafting_window  # noqa: E402
from tests.fakes.case_variants import write_case_variants  # noqa: E402
from tests.fakes.openai_server import FakeOpenAIServer, reply_fn  # noqa: E402
from tests.test_drafting_openai import good_answer  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "service_refactor.txt"
BEFORE = "9a9d4be"  # the last commit before issue #17's drafting service
CASES, CONCURRENCY, LATENCY_S, ROUNDS = 200, 8, 0.2, 3
EXAMPLE = "examples/cases/wc-lumbar-esi-plaintiff.yaml"


def run(tree: Path, args: list[str], work: Path) -> tuple[float, float]:
    """``python -m drafting ARGS`` from ``tree``: its wall and CPU seconds (all processes)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(tree)}
    log = work / "log.txt"
    with log.open("w") as out:
        started = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-m", "drafting", *args], cwd=tree, env=env,
                                   stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{tree}: {' '.join(args[:2])} failed:\n{log.read_text()[-3000:]}")
    return wall, usage.ru_utime + usage.ru_stime


def batch(tree: Path, cases: Path, work: Path) -> dict[str, float]:
    store = work / "store.sqlite"
    with FakeOpenAIServer(reply_fn(good_answer), latency_s=LATENCY_S) as server:
        run(tree, ["draft-batch", str(cases), "--backend", "openai", "--base-url",
                   server.base_url, "--model", "fake-model", "--concurrency", str(CONCURRENCY),
                   "--out", str(work / "out"), "--store-url", str(store), "--data-dir",
                   str(work / "data"), "--format", "md,json"], work)
        calls = len(server.chat_requests)
    totals = json.loads((work / "out" / "summary.json").read_text())["totals"]
    return {"calls/s": calls / drafting_window(store),
            "CPU ms per call": totals["drafting_cpu_seconds"] / calls * 1000}


def draft(tree: Path, work: Path) -> dict[str, float]:
    wall, cpu = run(tree, ["draft", str(tree / EXAMPLE), "--no-retrieval", "--out",
                           str(work / "out"), "--store-url", str(work / "store.sqlite"),
                           "--data-dir", str(work / "data")], work)
    return {"wall s": wall, "CPU s": cpu}


def main() -> None:
    revision = sys.argv[1] if len(sys.argv) > 1 else BEFORE
    lines = [f"service refactor benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
             f"machine: {os.cpu_count()} CPU(s), load average before "
             f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}",
             f"earlier revision {revision} vs this checkout; {ROUNDS} rounds, alternating; "
             f"medians", ""]
    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory(prefix="necessity-refactor-") as directory:
        work = Path(directory)
        earlier = work / "earlier"
        subprocess.run(["git", "worktree", "add", "--detach", "-q", str(earlier), revision],
                       cwd=ROOT, check=True)
        try:
            cases = work / "cases"
            write_case_variants(cases, CASES, distinct_facts=True)
            results: dict[tuple[str, str], list[dict[str, float]]] = {}
            for n in range(ROUNDS):
                for name, tree in (("earlier", earlier), ("this", ROOT)):
                    for setup, measure in (("batch", lambda t, w: batch(t, cases, w)),
                                           ("draft", draft)):
                        scratch = work / f"{setup}-{name}-{n}"
                        scratch.mkdir()
                        results.setdefault((setup, name), []).append(measure(tree, scratch))
                        print(f"round {n + 1} {setup} {name}: {results[(setup, name)][-1]}",
                              flush=True)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(earlier)], cwd=ROOT,
                           check=False)
    for setup, label in (("batch", f"batch, one process, {CASES} cases at concurrency "
                                    f"{CONCURRENCY}, {LATENCY_S * 1000:.0f} ms per call"),
                         ("draft", f"necessity draft {EXAMPLE} --no-retrieval (offline)")):
        lines.append(label)
        for metric in results[(setup, "this")][0]:
            before = statistics.median(r[metric] for r in results[(setup, "earlier")])
            after = statistics.median(r[metric] for r in results[(setup, "this")])
            runs = ", ".join(f"{r[metric]:.2f}" for r in results[(setup, "this")])
            lines.append(f"  {metric}: earlier {before:.2f}, this {after:.2f} (runs {runs}); "
                         f"ratio {after / before:.2f}")
    lines.append(f"load average after: {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[4:]))


if __name__ == "__main__":
    main()
