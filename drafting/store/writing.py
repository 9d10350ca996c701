"""Row writers. Each takes a connection already inside a transaction and writes nothing else."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Literal

from drafting.draft import Citation, SectionDraft
from drafting.store import chain
from drafting.store.chain import Appended
from drafting.store.connection import now
from drafting.store.records import AuditAction

Origin = Literal["model", "human"]


def ensure_case(conn: sqlite3.Connection, case_id: str, case_hash: str,
                path: str | None, content: str | None = None,
                validated: str | None = None) -> None:
    """Record a case file the first time its (id, content hash) is seen; keep its text (and its
    validated form) once known: the hash names the text, so neither is ever replaced."""
    conn.execute("INSERT INTO cases (case_id, case_hash, path, first_seen, content, validated) "
                 "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (case_id, case_hash) DO UPDATE SET "
                 "content = coalesce(cases.content, excluded.content), "
                 "validated = coalesce(cases.validated, excluded.validated)",
                 (case_id, case_hash, path, now(), content, validated))


def insert_draft(conn: sqlite3.Connection, **columns: Any) -> None:
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    conn.execute(f"INSERT INTO drafts ({names}) VALUES ({marks})", tuple(columns.values()))


def ensure_section(conn: sqlite3.Connection, draft_id: str, section: SectionDraft,
                   position: int | None) -> tuple[int, bool]:
    """The section's row id, inserting the row if the draft has no section with this key yet;
    returns (id, created). A new section goes last unless a position is given."""
    row = conn.execute("SELECT id FROM sections WHERE draft_id = ? AND key = ?",
                       (draft_id, section.key)).fetchone()
    if row is not None:
        return int(row["id"]), False
    if position is None:
        position = conn.execute("SELECT coalesce(max(position) + 1, 0) FROM sections "
                                "WHERE draft_id = ?", (draft_id,)).fetchone()[0]
    cursor = conn.execute(
        "INSERT INTO sections (draft_id, key, kind, title, item_id, position) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (draft_id, section.key, section.kind, section.title, section.item_id, position))
    return int(cursor.lastrowid or 0), True


def insert_version(conn: sqlite3.Connection, section_id: int, section: SectionDraft, *,
                   author: str, origin: Origin, reason: str | None) -> tuple[int, int]:
    """Store ``section`` as the next version of the section; returns (version row id, number).
    A human version carries no prompt or template hash and no usage: no model wrote it."""
    number = conn.execute("SELECT coalesce(max(version), 0) + 1 FROM section_versions "
                          "WHERE section_id = ?", (section_id,)).fetchone()[0]
    human = origin == "human"
    cursor = conn.execute(
        "INSERT INTO section_versions (section_id, version, text, author, origin, reason, "
        "created_at, status, error, prompt_hash, template_hash, fact_ids, excerpt_ids, "
        "prompt_tokens, completion_tokens, cost_usd, seconds, attempts) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (section_id, number, section.text, author, origin, reason, now(), section.status,
         section.error, None if human else section.prompt_hash,
         None if human else section.template_hash,
         json.dumps(section.fact_ids), json.dumps(section.excerpt_ids),
         section.usage.prompt_tokens, section.usage.completion_tokens, section.usage.cost_usd,
         section.seconds, section.attempts))
    version_id = int(cursor.lastrowid or 0)
    insert_citations(conn, version_id, section.citations)
    return version_id, int(number)


def insert_citations(conn: sqlite3.Connection, version_id: int,
                     citations: list[Citation]) -> None:
    conn.executemany(
        "INSERT INTO citations (version_id, position, marker, kind, target, sentence, valid, "
        "problem) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(version_id, i, c.marker, c.kind, c.target, c.sentence, int(c.valid), c.problem)
         for i, c in enumerate(citations)])


def insert_model_call(conn: sqlite3.Connection, draft_id: str, version_id: int,
                      section: SectionDraft, backend: str, model: str) -> None:
    """One backend call (its retries and any repair round included) behind a section version."""
    conn.execute(
        "INSERT INTO model_calls (draft_id, section_key, version_id, backend, model, "
        "prompt_hash, prompt_tokens, completion_tokens, cost_usd, seconds, attempts, status, "
        "error, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_id, section.key, version_id, backend, model, section.prompt_hash or None,
         section.usage.prompt_tokens, section.usage.completion_tokens, section.usage.cost_usd,
         section.seconds, section.attempts, section.status, section.error, now()))


def append_audit(conn: sqlite3.Connection, actor: str, action: AuditAction,
                 draft_id: str | None, **detail: Any) -> Appended:
    """The next row of the hash-chained audit log. Its actor is the authenticated principal
    (``principal.py``) when one is set, with ``actor`` kept as the stated author; else
    ``actor``."""
    return chain.append(conn, actor, action.value, draft_id, detail)


def insert_sign_off(conn: sqlite3.Connection, draft_id: str, audit: Appended, kind: str,
                    signed_off_by: str, *, versions: dict[str, int] | None = None,
                    reason: str | None = None, credentials: str | None = None) -> int:
    """A sign-off (``signed``) or its voiding (``voided``), as recorded by the audit row
    ``audit``: same draft, actor and time."""
    cursor = conn.execute(
        "INSERT INTO sign_offs (draft_id, audit_id, kind, signed_off_by, actor, at, versions, "
        "reason, credentials) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_id, audit.id, kind, signed_off_by, audit.actor, audit.at,
         json.dumps(versions or {}, sort_keys=True), reason, credentials))
    return int(cursor.lastrowid or 0)
