"""Which cases of a run still need work, new or resumed."""

from __future__ import annotations

import time
from pathlib import Path

from drafting.case import Case, CaseFileError, case_from_text
from drafting.store import DraftStore, RunItem, RunItemResult

from .claims import Claims
from .inputs import CheckedCase
from .runner import Job


def new_run_jobs(checked: list[CheckedCase], items: list[RunItem]) -> list[Job]:
    """Every valid case of a new run (items are in input order, as ``checked``)."""
    cases: dict[str, Case] = {c.item.path: c.case for c in checked if c.case is not None}
    return [Job(item, cases[item.case_path], None) for item in items
            if item.status == "pending"]


def resumed_run_jobs(store: DraftStore, run_id: str, *, defer: bool = False) -> list[Job]:
    """The cases of a run that are not done: pending ones (continuing any draft the run had
    begun for them), and done ones whose output files have gone missing (exported again from
    their stored draft). A case whose stored text no longer validates is marked failed. With
    ``defer``, pending cases are loaded only once claimed (``claimed_job``)."""
    drafts = store.batches.run_drafts(run_id)
    jobs = []
    for item in store.batches.run_items(run_id):
        if item.status in ("invalid", "failed") or not item.case_id or not item.case_hash:
            continue
        existing = drafts.get(item.case_hash)
        if item.status == "done":
            if existing and not all(Path(p).is_file() for p in item.outputs.values()):
                jobs.append(Job(item, None, existing))  # export again from the store
            continue
        if existing is not None and existing[1] != "in_progress":
            jobs.append(Job(item, None, existing))  # drafted; killed before it was marked done
            continue
        if defer:
            jobs.append(Job(item, None, existing, deferred=True))
            continue
        case = _load(store, item)
        if case is not None:
            jobs.append(Job(item, case, existing))
    return jobs


def claimed_job(store: DraftStore, claims: Claims, job: Job) -> Job | None:
    """The job if this worker process claimed it (its case loaded now if deferred), else None:
    another worker has it, or its case no longer validates (then marked failed)."""
    if not claims.take(job.item.id):
        return None
    if not job.deferred:
        return job
    case = _load(store, job.item)
    return None if case is None else Job(job.item, case, job.existing)


def _load(store: DraftStore, item: RunItem) -> Case | None:
    """The case of a run item: its validated form if stored and still valid for this version of
    the case model, else its text validated again; a case that fails is marked failed."""
    assert item.case_id and item.case_hash
    started = time.perf_counter()
    text, validated = store.batches.case_data(item.case_id, item.case_hash)
    errors: list[str] = []
    if text is None:
        errors = [f"{item.case_path}: the case text is not in the draft store"]
    else:
        try:
            return case_from_text(text, validated, item.case_path)
        except CaseFileError as exc:
            errors = [p.render(item.case_path) for p in exc.problems]
    store.batches.finish_item(item.run_id, item.id, RunItemResult(
        status="failed", draft_id=None, seconds=time.perf_counter() - started, errors=errors))
    return None
