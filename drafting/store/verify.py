"""``store verify``: walk the audit log's hash chain, then check what it vouches for
(``integrity.py``). A row whose fields no longer hash to its ``row_hash`` was edited; a row not
chained to the one before it marks rows inserted (when it is chained to an earlier row) or
deleted (when it is chained to no row there is); a row dated before the one before it was
back-dated. What no check can see: rows appended at the end, or the whole chain recomputed, by
someone who can write the file; record the head ``store verify`` prints somewhere else and pass
it back (``--head``) to catch that."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

from drafting.store import draft_record, integrity
from drafting.store.chain import GENESIS, parse_at, stored_hash
from drafting.store.records import IntegrityProblem, IntegrityReport


def _row(row_id: Any) -> str:
    return f"audit row {row_id}"


class _Walk:
    """The chain walk: one pass over the audit rows in id order."""

    def __init__(self) -> None:
        self.problems: list[IntegrityProblem] = []
        self.rows = 0
        self.by_hash: dict[str, int] = {}  # stored row_hash -> position in the walk
        self.ids: list[int] = []
        self.last: Any = None
        self.boundary = 0  # id of the row recording the upgrade that chained older rows
        self.upgraded = 0  # rows before it: chained at the upgrade, not as they were written

    def add(self, kind: Any, row_id: Any, message: str) -> None:
        self.problems.append(IntegrityProblem(kind, _row(row_id), message))

    def step(self, row: Any) -> None:
        row_id = int(row["id"])
        if row["action"] == "audit_chain_started" and not self.boundary:
            self.boundary, self.upgraded = row_id, self.rows
        if row["row_hash"] is None or row["prev_hash"] is None:
            self.add("inserted", row_id, f"it is not in the chain (no hash): it was inserted by "
                     f"direct SQL ({row['action']} by {row['actor']} at {row['at']})")
        else:
            if stored_hash(row) != row["row_hash"]:
                self.add("edited", row_id, f"its fields no longer match its hash: it was "
                         f"edited after it was written (now: {row['action']} by {row['actor']}"
                         f" at {row['at']})")
            self._linked(row, row_id)
        self._dated(row, row_id)
        if row["row_hash"] is not None:
            self.by_hash.setdefault(row["row_hash"], len(self.ids))
        self.ids.append(row_id)
        self.last = row
        self.rows += 1

    def _linked(self, row: Any, row_id: int) -> None:
        expected = GENESIS if self.last is None else self.last["row_hash"]
        if row["prev_hash"] == expected:
            return
        earlier = self.by_hash.get(row["prev_hash"])
        if earlier is not None:  # chained past the rows between: they were inserted
            for inserted in self.ids[earlier + 1:]:
                if not any(p.where == _row(inserted) and p.kind == "inserted"
                           for p in self.problems):
                    self.add("inserted", inserted, f"it is not in the chain: row {row_id} is "
                             f"chained to row {self.ids[earlier]}, before it; it was inserted "
                             "by direct SQL")
            return
        if self.last is None:
            self.add("deleted", row_id, "it is the first row but is chained to an earlier row: "
                     "the rows before it were deleted")
            return
        gap = row_id - int(self.last["id"]) - 1
        missing = (f"rows {int(self.last['id']) + 1}-{row_id - 1}" if gap > 1
                   else f"row {row_id - 1}" if gap == 1 else None)
        if missing:
            self.add("deleted", row_id, f"the row it is chained to is missing: {missing} "
                     "deleted by direct SQL")
        elif row["prev_hash"] == GENESIS:
            self.add("inserted", row_id, "it claims to be the first row of the chain, after "
                     f"row {self.last['id']}: it was inserted by direct SQL")
        else:
            self.add("deleted", row_id, f"it is not chained to row {self.last['id']}, the row "
                     "before it: a row between them was deleted, or that row was rewritten "
                     "and its hash recomputed")

    def _dated(self, row: Any, row_id: int) -> None:
        at = parse_at(row["at"])
        if at is None:
            self.add("edited", row_id, f"its time {row['at']!r} is not a UTC timestamp")
            return
        before = None if self.last is None else parse_at(self.last["at"])
        if before is not None and at < before:
            self.add("back-dated", row_id, f"dated {row['at']}, before row {self.last['id']} "
                     f"({self.last['at']}) which precedes it in the chain: it was back-dated")


def verify_store(conn: sqlite3.Connection, head: tuple[int, str] | None = None
                 ) -> IntegrityReport:
    """Every problem with the audit chain and what it vouches for. ``head`` (row id, hash), as
    an earlier run reported it, must still be in the chain with that hash."""
    walk = _Walk()
    for row in conn.execute("SELECT * FROM audit_log ORDER BY id"):
        walk.step(row)
    problems = list(walk.problems)
    if head is not None:
        problems += _head_problems(conn, head)
    checks: dict[str, Iterator[IntegrityProblem]] = {
        "cases": integrity.case_problems(conn),
        "section versions": integrity.version_problems(conn),
        "criteria results": integrity.criteria_problems(conn),
        "overrides": integrity.override_problems(conn),
        "sign-offs": integrity.sign_off_problems(conn, walk.boundary),
        "API drafts": integrity.ownership_problems(conn),
        "draft statuses": draft_record.status_problems(conn),
        "draft records": draft_record.record_problems(conn),
        "section headings": draft_record.section_record_problems(conn),
    }
    for found in checks.values():
        problems += list(found)
    counts = {name: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
              for name, table in (("cases", "cases"), ("drafts", "drafts"),
                                  ("section versions", "section_versions"),
                                  ("overrides", "overrides"), ("sign-offs", "sign_offs"))}
    last = walk.last
    return IntegrityReport(
        rows=walk.rows, head_id=None if last is None else int(last["id"]),
        head_hash=None if last is None else last["row_hash"],
        upgraded_rows=walk.upgraded, checked=counts, problems=problems)


def _head_problems(conn: sqlite3.Connection, head: tuple[int, str]) -> list[IntegrityProblem]:
    row_id, expected = head
    row = conn.execute("SELECT row_hash FROM audit_log WHERE id = ?", (row_id,)).fetchone()
    if row is None:
        return [IntegrityProblem("deleted", _row(row_id), "the head recorded earlier is gone: "
                                 "the rows from it on were deleted")]
    if row["row_hash"] != expected:
        return [IntegrityProblem("edited", _row(row_id), f"the head recorded earlier had hash "
                                 f"{expected[:16]}, now {str(row['row_hash'])[:16]}: the chain "
                                 "was rewritten up to here")]
    return []
