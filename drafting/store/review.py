"""What a physician does to a stored draft: edit or regenerate sections, override criteria or
outcomes, export and sign off. Each is one transaction with its audit entry; edits, regenerations
and overrides need a reason.

Sign-off policy: a draft may still be changed after it is signed off (a physician may correct a
signed opinion), but any change of content (an edit, a regeneration, an override) voids the
sign-off in the same transaction, and the audit log records whose sign-off was voided and why.
The draft must then be signed off again. A sign-off and its voiding are rows of ``sign_offs``
(append-only), each recorded by an audit row with the same actor and time."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from drafting.draft import Citation, SectionDraft, Usage
from drafting.store import reading, writing
from drafting.store.chain import sha256_text
from drafting.store.connection import Database, now
from drafting.store.errors import StaleSectionError, UnknownCriterionError
from drafting.store.records import (
    CRITERION_VALUES,
    OUTCOME_VALUES,
    AuditAction,
    OverrideRecord,
)
from drafting.store.workers import is_alive


def required(name: str, value: str | None) -> str:
    if value is None or not value.strip():
        raise ValueError(f"{name} is required")
    return value.strip()


class Reviews:
    """Edits, regenerations, overrides, exports and sign-off of stored drafts (``store.review``)."""

    def __init__(self, db: Database):
        self.db = db

    def edit_section(self, draft_id: str, key: str, text: str, author: str, reason: str, *,
                     citations: list[Citation], base_version: int | None = None) -> int:
        """Store a human's text as the section's next version, with its citations as checked
        by the caller (the drafting service checks them against the case); returns the version
        number. ``base_version``: the version the text was started from; if the section has
        moved on since, nothing is stored (StaleSectionError)."""
        with self.db.transaction() as conn:
            return edit_in(conn, draft_id, key, text, author, reason, citations,
                           base_version=base_version)

    def save_regenerated(self, draft_id: str, section: SectionDraft, requested_by: str,
                         reason: str, *, backend: str, model: str,
                         base_version: int | None = None) -> int:
        """Store a section ``backend`` wrote again as the section's next version (the author of
        the text is the backend; ``requested_by`` is who asked). Every earlier version, a human
        edit included, stays as it was; returns the new version number. A failed section
        stored this way marks the draft ``incomplete``. ``base_version``: as for an edit."""
        requested_by, reason = required("requested by", requested_by), required("reason", reason)
        with self.db.transaction() as conn:
            draft = reading.draft_row(conn, draft_id)
            if draft["status"] == "in_progress" and is_alive(draft["worker"]):
                raise ValueError(f"draft {draft_id!r} is still being drafted by "
                                 f"{draft['worker']}; regenerate it when that run has finished")
            previous = reading.section_version(conn, draft_id, section.key)
            _check_base(draft_id, section.key, previous, base_version)
            version_id, number = writing.insert_version(
                conn, previous["section_id"], section, author=backend, origin="model",
                reason=reason)
            writing.insert_model_call(conn, draft_id, version_id, section, backend, model)
            writing.append_audit(
                conn, requested_by, AuditAction.section_regenerated, draft_id, key=section.key,
                version=number, previous_version=previous["version"],
                previous_author=previous["author"], previous_origin=previous["origin"],
                reason=reason, backend=backend, model=model, status=section.status,
                prompt_hash=section.prompt_hash,
                invalid_citations=len(section.invalid_citations),
                text_hash=sha256_text(section.text))
            _void_sign_off(conn, draft_id, requested_by,
                           f"section {section.key} regenerated (version {number})")
            if section.status == "failed" and draft["status"] == "complete":
                conn.execute("UPDATE drafts SET status = 'incomplete' WHERE id = ?", (draft_id,))
            return number

    def override(self, draft_id: str, item_id: str, criterion_id: str | None, value: str,
                 reason: str, author: str) -> OverrideRecord:
        """Record a physician's override of a criterion's status (``criterion_id`` given) or of
        a disputed item's outcome (``criterion_id`` None). The criteria results are unchanged."""
        author, reason = required("author", author), required("reason", reason)
        allowed = OUTCOME_VALUES if criterion_id is None else CRITERION_VALUES
        if value not in allowed:
            what = "an outcome" if criterion_id is None else "a criterion"
            raise ValueError(f"{value!r} is not a value for {what}; use one of: "
                             f"{', '.join(sorted(allowed))}")
        with self.db.transaction() as conn:
            row = reading.draft_row(conn, draft_id)
            previous = _current(row, draft_id, item_id, criterion_id)
            cursor = conn.execute(
                "INSERT INTO overrides (draft_id, item_id, criterion_id, value, reason, author, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (draft_id, item_id, criterion_id, str(value), reason, author, now()))
            action = (AuditAction.outcome_overridden if criterion_id is None
                      else AuditAction.criterion_overridden)
            writing.append_audit(conn, author, action, draft_id, item_id=item_id,
                                 criterion_id=criterion_id, value=str(value),
                                 engine_value=previous, reason=reason,
                                 override_id=cursor.lastrowid)
            what = f"criterion {criterion_id}" if criterion_id else "outcome"
            _void_sign_off(conn, draft_id, author, f"{item_id} {what} overridden")
            stored = conn.execute("SELECT * FROM overrides WHERE id = ?",
                                  (cursor.lastrowid,)).fetchone()
            return reading.override_record(stored)

    def overrides(self, draft_id: str) -> list[OverrideRecord]:
        """The draft's overrides, oldest first (a later one supersedes an earlier one)."""
        with self.db.snapshot() as conn:
            reading.draft_row(conn, draft_id)
            rows = conn.execute("SELECT * FROM overrides WHERE draft_id = ? ORDER BY id",
                                (draft_id,))
            return [reading.override_record(r) for r in rows]

    def record_export(self, draft_id: str, fmt: str, path: str | Path, actor: str) -> None:
        """Log that the draft, at its current section versions, was exported."""
        self.record_exports(draft_id, {fmt: path}, actor)

    def record_exports(self, draft_id: str, written: Mapping[str, str | Path],
                       actor: str) -> None:
        """Log each file (format -> path) the draft was exported to, in one transaction."""
        actor = required("actor", actor)
        with self.db.transaction() as conn:
            reading.draft_row(conn, draft_id)
            versions = _versions(conn, draft_id)
            for fmt, path in written.items():
                writing.append_audit(conn, actor, AuditAction.exported, draft_id, format=fmt,
                                     path=str(path), versions=versions)

    def sign_off(self, draft_id: str, actor: str, credentials: str | None = None) -> None:
        """A physician signs the draft off at its current section versions, with their
        credentials (e.g. "MD, FAAOS") if given. Refused while the run is in progress or any
        section's latest version failed."""
        actor = required("actor", actor)
        credentials = (credentials or "").strip() or None
        with self.db.transaction() as conn:
            row = reading.draft_row(conn, draft_id)
            if row["status"] == "in_progress":
                raise ValueError(f"draft {draft_id!r} is still in progress; it cannot be "
                                 "signed off")
            failed = [s.key for s in reading.sections(conn, draft_id) if s.status == "failed"]
            if failed:
                raise ValueError(f"draft {draft_id!r} has failed sections ({', '.join(failed)}); "
                                 "edit them before signing off")
            versions = _versions(conn, draft_id)
            extra = {} if credentials is None else {"signer_credentials": credentials}
            audit = writing.append_audit(conn, actor, AuditAction.signed_off, draft_id,
                                         signed_off_by=actor, versions=versions, **extra)
            writing.insert_sign_off(conn, draft_id, audit, "signed", actor, versions=versions,
                                    credentials=credentials)
            # The draft's two columns mirror its sign-offs (older readers); the sign_offs rows,
            # append-only and each recorded in the audit log, are what is read and verified.
            conn.execute("UPDATE drafts SET signed_off_by = ?, signed_off_at = ? WHERE id = ?",
                         (actor, audit.at, draft_id))


def edit_in(conn: sqlite3.Connection, draft_id: str, key: str, text: str, author: str,
            reason: str, citations: list[Citation], *, base_version: int | None = None) -> int:
    """``edit_section`` inside the caller's transaction (for a write that must commit with
    others, such as the API's idempotency record)."""
    author, reason = required("author", author), required("reason", reason)
    row = reading.section_version(conn, draft_id, key)
    _check_base(draft_id, key, row, base_version)
    if text == row["text"]:
        raise ValueError(f"section {key!r} of draft {draft_id!r} already has this text "
                         f"(version {row['version']}); nothing to save")
    previous = reading.section_draft(conn, row)
    edited = previous.model_copy(update={
        "text": text, "status": "ok", "error": None, "citations": citations,
        "attempts": 0, "seconds": 0.0, "usage": Usage()})
    _, number = writing.insert_version(conn, row["section_id"], edited, author=author,
                                       origin="human", reason=reason)
    writing.append_audit(conn, author, AuditAction.section_edited, draft_id, key=key,
                         version=number, previous_version=row["version"], reason=reason,
                         invalid_citations=sum(not c.valid for c in citations),
                         text_hash=sha256_text(text))
    _void_sign_off(conn, draft_id, author, f"section {key} edited (version {number})")
    return number


def _check_base(draft_id: str, key: str, row: sqlite3.Row, base_version: int | None) -> None:
    """Refuse a save started from a version that is no longer the section's latest."""
    if base_version is not None and int(row["version"]) != int(base_version):
        raise StaleSectionError(draft_id, key, int(base_version), int(row["version"]),
                                row["author"], row["text"])


def _void_sign_off(conn: sqlite3.Connection, draft_id: str, actor: str, because: str) -> None:
    row = reading.current_sign_off(conn, draft_id)
    if row is None:
        return
    audit = writing.append_audit(conn, actor, AuditAction.sign_off_voided, draft_id,
                                 signed_off_by=row["signed_off_by"], signed_off_at=row["at"],
                                 reason=because)
    writing.insert_sign_off(conn, draft_id, audit, "voided", row["signed_off_by"],
                            reason=because)
    conn.execute("UPDATE drafts SET signed_off_by = NULL, signed_off_at = NULL WHERE id = ?",
                 (draft_id,))


def _versions(conn: sqlite3.Connection, draft_id: str) -> dict[str, int]:
    rows = conn.execute("SELECT s.key, max(v.version) FROM sections s JOIN section_versions v "
                        "ON v.section_id = s.id WHERE s.draft_id = ? GROUP BY s.id "
                        "ORDER BY s.position", (draft_id,))
    return {key: version for key, version in rows}


def _current(row: sqlite3.Row, draft_id: str, item_id: str,
             criterion_id: str | None) -> str | None:
    """The engine's value for the item's outcome or criterion; raises if there is no such one."""
    if row["criteria"] is None:
        raise ValueError(f"draft {draft_id!r} has no criteria results yet (the run has not "
                         "finished); nothing to override")
    item = next((i for i in json.loads(row["criteria"]) if i["item_id"] == item_id), None)
    if item is None:
        raise UnknownCriterionError(draft_id, item_id)
    if criterion_id is None:
        return item["outcome"]
    criterion = next((c for c in item["criteria"] if c["criterion_id"] == criterion_id), None)
    if criterion is None:
        raise UnknownCriterionError(draft_id, item_id, criterion_id)
    return str(criterion["status"])

