"""What the audit log vouches for about a draft's own record, besides its case, section texts,
criteria, overrides and sign-offs: its status (every change of it is an audit row), the title,
label, provenance and sources written when it finished, and each section's kind, title and item
as first stored. A reader who trusts "complete" or a section's heading trusts these columns, so
an edit by direct SQL is named like any other.

Rows written before these hashes were recorded carry none; what they do not record is not
checked (the status is, where every row that changed it recorded it)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from drafting.store.chain import sha256_text
from drafting.store.integrity import audit_details
from drafting.store.records import IntegrityProblem

# The audit actions that set or change a draft's status, in the order they were written.
STATUS_ACTIONS = ("draft_created", "draft_finished", "draft_interrupted", "section_regenerated")


def record_hash(title: str, label: str | None, provenance: str | None,
                sources: str | None) -> str:
    """The hash of what a finished draft says about itself (recorded by ``draft_finished``)."""
    return sha256_text(json.dumps([title, label, provenance, sources]))


def section_hash(kind: str, title: str, item_id: str | None) -> str:
    """The hash of a section's kind, heading and item (recorded with its first version)."""
    return sha256_text(json.dumps([kind, title, item_id]))


def expected_statuses(conn: sqlite3.Connection) -> dict[str, str | None]:
    """Each draft's status as its audit rows tell it: created in progress; finished as the
    finishing row records; interrupted, or a complete draft whose regenerated section failed,
    incomplete. None where a row that set it did not record what it set (an older store)."""
    status: dict[str, str | None] = {}
    for row, detail in audit_details(conn, STATUS_ACTIONS):
        draft_id, action = str(row["draft_id"]), row["action"]
        if action == "draft_created":
            status[draft_id] = "in_progress"
        elif draft_id not in status:
            continue  # its creation row is gone: the case check names the draft
        elif action == "draft_finished":
            recorded = detail.get("status")
            status[draft_id] = recorded if isinstance(recorded, str) else None
        elif action == "draft_interrupted" or (
                detail.get("status") == "failed" and status[draft_id] == "complete"):
            status[draft_id] = "incomplete"  # interrupted, or a regenerated section failed
    return status


def status_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Drafts whose status is not the one their audit rows lead to (a failed draft shown as
    complete, a finished draft put back in progress)."""
    expected = expected_statuses(conn)
    for draft in conn.execute("SELECT id, status FROM drafts ORDER BY created_at, id"):
        wanted = expected.get(str(draft["id"]))
        if wanted is None or wanted == draft["status"]:
            continue
        yield IntegrityProblem("status", f"draft {draft['id']}", (
            f"its status is {draft['status']!r}, but its audit rows record {wanted!r}: it was "
            "edited by direct SQL"))


def record_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Finished drafts whose title, label, provenance or sources differ from what was recorded
    when they finished."""
    recorded = {str(row["draft_id"]): (int(row["id"]), detail.get("record_hash"))
                for row, detail in audit_details(conn, ("draft_finished",))}
    for draft in conn.execute("SELECT id, title, label, provenance, sources FROM drafts "
                              "ORDER BY created_at, id"):
        audit_id, expected = recorded.get(str(draft["id"]), (0, None))
        if expected is None:
            continue
        now = record_hash(draft["title"], draft["label"], draft["provenance"], draft["sources"])
        if now != expected:
            yield IntegrityProblem("draft record", f"draft {draft['id']}", (
                "its title, label, provenance or sources were edited: they no longer match the "
                f"hash audit row {audit_id} recorded when it finished"))


def section_record_problems(conn: sqlite3.Connection) -> Iterator[IntegrityProblem]:
    """Sections whose kind, heading or item differ from what their first version recorded."""
    recorded: dict[tuple[str, str], tuple[int, Any]] = {}
    for row, detail in audit_details(conn, ("section_drafted",)):
        if "key" in detail:
            recorded.setdefault((str(row["draft_id"]), str(detail["key"])),
                                (int(row["id"]), detail.get("section_hash")))
    for section in conn.execute("SELECT draft_id, key, kind, title, item_id FROM sections "
                                "ORDER BY draft_id, position"):
        audit_id, expected = recorded.get((str(section["draft_id"]), str(section["key"])),
                                          (0, None))
        if expected is None:
            continue
        if section_hash(section["kind"], section["title"], section["item_id"]) != expected:
            yield IntegrityProblem("section record", f"draft {section['draft_id']}, section "
                                   f"{section['key']}", f"its kind, heading or item was edited: "
                                   f"it no longer matches audit row {audit_id}")
