"""``DraftStore``: every draft, section version, model call, override and review action in one
SQLite file. Each public method that writes is one transaction, so a crash mid-draft keeps the
sections already saved, and every change leaves a row in the append-only audit log."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, Self
from uuid import uuid4

from drafting.case import Case
from drafting.draft import Draft, SectionDraft
from drafting.store import draft_record, integrity, reading, writing
from drafting.store.chain import sha256_text
from drafting.store.connection import Database, connect, now, writer_lock_path
from drafting.store.diffing import unified_diff
from drafting.store.errors import UnknownDraftError
from drafting.store.postgres import connect_postgres, is_postgres_url, shown_url
from drafting.store.records import (
    AuditAction,
    AuditEntry,
    DraftStatus,
    DraftSummary,
    HistoryEntry,
    IntegrityReport,
    ModelCallRecord,
    StoredCase,
)
from drafting.store.review import Reviews, required
from drafting.store.runs import BatchRuns
from drafting.store.unsaved import UnsavedEdits
from drafting.store.users import Users
from drafting.store.verify import verify_store
from drafting.store.workers import this_worker

VersionChoice = Literal["latest", "original"] | int


class DraftStore:
    """Drafts and their section versions, model calls and audit log; over the same connection,
    ``review`` (edits, overrides, exports, sign-off) and ``batches`` (batch runs). The HTTP
    API keeps its keys, cases and responses in its own repository over ``db``
    (``drafting.api.tenancy``)."""

    def __init__(self, conn: sqlite3.Connection, path: Path | str):
        lock = writer_lock_path(Path(path)) if isinstance(conn, sqlite3.Connection) else None
        self.db = Database(conn, lock)
        self.path = path  # the SQLite file, or the PostgreSQL URL without its password
        self.review = Reviews(self.db)
        self.batches = BatchRuns(self.db)
        self.users = Users(self.db)  # the physician app's users and profiles
        self.unsaved = UnsavedEdits(self.db)  # their unsaved edits and proposals

    @classmethod
    def open(cls, path: str | Path) -> DraftStore:
        """Open the store at ``path`` (a SQLite file, created with its directories if need be)
        or at a ``postgresql://`` URL, applying any pending schema migrations; refuses a store
        written by a newer version."""
        if is_postgres_url(str(path)):
            url = str(path)
            return cls(connect_postgres(url), shown_url(url))  # type: ignore[arg-type]
        path = Path(path)
        return cls(connect(path), path)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    # -- drafting --------------------------------------------------------------------------------

    def begin_draft(self, case: Case, case_path: str | Path | None, case_hash: str,
                    document_type: str, perspective: str, backend: str, model: str,
                    base_url_host: str | None, external: bool, *, language_model: bool = True,
                    title: str = "", actor: str | None = None, case_text: str | None = None,
                    options: dict[str, Any] | None = None, run_id: str | None = None) -> str:
        """Record a drafting run that is starting; returns its new draft id (status
        ``in_progress`` until ``finish_draft``). ``case_text`` keeps the case file with it (for
        regeneration); a ``run_id`` ties it to a batch run, which drafts each case once."""
        with self.db.transaction() as conn:
            return self.begin_in(conn, case, case_path, case_hash, document_type, perspective,
                                 backend, model, base_url_host, external,
                                 language_model=language_model, title=title, actor=actor,
                                 case_text=case_text, options=options, run_id=run_id)

    def begin_in(self, conn: sqlite3.Connection, case: Case, case_path: str | Path | None,
                 case_hash: str, document_type: str, perspective: str, backend: str, model: str,
                 base_url_host: str | None, external: bool, *, language_model: bool = True,
                 title: str = "", actor: str | None = None, case_text: str | None = None,
                 options: dict[str, Any] | None = None, run_id: str | None = None) -> str:
        """``begin_draft`` inside the caller's transaction."""
        return self._begin(conn, case.id, case_hash, case_path, title=title,
                           document_type=str(document_type), perspective=str(perspective),
                           setting=str(case.setting), created_at=now(), backend=backend,
                           model=model, base_url_host=base_url_host, external=int(external),
                           language_model=int(language_model), actor=actor or backend,
                           case_text=case_text, run_id=run_id, worker=this_worker(),
                           options=None if options is None else json.dumps(options))

    def resume_draft(self, draft_id: str, actor: str) -> list[SectionDraft]:
        """Take over an unfinished draft whose process died: record this process as its worker
        and return the sections already stored (latest versions) so that only the rest is
        drafted."""
        with self.db.transaction() as conn:
            row = reading.draft_row(conn, draft_id)
            if row["status"] != "in_progress":
                raise ValueError(f"draft {draft_id!r} is {row['status']}, not in progress")
            conn.execute("UPDATE drafts SET worker = ? WHERE id = ?", (this_worker(), draft_id))
            stored = reading.sections(conn, draft_id)
            writing.append_audit(conn, actor, AuditAction.draft_resumed, draft_id,
                                 previous_worker=row["worker"], worker=this_worker(),
                                 stored=[s.key for s in stored])
            return stored

    def claim_draft(self, draft_id: str) -> None:
        """Record this process as the one drafting an unfinished draft (a worker taking a
        queued draft), so that its liveness, not the requester's, tells whether it runs."""
        with self.db.transaction() as conn:
            conn.execute("UPDATE drafts SET worker = ? WHERE id = ? AND status = 'in_progress'",
                         (this_worker(), draft_id))

    def fingerprint(self, draft_id: str) -> tuple[Any, ...]:
        """Changes whenever anything shown of the draft changes: its status, a new section
        version, an override, a sign-off."""
        with self.db.snapshot() as conn:
            row = conn.execute(
                "SELECT d.status, d.finished_at, "
                "(SELECT max(o.id) FROM sign_offs o WHERE o.draft_id = d.id), "
                "(SELECT max(v.id) FROM section_versions v JOIN sections s "
                " ON v.section_id = s.id WHERE s.draft_id = d.id), "
                "(SELECT max(o.id) FROM overrides o WHERE o.draft_id = d.id) "
                "FROM drafts d WHERE d.id = ?", (draft_id,)).fetchone()
        if row is None:
            raise UnknownDraftError(draft_id)
        return tuple(row)

    def interrupt_draft(self, draft_id: str, actor: str, reason: str) -> None:
        """Mark an unfinished draft ``incomplete`` (Ctrl-C, a signal): its stored sections stay."""
        with self.db.transaction() as conn:
            row = reading.draft_row(conn, draft_id)
            if row["status"] != "in_progress":
                return
            conn.execute("UPDATE drafts SET status = 'incomplete', finished_at = ? WHERE id = ?",
                         (now(), draft_id))
            writing.append_audit(conn, actor, AuditAction.draft_interrupted, draft_id,
                                 reason=reason,
                                 sections=len(reading.sections(conn, draft_id)))

    def save_section(self, draft_id: str, section: SectionDraft, author: str, *,
                     position: int | None = None) -> int:
        """Store a section the backend produced as the section's next version, with its
        citations and the model call behind it; returns the version number."""
        author = required("author", author)
        with self.db.transaction() as conn:
            return self._save_section(conn, reading.draft_row(conn, draft_id), section, author,
                                      position)

    def finish_draft(self, draft_id: str, draft: Draft, *, actor: str | None = None) -> DraftStatus:
        """Store the finished run's criteria, sources and provenance (and any of its sections
        not saved yet); the status becomes ``complete``, or ``incomplete`` if a section failed."""
        with self.db.transaction() as conn:
            return self._finish(conn, reading.draft_row(conn, draft_id), draft, actor)

    def save_draft(self, draft: Draft, case_path: str | Path | None, *,
                   actor: str | None = None) -> str:
        """Store an already-finished ``Draft`` in one transaction; returns its draft id."""
        p = draft.provenance
        with self.db.transaction() as conn:
            draft_id = self._begin(
                conn, draft.case_id, draft.case_hash, case_path, title=draft.title,
                document_type=draft.document_type, perspective=draft.perspective,
                setting=draft.setting, created_at=_utc(draft.created_at).isoformat(),
                backend=p.backend, model=p.model, base_url_host=p.base_url_host,
                external=int(p.external), language_model=int(p.language_model),
                actor=actor or p.backend)
            row = reading.draft_row(conn, draft_id)
            for section in draft.sections:
                self._save_section(conn, row, section, p.backend, None)
            self._finish(conn, row, draft, actor)
        return draft_id

    # -- reading ---------------------------------------------------------------------------------

    def list_drafts(self, case_id: str | None = None) -> list[DraftSummary]:
        """Stored drafts, newest first, optionally of one case only."""
        with self.db.snapshot() as conn:
            rows = conn.execute(reading.SUMMARIES, {"case_id": case_id, "draft_id": None})
            return [reading.summary(r) for r in rows]

    def load_draft(self, draft_id: str, version: VersionChoice = "latest") -> Draft:
        """The draft as stored: each section at its latest version (``"original"``: version 1;
        an int N: the highest version not above N). Overrides are not applied."""
        with self.db.snapshot() as conn:
            row = reading.draft_row(conn, draft_id)
            return reading.draft(row, reading.sections(conn, draft_id, _bound(version)))

    def summary(self, draft_id: str) -> DraftSummary:
        with self.db.snapshot() as conn:
            reading.draft_row(conn, draft_id)
            rows = conn.execute(reading.SUMMARIES, {"case_id": None, "draft_id": draft_id})
            return reading.summary(rows.fetchone())

    def stored_case(self, draft_id: str) -> StoredCase:
        """The case file the draft was made from, as stored with it, checked against the hashes
        recorded when it was stored (``TamperedError`` if its text, or the case the draft
        points to, was changed since: nothing is drafted from edited case text)."""
        with self.db.snapshot() as conn:
            return integrity.checked_case(conn, reading.draft_row(conn, draft_id))

    def draft_options(self, draft_id: str) -> dict[str, Any]:
        """How the draft was made (``retrieval``, ``formats``, ...), as given to begin_draft."""
        with self.db.snapshot() as conn:
            options = reading.draft_row(conn, draft_id)["options"]
            return {} if options is None else dict(json.loads(options))

    def history(self, draft_id: str) -> list[HistoryEntry]:
        """Every version of every section, in section order then version order."""
        with self.db.snapshot() as conn:
            reading.draft_row(conn, draft_id)
            rows = conn.execute(
                "SELECT s.key, v.version, v.author, v.reason, v.created_at, v.status "
                "FROM sections s JOIN section_versions v ON v.section_id = s.id "
                "WHERE s.draft_id = ? ORDER BY s.position, s.id, v.version", (draft_id,))
            return [reading.history_entry(r) for r in rows]

    def section_text(self, draft_id: str, key: str, version: int | None = None) -> str:
        """The text of one version of a section (the latest if ``version`` is None)."""
        with self.db.snapshot() as conn:
            return str(reading.section_version(conn, draft_id, key, version)["text"])

    def diff(self, draft_id: str, key: str, v1: int, v2: int) -> str:
        """A unified diff of a section's text from version ``v1`` to version ``v2``."""
        with self.db.snapshot() as conn:
            old = reading.section_version(conn, draft_id, key, v1)["text"]
            new = reading.section_version(conn, draft_id, key, v2)["text"]
        return unified_diff(old, new, key=key, old_version=v1, new_version=v2)

    def model_calls(self, draft_id: str) -> list[ModelCallRecord]:
        with self.db.snapshot() as conn:
            reading.draft_row(conn, draft_id)
            rows = conn.execute("SELECT * FROM model_calls WHERE draft_id = ? ORDER BY id",
                                (draft_id,))
            return [reading.model_call_record(r) for r in rows]

    def verify(self, head: tuple[int, str] | None = None) -> IntegrityReport:
        """Walk the audit log's hash chain and check what it vouches for (case text, section
        texts, criteria results, overrides, sign-offs); the report lists every problem.
        ``head`` (row id, hash), as an earlier report gave it, must still be in the chain."""
        with self.db.snapshot() as conn:
            return verify_store(conn, head)

    def audit(self, draft_id: str | None = None) -> list[AuditEntry]:
        """The audit log, oldest first: all of it, or one draft's entries."""
        with self.db.snapshot() as conn:
            if draft_id is not None:
                reading.draft_row(conn, draft_id)
            rows = conn.execute("SELECT * FROM audit_log WHERE (CAST(? AS TEXT) IS NULL "
                                "OR draft_id = ?) ORDER BY id", (draft_id, draft_id))
            return [reading.audit_entry(r) for r in rows]

    # -- steps shared by the public methods, each inside the caller's transaction ----------------

    @staticmethod
    def _begin(conn: sqlite3.Connection, case_id: str, case_hash: str,
               case_path: str | Path | None, *, actor: str, case_text: str | None = None,
               **columns: object) -> str:
        writing.ensure_case(conn, case_id, case_hash, None if case_path is None else str(case_path),
                            case_text)
        draft_id = uuid4().hex[:12]
        writing.insert_draft(conn, id=draft_id, case_id=case_id, case_hash=case_hash, **columns)
        writing.append_audit(conn, actor, AuditAction.draft_created, draft_id, case_id=case_id,
                             case_hash=case_hash, backend=columns["backend"],
                             model=columns["model"],
                             validated_hash=integrity.validated_hash(conn, case_id, case_hash))
        return draft_id

    @staticmethod
    def _save_section(conn: sqlite3.Connection, row: sqlite3.Row, section: SectionDraft,
                      author: str, position: int | None) -> int:
        section_id, _ = writing.ensure_section(conn, row["id"], section, position)
        version_id, number = writing.insert_version(conn, section_id, section, author=author,
                                                    origin="model", reason=None)
        writing.insert_model_call(conn, row["id"], version_id, section, row["backend"],
                                  row["model"])
        action = AuditAction.section_drafted if number == 1 else AuditAction.section_regenerated
        heading = {} if number > 1 else {"section_hash": draft_record.section_hash(
            section.kind, section.title, section.item_id)}
        writing.append_audit(conn, author, action, row["id"], key=section.key, version=number,
                             status=section.status, prompt_hash=section.prompt_hash,
                             attempts=section.attempts, text_hash=sha256_text(section.text),
                             **heading)
        return number

    def _finish(self, conn: sqlite3.Connection, row: sqlite3.Row, draft: Draft,
                actor: str | None) -> DraftStatus:
        draft_id = row["id"]
        if row["status"] != "in_progress":
            raise ValueError(f"draft {draft_id!r} is already finished ({row['status']})")
        if (draft.case_id, draft.case_hash) != (row["case_id"], row["case_hash"]):
            raise ValueError(f"draft {draft_id!r} is of case {row['case_id']} "
                             f"({row['case_hash']}), not {draft.case_id} ({draft.case_hash})")
        stored = reading.section_keys(conn, draft_id)
        for section in draft.sections:
            if section.key not in stored:
                self._save_section(conn, row, section, draft.provenance.backend, None)
        order = [s.key for s in draft.sections]
        order += [key for key in stored if key not in order]  # saved, but not in the final draft
        conn.executemany("UPDATE sections SET position = ? WHERE draft_id = ? AND key = ?",
                         [(position, draft_id, key) for position, key in enumerate(order)])
        failed = [key for key, status in reading.latest_statuses(conn, draft_id).items()
                  if status == "failed"]
        status: DraftStatus = "incomplete" if failed else "complete"
        criteria = json.dumps([r.model_dump(mode="json") for r in draft.criteria])
        provenance = draft.provenance.model_dump_json()
        sources = json.dumps({k: s.model_dump(mode="json") for k, s in draft.sources.items()})
        conn.execute(
            "UPDATE drafts SET status = ?, finished_at = ?, title = ?, label = ?, provenance = ?, "
            "criteria = ?, sources = ? WHERE id = ?",
            (status, now(), draft.title, draft.label, provenance, criteria, sources, draft_id))
        writing.append_audit(conn, actor or draft.provenance.backend, AuditAction.draft_finished,
                             draft_id, status=status, sections=len(draft.sections), failed=failed,
                             criteria_hash=sha256_text(criteria),
                             record_hash=draft_record.record_hash(draft.title, draft.label,
                                                                  provenance, sources))
        return status


def _bound(version: VersionChoice) -> int:
    if version == "latest":
        return reading.LATEST
    if version == "original":
        return 1
    if isinstance(version, int) and not isinstance(version, bool) and version >= 1:
        return version
    raise ValueError(f"version must be 'latest', 'original' or a number >= 1, not {version!r}")


def _utc(at: dt.datetime) -> dt.datetime:
    """Stored timestamps are UTC so that they sort as text; a naive one is kept as given."""
    return at if at.tzinfo is None else at.astimezone(dt.UTC)
