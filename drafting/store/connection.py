"""Opening the store file (WAL, foreign keys, migrations) and running writes as transactions."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from drafting.store.errors import StoreError
from drafting.store.migrations import check_version, migrate

BUSY_TIMEOUT_MS = 10_000  # wait this long for another writer (a batch run, the UI) to commit


def _private_new_file(path: Path) -> None:
    """Refuse a file that is not a store (0 bytes, or not SQLite); create a new store file
    readable by its owner only (0600, in a 0700 directory if one is created). SQLite gives the
    WAL and shared-memory files the database file's permissions."""
    if path.exists():
        if path.is_file() and path.stat().st_size == 0:
            raise StoreError(f"{path} is an empty file (0 bytes), not a draft store; refusing to "
                             "create a store over it: remove it or choose another path")
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise StoreError(f"{path} is not a draft store (not an SQLite file); refusing to "
                                 "open it: choose another path")
        return
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def connect(path: Path) -> sqlite3.Connection:
    """Open (creating it, owner-only, and its parent directories if need be) and migrate a
    store file."""
    try:
        _private_new_file(path)
    except OSError as exc:
        raise StoreError(f"cannot open draft store {path}: {exc}") from exc
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
    atomic write; ``snapshot()`` a consistent read (WAL readers never block the writer).

    ``group()`` runs several writes as one transaction, one commit (and one fsync) for all: each
    ``transaction()`` inside it is a savepoint, undone alone if it fails, and none of them is
    durable before the group commits. Only the thread that opened the group (it holds the lock)
    runs inside it."""

    def __init__(self, conn: sqlite3.Connection, writer_lock: Path | None = None):
        self.conn = conn
        self._lock = threading.RLock()
        self._grouped = False  # a group transaction is open (read only under the lock)
        self._writer = WriterLock(writer_lock) if writer_lock is not None else None

    def close(self) -> None:
        self.conn.close()
        if self._writer is not None:
            self._writer.close()

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self._writer is None:
            yield
        else:
            with self._writer:
                yield

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._grouped:
                with self._savepoint():
                    yield self.conn
                return
            with self._writing():
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
            if self._grouped:  # the group's transaction is the snapshot (with its own writes)
                yield self.conn
                return
            self.conn.execute("BEGIN DEFERRED")
            try:
                yield self.conn
            finally:
                self.conn.execute("COMMIT")

    @contextmanager
    def group(self) -> Iterator[None]:
        """One transaction for the writes made inside (see the class docstring)."""
        with self._lock:
            if self._grouped:  # already in a group: the outer one commits
                yield
                return
            with self._writing():
                self.conn.execute("BEGIN IMMEDIATE")
                self._grouped = True
                try:
                    yield
                except BaseException:
                    self._grouped = False
                    self.conn.execute("ROLLBACK")
                    raise
                self._grouped = False
                self.conn.execute("COMMIT")

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        self.conn.execute("SAVEPOINT store_write")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK TO SAVEPOINT store_write")
            self.conn.execute("RELEASE SAVEPOINT store_write")
            raise
        self.conn.execute("RELEASE SAVEPOINT store_write")


class WriterLock:
    """An exclusive ``flock`` on a file beside the store, held around each write transaction.

    SQLite lets one writer in at a time, and a writer that finds the database locked sleeps and
    retries with growing sleeps (up to 100 ms) until its busy timeout: with several processes
    writing (API drafting workers, ``draft-batch --workers``, the app), a writer can lose every
    retry and fail with "database is locked". Waiting on this lock first queues the writers in
    the kernel instead: each gets the database as soon as the one before it commits."""

    def __init__(self, path: Path):
        self.path = path
        # Owner only, as the store itself (issue #22 item 6).
        self._fd: int | None = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)

    def __enter__(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def writer_lock_path(store: Path) -> Path:
    return store.with_name(store.name + "-writer.lock")


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def timestamp(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value)


def maybe_timestamp(value: str | None) -> dt.datetime | None:
    return None if value is None else timestamp(value)
