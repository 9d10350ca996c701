"""Row readers: stored rows back into ``Draft`` parts and the store's records."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from pydantic import TypeAdapter

from drafting.criteria.results import ItemResult
from drafting.draft import Citation, Draft, Provenance, SectionDraft, Source, Usage
from drafting.store.connection import maybe_timestamp, timestamp
from drafting.store.errors import UnknownDraftError, UnknownSectionError
from drafting.store.records import (
    AuditEntry,
    DraftSummary,
    HistoryEntry,
    ModelCallRecord,
    OverrideRecord,
)

_CRITERIA = TypeAdapter(list[ItemResult])
_SOURCES = TypeAdapter(dict[str, Source])

_VERSIONS = """
    SELECT s.key, s.kind, s.title, s.item_id, s.position, v.*
    FROM sections s JOIN section_versions v ON v.section_id = s.id
    WHERE s.draft_id = ? AND v.version = (
        SELECT max(version) FROM section_versions WHERE section_id = s.id AND version <= ?)
    ORDER BY s.position, s.id"""

LATEST = 2**62


def draft_row(conn: sqlite3.Connection, draft_id: str) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM drafts WHERE id = ?", (draft_id,)).fetchone()
    if row is None:
        raise UnknownDraftError(draft_id)
    return row


def section_version(conn: sqlite3.Connection, draft_id: str, key: str,
                    version: int | None = None) -> sqlite3.Row:
    """A section joined with one of its versions (the latest if ``version`` is None)."""
    draft_row(conn, draft_id)
    row = conn.execute(
        "SELECT s.key, s.kind, s.title, s.item_id, s.position, v.* "
        "FROM sections s JOIN section_versions v ON v.section_id = s.id "
        "WHERE s.draft_id = ? AND s.key = ? AND (CAST(? AS INTEGER) IS NULL OR v.version = ?) "
        "ORDER BY v.version DESC LIMIT 1", (draft_id, key, version, version)).fetchone()
    if row is None:
        raise UnknownSectionError(draft_id, key, version)
    return row


def sections(conn: sqlite3.Connection, draft_id: str, bound: int = LATEST) -> list[SectionDraft]:
    """Each section of the draft at its highest version not above ``bound``, in order."""
    return [section_draft(conn, row) for row in conn.execute(_VERSIONS, (draft_id, bound))]


def section_keys(conn: sqlite3.Connection, draft_id: str) -> list[str]:
    """The draft's section keys, in order."""
    return [r["key"] for r in conn.execute(
        "SELECT key FROM sections WHERE draft_id = ? ORDER BY position, id", (draft_id,))]


def latest_statuses(conn: sqlite3.Connection, draft_id: str) -> dict[str, str]:
    """Each section's status at its latest version, in order."""
    return {r["key"]: r["status"] for r in conn.execute(_VERSIONS, (draft_id, LATEST))}


def section_draft(conn: sqlite3.Connection, row: sqlite3.Row) -> SectionDraft:
    citations = [
        Citation(marker=c["marker"], kind=c["kind"], target=c["target"], sentence=c["sentence"],
                 valid=bool(c["valid"]), problem=c["problem"])
        for c in conn.execute("SELECT * FROM citations WHERE version_id = ? ORDER BY position",
                              (row["id"],))]
    return SectionDraft(
        key=row["key"], kind=row["kind"], title=row["title"], item_id=row["item_id"],
        text=row["text"], status=row["status"], error=row["error"], citations=citations,
        fact_ids=json.loads(row["fact_ids"]), excerpt_ids=json.loads(row["excerpt_ids"]),
        prompt_hash=row["prompt_hash"] or "", template_hash=row["template_hash"] or "",
        attempts=row["attempts"], seconds=row["seconds"],
        usage=Usage(prompt_tokens=row["prompt_tokens"],
                    completion_tokens=row["completion_tokens"], cost_usd=row["cost_usd"]))


def draft(row: sqlite3.Row, parts: list[SectionDraft]) -> Draft:
    """A ``Draft`` from its row and chosen sections. A draft never finished (a crashed run)
    has no criteria, and provenance rebuilt from its row and the sections stored so far."""
    if row["provenance"] is not None:
        provenance = Provenance.model_validate_json(row["provenance"])
    else:
        provenance = Provenance(
            backend=row["backend"], model=row["model"], base_url_host=row["base_url_host"],
            external=bool(row["external"]), language_model=bool(row["language_model"]),
            prompt_hashes={s.key: s.prompt_hash for s in parts if s.prompt_hash},
            template_hashes={s.key: s.template_hash for s in parts if s.template_hash},
            excerpt_ids=sorted({e for s in parts for e in s.excerpt_ids}))
    return Draft(
        case_id=row["case_id"], case_hash=row["case_hash"], title=row["title"],
        document_type=row["document_type"], perspective=row["perspective"],
        setting=row["setting"], created_at=timestamp(row["created_at"]), label=row["label"],
        sections=parts,
        criteria=_CRITERIA.validate_json(row["criteria"]) if row["criteria"] else [],
        sources=_SOURCES.validate_json(row["sources"]) if row["sources"] else {},
        provenance=provenance)


def summary(row: sqlite3.Row) -> DraftSummary:
    return DraftSummary(
        draft_id=row["id"], case_id=row["case_id"], case_hash=row["case_hash"],
        title=row["title"], document_type=row["document_type"],
        perspective=row["perspective"], setting=row["setting"], status=row["status"],
        backend=row["backend"], model=row["model"], external=bool(row["external"]),
        created_at=timestamp(row["created_at"]), finished_at=maybe_timestamp(row["finished_at"]),
        sections=row["n_sections"], failed_sections=row["n_failed"],
        edited_sections=row["n_edited"], signed_off_by=row["signed_by"],
        signed_off_at=maybe_timestamp(row["signed_at"]), run_id=row["run_id"],
        worker=row["worker"], signer_credentials=row["signer_credentials"] or None)


# Sign-off rows as the audit log records them: a row no audit row records (inserted by direct
# SQL) is not a sign-off (``store verify`` reports it).
_RECORDED = """FROM sign_offs o JOIN audit_log a ON a.id = o.audit_id AND a.draft_id = o.draft_id
    AND a.action = CASE o.kind WHEN 'signed' THEN 'signed_off' ELSE 'sign_off_voided' END"""

SUMMARIES = f"""
    WITH latest AS (
        SELECT s.draft_id, v.status,
               EXISTS (SELECT 1 FROM section_versions h
                       WHERE h.section_id = s.id AND h.origin = 'human') AS edited
        FROM sections s JOIN section_versions v ON v.section_id = s.id
        WHERE v.version = (SELECT max(version) FROM section_versions WHERE section_id = s.id))
    SELECT d.*,
           (SELECT count(*) FROM latest l WHERE l.draft_id = d.id) AS n_sections,
           (SELECT count(*) FROM latest l WHERE l.draft_id = d.id AND l.status = 'failed')
               AS n_failed,
           (SELECT count(*) FROM latest l WHERE l.draft_id = d.id AND l.edited) AS n_edited,
           (SELECT CASE WHEN o.kind = 'signed' THEN o.signed_off_by END {_RECORDED}
            WHERE o.draft_id = d.id ORDER BY o.id DESC LIMIT 1) AS signed_by,
           (SELECT CASE WHEN o.kind = 'signed' THEN o.at END {_RECORDED}
            WHERE o.draft_id = d.id ORDER BY o.id DESC LIMIT 1) AS signed_at,
           (SELECT CASE WHEN o.kind = 'signed' THEN o.credentials END {_RECORDED}
            WHERE o.draft_id = d.id ORDER BY o.id DESC LIMIT 1) AS signer_credentials
    FROM drafts d WHERE (CAST(:case_id AS TEXT) IS NULL OR d.case_id = :case_id)
                    AND (CAST(:draft_id AS TEXT) IS NULL OR d.id = :draft_id)
    ORDER BY d.created_at DESC, d.id DESC"""


def history_entry(row: sqlite3.Row) -> HistoryEntry:
    return HistoryEntry(row["key"], row["version"], row["author"], row["reason"],
                        timestamp(row["created_at"]), row["status"])


def override_record(row: sqlite3.Row) -> OverrideRecord:
    return OverrideRecord(
        id=row["id"], draft_id=row["draft_id"], item_id=row["item_id"],
        criterion_id=row["criterion_id"], value=row["value"], reason=row["reason"],
        author=row["author"], created_at=timestamp(row["created_at"]))


def model_call_record(row: sqlite3.Row) -> ModelCallRecord:
    fields: dict[str, Any] = {k: row[k] for k in row.keys() if k != "version_id"}  # noqa: SIM118
    fields["created_at"] = timestamp(row["created_at"])
    return ModelCallRecord(**fields)


def audit_entry(row: sqlite3.Row) -> AuditEntry:
    return AuditEntry(id=row["id"], at=timestamp(row["at"]), actor=row["actor"],
                      action=row["action"], draft_id=row["draft_id"],
                      detail=json.loads(row["detail"]), stated_author=row["stated_author"])


def current_sign_off(conn: sqlite3.Connection, draft_id: str) -> sqlite3.Row | None:
    """The draft's standing sign-off: its latest ``sign_offs`` row an audit row records, if
    that is a signing."""
    row = conn.execute(f"SELECT o.* {_RECORDED} WHERE o.draft_id = ? ORDER BY o.id DESC "
                       "LIMIT 1", (draft_id,)).fetchone()
    return row if row is not None and row["kind"] == "signed" else None
