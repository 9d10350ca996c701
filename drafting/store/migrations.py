"""Versioned schema migrations. ``PRAGMA user_version`` holds the number of steps applied; opening
a store applies the pending steps in one transaction, and refuses a file from a newer version.

A step is SQL, and may add a Python ``backfill`` over the rows already stored, run after its
``statements`` and before its ``after`` statements (PostgreSQL runs the same backfill between
the same two parts of its step, ``schema_pg.py``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from drafting.store import schema, schema_record, schema_review
from drafting.store.errors import StoreError, StoreVersionError


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]
    backfill: Callable[[sqlite3.Connection], None] | None = None
    after: tuple[str, ...] = ()


def chain_backfill(conn: sqlite3.Connection) -> None:
    """Step 4's backfill (imported here, not at the top: chain.py needs connection.py, which
    needs this module)."""
    from drafting.store.chain import backfill

    backfill(conn)


# Ordered; step N brings the schema from version N-1 to N. Append, never edit or reorder.
MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "cases, drafts, section versions, citations, model calls, overrides, audit log",
              schema.V1),
    Migration(2, "case content, draft options and worker; batch runs and their items",
              schema.V2),
    Migration(3, "HTTP API: keys per organisation, submitted cases, API drafts, idempotency keys",
              schema.V3),
    Migration(4, "audit actor is the authenticated principal; hash-chained audit log; sign-offs "
                 "as append-only rows; case text, case and criteria write-once",
              schema.V4, chain_backfill, schema.V4_AFTER),
    Migration(5, "physician app: users and profiles, unsaved edits and regeneration proposals, "
                 "the signer's credentials on a sign-off", schema_review.V5),
    Migration(6, "a finished draft's title, label, provenance and sources, its status moving "
                 "only forward, and a section's heading written once", schema_record.V6),
)

LATEST = MIGRATIONS[-1].version


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def check_version(conn: sqlite3.Connection, path: str) -> int:
    """The file's schema version; raises if this code cannot use the file."""
    try:
        found = user_version(conn)
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a draft store: {exc}") from exc
    if found > LATEST:
        raise StoreVersionError(path, found, LATEST)
    if found == 0 and tables:
        raise StoreError(f"{path} is an SQLite file with tables but no draft-store schema "
                         "version; refusing to add the draft store to another database")
    return found


def migrate(conn: sqlite3.Connection, path: str) -> list[int]:
    """Apply the pending migrations in one transaction; return the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so that the transaction here
    is the only one. The version is read again under the write lock, so two processes opening
    a new file at once apply each step once."""
    if check_version(conn, path) == LATEST:
        return []
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = check_version(conn, path)
        pending = [m for m in MIGRATIONS if m.version > current]
        for step in pending:
            for statement in step.statements:
                conn.execute(statement)
            if step.backfill is not None:
                step.backfill(conn)
            for statement in step.after:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(step.version)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return [m.version for m in pending]
