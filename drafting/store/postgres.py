"""The draft store on PostgreSQL (``--store-url postgresql://...``), for teams sharing one store.

The store's SQL is written once, for SQLite; this adapter gives the rest of the store a
connection that behaves the same on PostgreSQL (psycopg 3): ``?`` and ``:name`` parameters, rows
readable by position and by column name, ``lastrowid`` after an insert, and writes serialised as
SQLite's ``BEGIN IMMEDIATE`` serialises them (a transaction-level advisory lock), so version
numbers are assigned exactly as they are on SQLite. The schema (with its append-only triggers) is
in ``schema_pg.py``; its version is kept in a one-row table instead of ``PRAGMA user_version``."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from drafting.store.errors import StoreError, StoreVersionError

WRITE_LOCK = 7_270_001  # advisory lock key: one writer at a time, like SQLite
# Inserts whose new row id the store reads back (cursor.lastrowid on SQLite).
_RETURNING_ID = re.compile(r"^\s*INSERT INTO (sections|section_versions|overrides|sign_offs)\b",
                           re.I)
_NAMED = re.compile(r"(?<![:\w]):([a-z_][a-z0-9_]*)")


def is_postgres_url(url: str | None) -> bool:
    return bool(url) and str(url).startswith(("postgresql://", "postgres://"))


def shown_url(url: str) -> str:
    """The URL without its password, for messages and the audit log."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def translate(sql: str) -> str:
    """SQLite-style parameters (``?``, ``:name``) to psycopg's (``%s``, ``%(name)s``)."""
    sql = sql.replace("%", "%%")
    sql = _NAMED.sub(r"%(\1)s", sql)
    return sql.replace("?", "%s")


class Row(tuple):
    """A row readable by position and by column name, like ``sqlite3.Row``."""

    _names: dict[str, int]

    def __new__(cls, values: Sequence[Any], names: dict[str, int]) -> Row:
        row = super().__new__(cls, values)
        row._names = names
        return row

    def __getitem__(self, key: Any) -> Any:  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._names[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


class Cursor:
    def __init__(self, cursor: Any, lastrowid: int | None = None):
        self._cursor = cursor
        self.lastrowid = lastrowid

    def _row(self, values: Sequence[Any] | None) -> Row | None:
        if values is None:
            return None
        names = {d.name: n for n, d in enumerate(self._cursor.description or [])}
        return Row(values, names)

    def fetchone(self) -> Row | None:
        if self._cursor.description is None:
            return None
        return self._row(self._cursor.fetchone())

    def fetchall(self) -> list[Row]:
        return list(self)

    def __iter__(self) -> Iterator[Row]:
        if self._cursor.description is None:
            return iter(())
        names = {d.name: n for n, d in enumerate(self._cursor.description)}
        return (Row(values, names) for values in self._cursor.fetchall())


class PgConnection:
    """What the store asks of a connection, on PostgreSQL."""

    def __init__(self, conn: Any):
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> Cursor:
        statement = sql.strip()
        upper = statement.upper()
        if upper == "BEGIN IMMEDIATE":
            self._conn.execute("BEGIN")
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            return Cursor(self._conn.cursor())
        if upper.startswith("BEGIN"):  # a read: one consistent snapshot for all its queries
            self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
            return Cursor(self._conn.cursor())
        returning = bool(_RETURNING_ID.match(statement)) and "RETURNING" not in upper
        sql = (translate(statement) if params else statement) + (
            " RETURNING id" if returning else "")
        cursor = self._conn.execute(sql, params or None)
        if returning:
            return Cursor(cursor, int(cursor.fetchone()[0]))
        return Cursor(cursor)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(translate(sql), rows)

    def close(self) -> None:
        self._conn.close()


def connect_postgres(url: str) -> PgConnection:
    """Connect (autocommit: the store opens its own transactions) and migrate."""
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError("a postgresql:// store needs psycopg: pip install 'psycopg[binary]' "
                         "(or the package's 'postgres' extra)") from exc
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=10)
    except psycopg.Error as exc:
        raise StoreError(f"cannot open draft store {shown_url(url)}: "
                         f"{str(exc).strip()}") from exc
    conn = PgConnection(raw)
    try:
        migrate_postgres(conn, shown_url(url))
    except BaseException:
        conn.close()
        raise
    return conn


def migrate_postgres(conn: PgConnection, shown: str) -> list[int]:
    """Apply pending PostgreSQL schema steps in one transaction (under the write lock, so two
    processes opening a new database apply each step once)."""
    from drafting.store.migrations import MIGRATIONS as STEPS
    from drafting.store.schema_pg import AFTER, MIGRATIONS

    backfills = {step.version: step.backfill for step in STEPS}

    latest = MIGRATIONS[-1][0]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("CREATE TABLE IF NOT EXISTS necessity_schema (version INTEGER NOT NULL)")
        row = conn.execute("SELECT max(version) FROM necessity_schema").fetchone()
        current = int(row[0]) if row and row[0] is not None else 0
        if current > latest:
            raise StoreVersionError(shown, current, latest)
        pending = [(version, statements) for version, statements in MIGRATIONS
                   if version > current]
        for version, statements in pending:
            for statement in statements:
                conn._conn.execute(statement)
            backfill = backfills.get(version)
            if backfill is not None:
                backfill(conn)  # type: ignore[arg-type]
            for statement in AFTER.get(version, ()):
                conn._conn.execute(statement)
            conn.execute("DELETE FROM necessity_schema")
            conn.execute("INSERT INTO necessity_schema (version) VALUES (?)", (version,))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return [version for version, _ in pending]
