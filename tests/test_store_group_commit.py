"""The batch's store writer commits queued writes together: each write still stands or fails
alone, and none is reported done before it is committed (another connection already sees it).
A real SQLite file; the draft is made by drafting an example case with the offline composer."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

import pytest

from drafting.draft import Draft
from drafting.store import DraftStore, UnknownDraftError, writing
from drafting.store.group_commit import GroupCommitWriter
from drafting.store.records import AuditAction
from tests.test_store import begin, drafted  # noqa: F401 (a module-scoped fixture)


def committed_keys(path: Path, draft_id: str) -> set[str]:
    """Section keys of the draft as a separate connection sees them (committed data only)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT key FROM sections WHERE draft_id = ?", (draft_id,))
        return {r[0] for r in rows}
    finally:
        conn.close()


def half_written(store: DraftStore, draft_id: str) -> None:
    """A write that fails after writing a row: the row must not stay."""
    with store.db.transaction() as conn:
        writing.append_audit(conn, "test", AuditAction.exported, draft_id, fmt="half")
        raise ValueError("failed half way")


def test_queued_writes_commit_together_and_each_stands_or_fails_alone(
        tmp_path: Path, drafted: Draft) -> None:  # noqa: F811
    path = tmp_path / "drafts.sqlite"
    with DraftStore.open(path) as store:
        draft_id = begin(store, drafted)
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        writer = GroupCommitWriter(store.db)
        running, hold = threading.Event(), threading.Event()

        def held() -> bool:  # keeps the writer busy while the rest queue up
            running.set()
            return hold.wait(10)

        first = writer.submit(held)
        assert running.wait(10)
        sections = drafted.sections[:3]
        saves = [writer.submit(store.save_section, draft_id, s, "offline", position=n)
                 for n, s in enumerate(sections[:2])]
        unknown = writer.submit(store.save_section, "no-such-draft", sections[2], "offline")
        half = writer.submit(half_written, store, draft_id)
        last = writer.submit(store.save_section, draft_id, sections[2], "offline", position=2)
        hold.set()
        writer.shutdown(wait=True)
        assert first.result() is True
        assert [f.result() for f in [*saves, last]] == [1, 1, 1]  # version numbers
        with pytest.raises(UnknownDraftError):
            unknown.result()
        with pytest.raises(ValueError, match="half way"):
            half.result()
        commits = [s for s in statements if s == "COMMIT"]
        assert len(commits) == 2  # the held write's group, then the five queued behind it
        assert [e.action for e in store.audit(draft_id)] == ["draft_created"] + [
            "section_drafted"] * 3  # no trace of the failed write
    assert committed_keys(path, draft_id) == {s.key for s in sections}


def test_a_write_is_reported_done_only_once_committed(tmp_path: Path, drafted: Draft) -> None:  # noqa: F811
    path = tmp_path / "drafts.sqlite"
    with DraftStore.open(path) as store:
        draft_id = begin(store, drafted)
        writer = GroupCommitWriter(store.db)
        seen: dict[str, bool] = {}

        def check(key: str) -> Callable[[Future], None]:
            def on_done(future: Future) -> None:  # runs the moment the write is reported done
                seen[key] = key in committed_keys(path, draft_id)
            return on_done

        for n, section in enumerate(drafted.sections):
            future = writer.submit(store.save_section, draft_id, section, "offline", position=n)
            future.add_done_callback(check(section.key))
        writer.shutdown(wait=True)
    assert seen == {s.key: True for s in drafted.sections}


def test_no_write_is_taken_after_shutdown(tmp_path: Path) -> None:
    with DraftStore.open(tmp_path / "drafts.sqlite") as store:
        writer = GroupCommitWriter(store.db)
        writer.shutdown()
        with pytest.raises(RuntimeError):
            writer.submit(store.batches.runs)
