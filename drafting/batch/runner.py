"""Drafting the cases of a batch run concurrently, each into the draft store.

``concurrency`` bounds the backend calls in flight across the whole batch (one semaphore shared
by every case); as many cases as that are drafted at once, all through one backend instance, so
its connections are reused by every case (a backend per case opened a new connection every ~4
calls at concurrency 32; the openai backend keeps each case's de-identification apart). Store
writes go through one writer thread and exports through another, so the event loop only waits on
the network; the writer commits the writes that queued up meanwhile together
(``GroupCommitWriter``), reporting each done only once committed.

Crash safety, case by case (a SIGKILL can land anywhere):
1. the draft is begun in the store, tied to the run (unique per run and case hash);
2. each section is stored as soon as it is drafted;
3. the draft is finished (criteria, provenance) in one transaction;
4. the outputs are written (each file atomically);
5. the run item is marked done.
A resumed run looks at the run's drafts by case hash: no draft, draft from scratch; a draft in
progress, draft only its missing (or failed) sections into the same draft; a finished draft,
redo only steps 4-5. Nothing finished is drafted again and no case gets a second draft."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from drafting.backends.base import Backend
from drafting.case import Case
from drafting.draft import Draft, SectionDraft
from drafting.heap import freeze_long_lived
from drafting.service import DraftingService, DraftRequest, LoadedCase
from drafting.store import DraftStore, RunItem, RunItemResult, RunRecord
from drafting.store.group_commit import GroupCommitWriter
from drafting.store.records import DraftStatus

from .budget import Budget


@dataclass(frozen=True)
class Job:
    item: RunItem
    case: Case | None  # None when already drafted (only its outputs are left), or deferred
    existing: tuple[str, DraftStatus] | None  # the run's draft of this case, if one was begun
    deferred: bool = False  # the case is loaded once a worker process claims the job


@dataclass
class Tally:
    """Running totals shown while the batch runs (including earlier sessions of the run)."""

    done: int = 0
    failed: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    sections: int = 0
    calls: int = 0


class Events(Protocol):
    def case_started(self, job: Job) -> None: ...
    def section_done(self, job: Job, section: SectionDraft) -> None: ...
    def case_finished(self, job: Job, result: RunItemResult) -> None: ...
    def budget_reached(self, job: Job, estimate: float) -> None: ...


@dataclass
class Outcome:
    stopped_by_budget: bool = False
    drafting_seconds: float = 0.0
    cpu_seconds: float = 0.0  # this process's CPU time (all threads) while drafting
    first_started: float | None = None
    not_started: list[Job] = field(default_factory=list)


@dataclass
class BatchRunner:
    service: DraftingService
    run: RunRecord
    retrieval: bool
    out_dir: Path
    formats: list[str]
    budget: Budget
    events: Events
    actor: str
    concurrency: int
    tally: Tally = field(default_factory=Tally)
    # A worker process of several drafts a job only if it claims it (``claims.Claims``); the
    # claim returns the job ready to draft, or None when another process has it.
    claim: Callable[[Job], Job | None] | None = None

    @property
    def store(self) -> DraftStore:
        return self.service.store

    async def run_all(self, jobs: list[Job]) -> Outcome:
        outcome = Outcome()
        queue = deque(jobs)
        calls = asyncio.Semaphore(self.concurrency)
        workers = max(1, min(self.concurrency, len(jobs)))
        backend = self.service.drafting.backend()
        writer = GroupCommitWriter(self.store.db)
        exporter = ThreadPoolExecutor(1, thread_name_prefix="exporter")
        freeze_long_lived()  # modules, excerpts, validated cases, the backend: alive to the end
        started, cpu = time.perf_counter(), time.process_time()

        async def worker() -> None:
            while queue and not outcome.stopped_by_budget:
                job = queue.popleft()
                if self.claim is not None:
                    claimed = self.claim(job)
                    if claimed is None:
                        continue
                    job = claimed
                if not await self._one(job, backend, calls, writer, exporter, outcome):
                    queue.appendleft(job)
                    return

        try:
            await asyncio.gather(*(worker() for _ in range(workers)))
        finally:
            outcome.drafting_seconds = time.perf_counter() - started
            outcome.cpu_seconds = time.process_time() - cpu
            outcome.not_started = list(queue)
            close = getattr(backend, "aclose", None)
            if close is not None:
                await close()
            writer.shutdown(wait=True)
            exporter.shutdown(wait=True)
        return outcome

    async def _one(self, job: Job, backend: Backend, calls: asyncio.Semaphore,
                   writer: Executor, exporter: ThreadPoolExecutor,
                   outcome: Outcome) -> bool:
        """Draft (or finish) one case; False if the budget stopped it before it started."""
        loop = asyncio.get_running_loop()
        started = time.perf_counter()
        estimate = 0.0
        try:
            drafting = self.service.drafting
            if job.existing is not None and job.existing[1] != "in_progress":
                self.events.case_started(job)
                draft = await loop.run_in_executor(writer, self.service.review.reviewed,
                                                   job.existing[0])
                draft_id = job.existing[0]
            else:
                assert job.case is not None
                case = job.case
                preparation = drafting.prepare(case, self.retrieval)
                reuse: dict[str, SectionDraft] = {}
                if job.existing is not None:
                    draft_id = job.existing[0]
                    reuse = await loop.run_in_executor(writer, drafting.resume, draft_id,
                                                       self.actor)
                to_draft = [p for p in preparation.prepared.sections
                            if p.planned.key not in reuse]
                estimate = self.budget.estimate(sum(p.prompt_tokens for p in to_draft),
                                                len(to_draft))
                if not self.budget.try_reserve(estimate):
                    outcome.stopped_by_budget = True
                    self.events.budget_reached(job, estimate)
                    return False
                if outcome.first_started is None:
                    outcome.first_started = time.perf_counter()
                self.events.case_started(job)
                case_hash = job.item.case_hash or ""
                if job.existing is None:
                    request = DraftRequest(
                        LoadedCase(case, None, job.item.case_path, case_hash), actor=self.actor,
                        options={"formats": self.formats}, run_id=self.run.id)
                    draft_id = await loop.run_in_executor(
                        writer, lambda: drafting.begin(request, case, backend, self.retrieval))
                draft = await drafting.into_store(
                    draft_id, case, case_hash, backend, actor=self.actor,
                    preparation=preparation, semaphore=calls, reuse=reuse,
                    close_backend=False, writer=writer,
                    after_save=lambda section: self._section_done(job, section))
            result = await self._finish(job, draft_id, draft, started, exporter, writer)
        except (asyncio.CancelledError, KeyboardInterrupt):
            raise
        except Exception as exc:  # one case's unexpected failure must not stop the batch
            result = RunItemResult(status="failed", draft_id=None, seconds=time.perf_counter()
                                - started, errors=[f"{type(exc).__name__}: {exc}"])
            await loop.run_in_executor(writer, self.store.batches.finish_item, self.run.id,
                                       job.item.id, result)
        self.budget.settle(estimate, result.cost_usd)
        if result.status == "done":
            self.tally.done += 1
        else:
            self.tally.failed += 1
        self.events.case_finished(job, result)
        return True

    def _section_done(self, job: Job, section: SectionDraft) -> None:
        self.tally.sections += 1
        self.tally.calls += 1
        self.tally.prompt_tokens += section.usage.prompt_tokens
        self.tally.completion_tokens += section.usage.completion_tokens
        self.tally.cost_usd += section.usage.cost_usd
        self.budget.section_done(section.usage.completion_tokens)
        self.events.section_done(job, section)

    async def _finish(self, job: Job, draft_id: str, draft: Draft, started: float,
                      exporter: ThreadPoolExecutor, writer: Executor) -> RunItemResult:
        loop = asyncio.get_running_loop()
        exports = self.service.exports
        written = await loop.run_in_executor(exporter, exports.write, draft, self.out_dir,
                                             self.formats)
        await loop.run_in_executor(writer, exports.record, draft_id, written, self.actor)
        failed = [s for s in draft.sections if s.status == "failed"]
        usage = [s.usage for s in draft.sections]
        result = RunItemResult(
            status="failed" if failed else "done", draft_id=draft_id,
            outcomes={r.item_id: r.outcome.value if r.outcome else None for r in draft.criteria},
            invalid_citations=len(draft.invalid_citations),
            prompt_tokens=sum(u.prompt_tokens for u in usage),
            completion_tokens=sum(u.completion_tokens for u in usage),
            cost_usd=round(sum(u.cost_usd for u in usage), 6),
            seconds=round(time.perf_counter() - started, 3),
            outputs={kind: str(path) for kind, path in written.items()},
            errors=[f"section {s.key} failed: {s.error}" for s in failed])
        await loop.run_in_executor(writer, self.store.batches.finish_item, self.run.id, job.item.id,
                                   result)
        return result


def outcome_totals(items: list[RunItem]) -> dict[str, Any]:
    return {"cases": len(items),
            "done": sum(i.status == "done" for i in items),
            "failed": sum(i.status == "failed" for i in items),
            "invalid": sum(i.status == "invalid" for i in items),
            "not_drafted": sum(i.status == "pending" for i in items),
            "prompt_tokens": sum(i.prompt_tokens for i in items),
            "completion_tokens": sum(i.completion_tokens for i in items),
            "cost_usd": round(sum(i.cost_usd for i in items), 6)}
