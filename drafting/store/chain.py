"""The audit log as a hash chain. Each row stores ``prev_hash`` (the ``row_hash`` of the row
before it; ``GENESIS`` for the first) and ``row_hash``: the SHA-256 of a canonical serialisation
of its fields, ``prev_hash`` included. Editing, deleting or inserting a row by direct SQL breaks
the chain where it happened (``verify.py`` says which); timestamps never decrease along it.

Content the log vouches for is hashed into its rows' detail: a section version's text, a
draft's case hash and validated case, its criteria results, an override, a sign-off."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

from drafting.store.connection import now
from drafting.store.principal import attribution

GENESIS = "0" * 64
SCHEME = "necessity-audit-v1"  # part of every hashed serialisation: a later scheme cannot collide


@dataclass(frozen=True)
class Appended:
    """The audit row just written."""

    id: int
    at: str
    actor: str
    stated_author: str | None


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def row_hash(row_id: int, at: str, actor: str, stated_author: str | None, action: str,
             draft_id: str | None, detail: str, prev_hash: str) -> str:
    """SHA-256 of the row's fields as one canonical JSON text (keys sorted, no spaces, UTF-8);
    ``detail`` is the JSON text exactly as stored."""
    canonical = json.dumps(
        {"scheme": SCHEME, "id": int(row_id), "at": at, "actor": actor,
         "stated_author": stated_author, "action": action, "draft_id": draft_id,
         "detail": detail, "prev_hash": prev_hash},
        sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_hash(row: Any) -> str:
    """The hash a stored audit row should have, from its columns."""
    return row_hash(row["id"], row["at"], row["actor"], row["stated_author"], row["action"],
                    row["draft_id"], row["detail"], row["prev_hash"] or "")


def parse_at(value: str) -> dt.datetime | None:
    """An audit timestamp, or None if it is not a timezone-aware ISO time."""
    try:
        at = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return at if at.tzinfo is not None else None


def append(conn: sqlite3.Connection, actor: str, action: str, draft_id: str | None,
           detail: dict[str, Any]) -> Appended:
    """Write the next audit row, chained to the last one. Runs inside the caller's write
    transaction (the store's writer lock on SQLite, the advisory lock on PostgreSQL), so no
    other row can be chained to the same predecessor. Its time is never before the last row's
    (a clock stepped back, or another host's clock on a shared PostgreSQL store)."""
    who, stated = attribution(actor)
    last = conn.execute("SELECT id, at, row_hash FROM audit_log ORDER BY id DESC "
                        "LIMIT 1").fetchone()
    at = now()
    if last is not None:
        before = parse_at(last["at"])
        if before is not None and before > dt.datetime.fromisoformat(at):
            at = before.astimezone(dt.UTC).isoformat(timespec="microseconds")
    row_id = 1 if last is None else int(last["id"]) + 1
    prev = GENESIS if last is None else (last["row_hash"] or GENESIS)
    text = json.dumps(detail, sort_keys=True)
    digest = row_hash(row_id, at, who, stated, action, draft_id, text, prev)
    conn.execute("INSERT INTO audit_log (id, at, actor, stated_author, action, draft_id, detail, "
                 "prev_hash, row_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (row_id, at, who, stated, action, draft_id, text, prev, digest))
    return Appended(row_id, at, who, stated)


# -- the schema 4 upgrade of an older store --------------------------------------------------------

def backfill(conn: sqlite3.Connection) -> None:
    """Chain the rows an older store already has, as they are now (they were not hashed when
    written, so this vouches for them from the upgrade on), carry each draft's standing sign-off
    into ``sign_offs``, and record the upgrade as a row of its own, so that ``store verify``
    can tell rows hashed at the upgrade from rows hashed as they were written. Runs inside the
    migration's transaction, between dropping and re-creating the audit log's UPDATE trigger."""
    rows = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
    prev = GENESIS
    for row in rows:
        digest = row_hash(row["id"], row["at"], row["actor"], None, row["action"],
                          row["draft_id"], row["detail"], prev)
        conn.execute("UPDATE audit_log SET prev_hash = ?, row_hash = ? WHERE id = ?",
                     (prev, digest, row["id"]))
        prev = digest
    signed = conn.execute("SELECT id, signed_off_by, signed_off_at FROM drafts "
                          "WHERE signed_off_by IS NOT NULL ORDER BY id").fetchall()
    for draft in signed:
        audit = conn.execute(
            "SELECT id, actor, detail FROM audit_log WHERE draft_id = ? AND action = 'signed_off' "
            "ORDER BY id DESC LIMIT 1", (draft["id"],)).fetchone()
        versions = json.loads(audit["detail"]).get("versions", {}) if audit else {}
        conn.execute(
            "INSERT INTO sign_offs (draft_id, audit_id, kind, signed_off_by, actor, at, "
            "versions) VALUES (?, ?, 'signed', ?, ?, ?, ?)",
            (draft["id"], audit["id"] if audit else None, draft["signed_off_by"],
             audit["actor"] if audit else draft["signed_off_by"],
             draft["signed_off_at"] or "", json.dumps(versions, sort_keys=True)))
    if rows:
        append(conn, "necessity", "audit_chain_started", None,
               {"rows_hashed_at_upgrade": len(rows), "last_row_hashed_at_upgrade":
                int(rows[-1]["id"]), "sign_offs_carried_over": len(signed),
                "schema_version": 4})
