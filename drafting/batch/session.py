"""One command's work on a run: draft its jobs in this process (or as one worker of several),
or through worker processes; then record how the run ended and write its summary."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from drafting.backends.base import Backend
from drafting.pricing import Prices
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore, RunRecord
from drafting.store.runs import RunStatus

from .budget import Budget
from .display import BatchDisplay
from .runner import BatchRunner, Job, Outcome, Tally, outcome_totals
from .summary import write_summary
from .workers import run_workers

EXIT_INTERRUPTED = 130
Interrupts = Callable[[], Any]  # a context manager factory turning SIGTERM into Ctrl-C


@dataclass(frozen=True)
class Ended:
    """How the run ended in this command, with its totals, for the caller to print."""

    status: RunStatus
    totals: dict[str, Any]
    csv_path: Path
    json_path: Path

    @property
    def exit_code(self) -> int:
        if self.status == "interrupted":
            return EXIT_INTERRUPTED
        return 0 if self.totals["done"] == self.totals["cases"] else 1


def draft_jobs(store: DraftStore, run: RunRecord, jobs: list[Job], settings: Settings,
               engine: Backend, actor: str, console: Console, interrupts: Interrupts, *,
               concurrency: int, budget_usd: float | None, spent_usd: float, tally: Tally,
               bar: bool = True, claim: Callable[[Job], Job | None] | None = None,
               worker: str | None = None) -> tuple[bool, Outcome]:
    """Draft ``jobs`` in this process (as ``worker`` i/n of a run's worker processes, only the
    jobs it can ``claim``); returns (interrupted, outcome)."""
    service = DraftingService(settings, store=store)
    # As the run was started: its stored option, else the service's default for bulk drafting.
    retrieval = service.drafting.retrieval(run.options.get("retrieval"), bulk=True)
    budget = Budget(budget_usd, Prices.of(settings), charged=engine.language_model,
                    spent_usd=spent_usd)
    display = BatchDisplay(console, len(jobs), tally, budget_usd, bar=bar, worker=worker)
    runner = BatchRunner(service, run, retrieval, Path(run.out_dir),
                         list(run.options.get("formats", service.defaults.batch_formats)),
                         budget, display, actor, concurrency, tally, claim)
    outcome = Outcome()
    try:
        with interrupts(), display:
            outcome = asyncio.run(runner.run_all(jobs))
    except KeyboardInterrupt:
        return True, outcome
    return False, outcome


def draft_here(store: DraftStore, run: RunRecord, jobs: list[Job], settings: Settings,
               engine: Backend, actor: str, console: Console, interrupts: Interrupts) -> Ended:
    """The whole run's remaining jobs in this process, then its end."""
    items = store.batches.run_items(run.id)
    prompt, completion, spent = store.batches.run_spent(run.id)
    redone = sum(j.item.status == "done" for j in jobs)
    tally = Tally(done=sum(i.status == "done" for i in items) - redone,
                  failed=sum(i.status == "failed" for i in items), prompt_tokens=prompt,
                  completion_tokens=completion, cost_usd=spent)
    interrupted, outcome = draft_jobs(store, run, jobs, settings, engine, actor, console,
                                      interrupts, concurrency=run.concurrency,
                                      budget_usd=run.budget_usd, spent_usd=spent, tally=tally)
    status: RunStatus = ("interrupted" if interrupted else
                         "budget_stopped" if outcome.stopped_by_budget else "finished")
    return end_run(store, run, status, actor, outcome.drafting_seconds, outcome.cpu_seconds)


def draft_with_workers(store: DraftStore, run: RunRecord, workers: int, child_args: list[str],
                       child_env: dict[str, str], actor: str, console: Console,
                       interrupts: Interrupts) -> tuple[Ended, list[int]]:
    """The run's remaining cases through ``workers`` processes, then its end. Also returns the
    exit codes of workers that ended abnormally."""
    workers = min(workers, run.concurrency)
    pending = sum(i.status == "pending" for i in store.batches.run_items(run.id))
    spent = store.batches.run_spent(run.id)[2]
    left = None if run.budget_usd is None else max(run.budget_usd - spent, 0.0)
    started = time.perf_counter()
    with interrupts():
        interrupted, codes = run_workers(store, run, workers, run.concurrency, left, child_args,
                                         child_env, console, pending)
    crashed = [c for c in codes if c not in (0, 1, EXIT_INTERRUPTED)]
    left_over = any(i.status == "pending" for i in store.batches.run_items(run.id))
    status: RunStatus = ("interrupted" if interrupted or crashed else
                         "budget_stopped" if left_over else "finished")
    return end_run(store, run, status, actor, time.perf_counter() - started, None), crashed


def end_run(store: DraftStore, run: RunRecord, status: RunStatus, actor: str,
            drafting_seconds: float, cpu_seconds: float | None) -> Ended:
    """Record how the run ended and write summary.csv and summary.json."""
    store.batches.set_run_status(run.id, status, actor,
                                 drafting_seconds=round(drafting_seconds, 3))
    items = store.batches.run_items(run.id)
    totals = {**outcome_totals(items), "drafting_seconds": round(drafting_seconds, 3),
              "drafting_cpu_seconds": None if cpu_seconds is None else round(cpu_seconds, 3),
              "validation_seconds": run.options.get("validation_seconds")}
    not_drafted = {"interrupted": "not drafted (interrupted)",
                   "budget_stopped": "not drafted (budget)"}.get(status, "not drafted")
    csv_path, json_path = write_summary(store.batches.run(run.id), items, Path(run.out_dir),
                                        not_drafted,
                                        totals)
    return Ended(status, totals, csv_path, json_path)
