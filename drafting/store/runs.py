"""Batch runs in the draft store: one row per run, one per input file, and the drafts each run
made (``drafts.run_id``). A run drafts each case (by content hash) at most once, enforced by a
unique index, so a run resumed after a kill continues the drafts it began instead of starting
new ones."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Literal
from uuid import uuid4

from drafting.store import writing
from drafting.store.chain import sha256_text
from drafting.store.connection import Database, maybe_timestamp, now, timestamp
from drafting.store.errors import NotStoredError, TamperedError
from drafting.store.records import AuditAction, DraftStatus
from drafting.store.workers import is_alive, this_worker

RunStatus = Literal["running", "interrupted", "budget_stopped", "finished"]
ItemStatus = Literal["pending", "invalid", "done", "failed"]


class UnknownRunError(NotStoredError):
    def __init__(self, run_id: str):
        super().__init__(f"no batch run {run_id!r} in the draft store")
        self.run_id = run_id


class RunBusyError(ValueError):
    """The run is being drafted by a live process."""


@dataclass(frozen=True)
class NewRunItem:
    """An input file of a new run: valid (case id, hash and text known) or invalid (errors)."""

    path: str
    case_id: str | None = None
    case_hash: str | None = None
    content: str | None = None
    validated: str | None = None  # the validated case as JSON
    errors: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors


@dataclass(frozen=True)
class RunRecord:
    id: str
    created_at: Any
    updated_at: Any
    status: RunStatus
    inputs: list[str]
    backend: str
    model: str
    concurrency: int
    budget_usd: float | None
    out_dir: str
    options: dict[str, Any]
    worker: str | None


@dataclass(frozen=True)
class RunItem:
    id: int
    run_id: str
    position: int
    case_path: str
    case_id: str | None
    case_hash: str | None
    status: ItemStatus
    errors: list[str]
    draft_id: str | None
    outcomes: dict[str, str | None]
    invalid_citations: int
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float
    seconds: float
    outputs: dict[str, str]
    finished_at: Any


@dataclass(frozen=True)
class RunItemResult:
    """What a finished case adds to its run item."""

    status: Literal["done", "failed"]
    draft_id: str | None
    outcomes: dict[str, str | None] = field(default_factory=dict)
    invalid_citations: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost_usd: float = 0.0
    seconds: float = 0.0
    outputs: dict[str, str] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


def new_run_id() -> str:
    return uuid4().hex[:10]


class BatchRuns:
    """Batch runs and their items (``store.batches``): what ``necessity draft-batch`` drafts,
    resumes and summarises."""

    def __init__(self, db: Database):
        self.db = db

    def create_run(self, inputs: list[str], backend: str, model: str, concurrency: int,
                   budget_usd: float | None, out_dir: str, options: dict[str, Any],
                   items: list[NewRunItem], actor: str, run_id: str | None = None) -> str:
        """Record a new run and all its input files (each valid case with its text) at once."""
        run_id = run_id or new_run_id()
        at = now()
        with self.db.transaction() as conn:
            conn.execute(
                "INSERT INTO runs (id, created_at, updated_at, status, inputs, backend, model, "
                "concurrency, budget_usd, out_dir, options, worker) "
                "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, at, at, json.dumps(inputs), backend, model, concurrency, budget_usd,
                 out_dir, json.dumps(options), this_worker()))
            for position, item in enumerate(items):
                if item.valid:
                    assert item.case_id and item.case_hash
                    writing.ensure_case(conn, item.case_id, item.case_hash, item.path,
                                        item.content, item.validated)
                conn.execute(
                    "INSERT INTO run_items (run_id, position, case_path, case_id, case_hash, "
                    "status, errors) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (run_id, position, item.path, item.case_id, item.case_hash,
                     "pending" if item.valid else "invalid", json.dumps(item.errors)))
            writing.append_audit(conn, actor, AuditAction.run_started, None, run_id=run_id,
                                 inputs=inputs, cases=sum(i.valid for i in items),
                                 invalid=sum(not i.valid for i in items), backend=backend,
                                 model=model, budget_usd=budget_usd)
        return run_id

    def take_over_run(self, run_id: str, actor: str, **changes: Any) -> RunRecord:
        """Claim a run to resume it. Refused while the process that ran it is alive. ``changes``
        may set a new ``budget_usd`` or ``concurrency``."""
        with self.db.transaction() as conn:
            row = _run_row(conn, run_id)
            if row["status"] == "running" and is_alive(row["worker"]) is not False:
                raise RunBusyError(f"run {run_id} is being drafted by {row['worker']} (or was, "
                                   "on another host); wait for it, or stop that process first")
            updates = {k: v for k, v in changes.items() if v is not None}
            assert set(updates) <= {"budget_usd", "concurrency"}
            for name, value in updates.items():
                conn.execute(f"UPDATE runs SET {name} = ? WHERE id = ?", (value, run_id))
            conn.execute("UPDATE runs SET status = 'running', worker = ?, updated_at = ? "
                         "WHERE id = ?", (this_worker(), now(), run_id))
            writing.append_audit(conn, actor, AuditAction.run_resumed, None, run_id=run_id,
                                 previous_status=row["status"], previous_worker=row["worker"],
                                 **updates)
            return _run_record(_run_row(conn, run_id))

    def run(self, run_id: str) -> RunRecord:
        with self.db.snapshot() as conn:
            return _run_record(_run_row(conn, run_id))

    def runs(self) -> list[RunRecord]:
        with self.db.snapshot() as conn:
            return [_run_record(r) for r in
                    conn.execute("SELECT * FROM runs ORDER BY created_at DESC, id DESC")]

    def run_items(self, run_id: str) -> list[RunItem]:
        with self.db.snapshot() as conn:
            _run_row(conn, run_id)
            rows = conn.execute("SELECT * FROM run_items WHERE run_id = ? ORDER BY position",
                                (run_id,))
            return [_run_item(r) for r in rows]

    def run_counts(self, run_id: str) -> dict[str, int]:
        """How many of the run's items are in each status (a progress poll's cheap question)."""
        with self.db.snapshot() as conn:
            rows = conn.execute("SELECT status, count(*) FROM run_items WHERE run_id = ? "
                                "GROUP BY status", (run_id,))
            return {status: int(count) for status, count in rows}

    def case_data(self, case_id: str, case_hash: str) -> tuple[str | None, str | None]:
        """(text, validated JSON) of a stored case file; None for what is not stored. Refused
        (``TamperedError``) if the text no longer hashes to ``case_hash``."""
        with self.db.snapshot() as conn:
            row = conn.execute("SELECT content, validated FROM cases WHERE case_id = ? AND "
                               "case_hash = ?", (case_id, case_hash)).fetchone()
        if row is None:
            return None, None
        if row["content"] is not None and sha256_text(row["content"]) != case_hash:
            raise TamperedError(f"case {case_id}: its stored text was edited after it was "
                                f"stored (it no longer hashes to {case_hash[:12]}); refusing to "
                                "draft from it (run 'necessity store verify' for a full report)")
        return row["content"], row["validated"]

    def run_drafts(self, run_id: str) -> dict[str, tuple[str, DraftStatus]]:
        """The run's drafts by case hash: (draft id, status)."""
        with self.db.snapshot() as conn:
            rows = conn.execute("SELECT case_hash, id, status FROM drafts WHERE run_id = ?",
                                (run_id,))
            return {r["case_hash"]: (r["id"], r["status"]) for r in rows}

    def run_spent(self, run_id: str) -> tuple[int, int, float]:
        """(prompt tokens, completion tokens, USD) of every model call recorded for the run's
        drafts, across every process that worked on it."""
        with self.db.snapshot() as conn:
            row = conn.execute(
                "SELECT coalesce(sum(m.prompt_tokens), 0), coalesce(sum(m.completion_tokens), 0),"
                " coalesce(sum(m.cost_usd), 0) FROM model_calls m JOIN drafts d "
                "ON d.id = m.draft_id WHERE d.run_id = ?", (run_id,)).fetchone()
            return int(row[0]), int(row[1]), float(row[2])

    def finish_item(self, run_id: str, item_id: int, result: RunItemResult) -> None:
        """Record a case's end (idempotent: finishing it again overwrites the same row)."""
        with self.db.transaction() as conn:
            conn.execute(
                "UPDATE run_items SET status = ?, draft_id = ?, outcomes = ?, "
                "invalid_citations = ?, prompt_tokens = ?, completion_tokens = ?, cost_usd = ?, "
                "seconds = ?, outputs = ?, errors = ?, finished_at = ? "
                "WHERE id = ? AND run_id = ?",
                (result.status, result.draft_id, json.dumps(result.outcomes),
                 result.invalid_citations, result.prompt_tokens, result.completion_tokens,
                 result.cost_usd, result.seconds, json.dumps(result.outputs),
                 json.dumps(result.errors), now(), item_id, run_id))
            conn.execute("UPDATE runs SET updated_at = ? WHERE id = ?", (now(), run_id))

    def set_run_status(self, run_id: str, status: RunStatus, actor: str, **detail: Any) -> None:
        with self.db.transaction() as conn:
            _run_row(conn, run_id)
            conn.execute("UPDATE runs SET status = ?, updated_at = ? WHERE id = ?",
                         (status, now(), run_id))
            writing.append_audit(conn, actor, AuditAction.run_stopped, None, run_id=run_id,
                                 status=status, **detail)


def _run_row(conn: sqlite3.Connection, run_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
    if row is None:
        raise UnknownRunError(run_id)
    return row


def _run_record(row: sqlite3.Row) -> RunRecord:
    return RunRecord(
        id=row["id"], created_at=timestamp(row["created_at"]),
        updated_at=timestamp(row["updated_at"]), status=row["status"],
        inputs=json.loads(row["inputs"]), backend=row["backend"], model=row["model"],
        concurrency=row["concurrency"], budget_usd=row["budget_usd"], out_dir=row["out_dir"],
        options=json.loads(row["options"]), worker=row["worker"])


def _run_item(row: sqlite3.Row) -> RunItem:
    return RunItem(
        id=row["id"], run_id=row["run_id"], position=row["position"],
        case_path=row["case_path"], case_id=row["case_id"], case_hash=row["case_hash"],
        status=row["status"], errors=json.loads(row["errors"]), draft_id=row["draft_id"],
        outcomes=json.loads(row["outcomes"]), invalid_citations=row["invalid_citations"],
        prompt_tokens=row["prompt_tokens"], completion_tokens=row["completion_tokens"],
        cost_usd=row["cost_usd"], seconds=row["seconds"], outputs=json.loads(row["outputs"]),
        finished_at=maybe_timestamp(row["finished_at"]))
