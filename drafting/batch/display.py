"""What a batch run shows while it works: a progress bar with ETA and running token and cost
totals (on a terminal), and one line per finished case (always, so logs have them too)."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from drafting.draft import SectionDraft
from drafting.store import RunItemResult

from .runner import Job, Tally


def batch_progress(console: Console, *, disable: bool = False) -> Progress:
    """The batch's progress bar: cases done of all, ETA, time elapsed, and a ``totals`` field
    (tokens and cost so far); one process's run and a run split over workers show the same."""
    return Progress(
        SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
        MofNCompleteColumn(), TextColumn("ETA"), TimeRemainingColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[totals]}"), console=console, transient=False, disable=disable)


class BatchDisplay:
    """Implements ``runner.Events`` on a rich console (stderr)."""

    def __init__(self, console: Console, cases: int, tally: Tally, budget_usd: float | None,
                 bar: bool = True, worker: str | None = None):
        self.console, self.tally, self.budget_usd = console, tally, budget_usd
        self.cases, self.finished, self.in_flight = cases, 0, 0
        # One worker process of several shares the cases with the others as they go: its lines
        # count what it finished, named by the worker ("[worker 1/2: 17]"), with no total.
        self.worker = worker
        self.progress = batch_progress(console, disable=not bar)
        self.task = self.progress.add_task("cases", total=cases, totals=self._totals())

    def __enter__(self) -> BatchDisplay:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.refresh()
        self.progress.stop()

    def _totals(self) -> str:
        t = self.tally
        budget = f" of ${self.budget_usd:.2f}" if self.budget_usd is not None else ""
        return (f"{t.done} ok, {t.failed} failed, {self.in_flight} drafting · tokens "
                f"{t.prompt_tokens:,} in / {t.completion_tokens:,} out · ${t.cost_usd:.4f}"
                f"{budget}")

    def _update(self) -> None:
        self.progress.update(self.task, totals=self._totals())

    def case_started(self, job: Job) -> None:
        self.in_flight += 1
        self._update()

    def section_done(self, job: Job, section: SectionDraft) -> None:
        self._update()

    def case_finished(self, job: Job, result: RunItemResult) -> None:
        self.in_flight -= 1
        self.finished += 1
        self.progress.advance(self.task)
        self._update()
        outcomes = " ".join(f"{item}={value or '-'}" for item, value in result.outcomes.items())
        tag = "ok    " if result.status == "done" else "FAILED"
        tokens = result.prompt_tokens + result.completion_tokens
        count = (f"worker {self.worker}: {self.finished}" if self.worker
                 else f"{self.finished}/{self.cases}")
        line = (f"[{count}] {tag} {job.item.case_id}  draft "
                f"{result.draft_id or '-'}  {outcomes}  invalid citations "
                f"{result.invalid_citations}  tokens {tokens:,}  ${result.cost_usd:.4f}  "
                f"{result.seconds:.1f} s")
        self.progress.console.print(line, markup=False, soft_wrap=True,
                                    style=None if result.status == "done" else "red")
        for problem in result.errors:
            self.progress.console.print(f"    {problem}", markup=False, soft_wrap=True,
                                        style="red")

    def budget_reached(self, job: Job, estimate: float) -> None:
        t = self.tally
        self.progress.console.print(
            f"budget: not starting {job.item.case_id} (estimated ${estimate:.4f}; spent "
            f"${t.cost_usd:.4f} of ${self.budget_usd or 0:.2f}, with cases in flight still "
            "to pay); no further cases will start", markup=False, soft_wrap=True,
            style="yellow")
