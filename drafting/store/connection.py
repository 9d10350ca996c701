"""Opening the store file (WAL, foreign keys, migrations) and running writes as transactions."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafting.store.errors import StoreError
from drafting.store.migrations import check_version, migrate

BUSY_TIMEOUT_MS = 10_000  # wait this long for another writer (a batch run, the UI) to commit


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating it and its parent directories if need be) and migrate a store file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False,
                               timeout=BUSY_TIMEOUT_MS / 1000)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open draft store {path}: {exc}") from exc
    try:
        conn.row_factory = sqlite3.Row
        check_version(conn, str(path))  # before anything writes to a file we may not own
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = FULL")  # a commit survives a power cut too
        migrate(conn, str(path))
    except BaseException:
        conn.close()
        raise
    return conn


class Database:
    """One connection, shared by this process's threads under a lock. ``transaction()`` is an
    atomic write; ``snapshot()`` a consistent read (WAL readers never block the writer)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self._lock = threading.RLock()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    @contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self.conn.execute("BEGIN DEFERRED")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def timestamp(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def maybe_timestamp(value: str | None) -> dt.datetime | None:
    return None if value is None else timestamp(value)
