"""Drafting a run with several worker processes (``draft-batch --workers P``).

One Python process spends ~12-14 ms of CPU per backend call (about 8 of them in LangChain, the
openai SDK and httpx: ``benchmarks/results/client_stack.txt``; the rest prompt rendering and token
counting, the store, the exports), so it tops out near 70-80 calls per second on one core whatever
the concurrency (``benchmarks/results/batch.txt``). With P workers, each is a
``draft-batch --resume RUN --shard i/P --claims DIR`` process with its share of the concurrency
and of the budget left, drafting the run's cases it claims first (``claims.Claims``), so the
faster ones draft more and all finish together; every worker follows the same per-case
crash-safe steps against the same store, so a run stopped in any way resumes the same as a
single-process one. The parent shows progress by reading the store, relays the workers' lines,
and passes Ctrl-C/SIGTERM on; if the parent dies, the kernel kills the workers (Linux
``PR_SET_PDEATHSIG``), so a resumed run never races them."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable

from rich.console import Console
from rich.progress import Progress

from drafting.store import DraftStore, RunRecord

from .claims import session_claims
from .display import batch_progress

POLL_S = 0.5
PR_SET_PDEATHSIG = 1


def split(total: int, parts: int) -> list[int]:
    """``total`` as ``parts`` near-equal positive shares (largest first)."""
    return [total // parts + (1 if n < total % parts else 0) for n in range(parts)]


def _die_with_parent() -> None:  # runs in the child between fork and exec
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def run_workers(store: DraftStore, run: RunRecord, workers: int, concurrency: int,
                budget_left: float | None, child_args: list[str], child_env: dict[str, str],
                console: Console, pending: int) -> tuple[bool, list[int]]:
    """Run ``workers`` worker processes to the end; returns (interrupted, their exit codes)."""
    with session_claims(run.id) as claims:
        return _run(store, run, workers, concurrency, budget_left,
                    [*child_args, "--claims", str(claims)], child_env, console, pending)


def _run(store: DraftStore, run: RunRecord, workers: int, concurrency: int,
         budget_left: float | None, child_args: list[str], child_env: dict[str, str],
         console: Console, pending: int) -> tuple[bool, list[int]]:
    shares = split(concurrency, workers)
    budgets = [None] * workers if budget_left is None else [budget_left / workers] * workers
    processes = []
    for index in range(workers):
        command = [sys.executable, "-m", "drafting", "draft-batch", "--resume", run.id,
                   "--shard", f"{index}/{workers}", "--concurrency", str(shares[index]),
                   *child_args]
        if budgets[index] is not None:
            command += ["--shard-budget", f"{budgets[index]:.10f}"]
        processes.append(subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
            env={**os.environ, **child_env},
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None))
    progress = batch_progress(console)
    task = progress.add_task(f"cases ({workers} workers)", total=pending, totals="")
    relays = [threading.Thread(target=_relay, args=(p, progress.console.print), daemon=True)
              for p in processes]
    start = _finished(store, run.id)
    interrupted = False
    with progress:
        for relay in relays:
            relay.start()
        try:
            while any(p.poll() is None for p in processes):
                _update(store, run, progress, task, start)
                time.sleep(POLL_S)
        except KeyboardInterrupt:
            interrupted = True
            for p in processes:
                if p.poll() is None:
                    p.send_signal(signal.SIGINT)
            for p in processes:
                p.wait()
        for relay in relays:
            relay.join(timeout=5)
        _update(store, run, progress, task, start)
    codes = [p.returncode for p in processes]
    return interrupted or any(c == 130 for c in codes), codes


def _finished(store: DraftStore, run_id: str) -> int:
    counts = store.batches.run_counts(run_id)
    return counts.get("done", 0) + counts.get("failed", 0)


def _update(store: DraftStore, run: RunRecord, progress: Progress, task: object,
            start: int) -> None:
    counts = store.batches.run_counts(run.id)
    prompt, completion, spent = store.batches.run_spent(run.id)
    done, failed = counts.get("done", 0), counts.get("failed", 0)
    limit = f" of ${run.budget_usd:.2f}" if run.budget_usd is not None else ""
    progress.update(task, completed=done + failed - start,  # type: ignore[arg-type]
                    totals=f"{done} ok, {failed} failed · tokens {prompt:,} in / "
                           f"{completion:,} out · ${spent:.4f}{limit}")


def _relay(process: subprocess.Popen, emit: Callable[..., None]) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        emit(line.rstrip("\n"), markup=False, soft_wrap=True, highlight=False)


def parse_shard(text: str) -> tuple[int, int]:
    index, _, total = text.partition("/")
    shard = int(index), int(total)
    if not 0 <= shard[0] < shard[1]:
        raise ValueError(text)
    return shard
