"""The draft store: a real SQLite file per test, and drafts made by actually drafting an example
case with the offline composer (once per module)."""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from drafting.api.tenancy import tenancy
from drafting.backends.registry import create
from drafting.case import load_case
from drafting.draft import Citation, Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from drafting.store import (
    DraftStore,
    StoreError,
    StoreVersionError,
    UnknownCriterionError,
    UnknownDraftError,
    UnknownSectionError,
    migrations,
    writing,
)
from drafting.store.migrations import LATEST, Migration
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

CASE_PATH = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


@pytest.fixture(scope="module")
def drafted() -> Draft:
    case = load_case(CASE_PATH)
    settings = Settings()
    return asyncio.run(draft_case(case, "hash", create("offline", settings), settings,
                                  excerpts_by_id()))


@pytest.fixture
def draft(drafted: Draft) -> Draft:
    return drafted.model_copy(deep=True)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "nested" / "dir" / "drafts.sqlite"


@pytest.fixture
def store(store_path: Path):
    with DraftStore.open(store_path) as opened:
        yield opened


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


def begin(store: DraftStore, draft: Draft) -> str:
    p = draft.provenance
    return store.begin_draft(load_case(CASE_PATH), CASE_PATH, draft.case_hash,
                             draft.document_type, draft.perspective, p.backend, p.model,
                             p.base_url_host, p.external, language_model=p.language_model,
                             title=draft.title)


# -- saving and loading ----------------------------------------------------------------------------

def test_save_then_load_round_trips_everything(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    loaded = store.load_draft(draft_id)
    assert [s.model_dump() for s in loaded.sections] == [s.model_dump() for s in draft.sections]
    assert sum(len(s.citations) for s in loaded.sections) > 0
    assert [c.model_dump() for c in loaded.criteria] == [c.model_dump() for c in draft.criteria]
    assert loaded.provenance == draft.provenance
    assert loaded.provenance.prompt_hashes == {s.key: s.prompt_hash for s in draft.sections}
    assert loaded.model_dump() == draft.model_dump()
    [summary] = store.list_drafts()
    assert (summary.draft_id, summary.status, summary.sections) == (draft_id, "complete", 12)
    assert store.list_drafts(case_id="another-case") == []
    assert [e.action for e in store.audit(draft_id)] == (
        ["draft_created"] + ["section_drafted"] * 12 + ["draft_finished"])


def test_section_by_section_then_finish_matches_the_draft(store: DraftStore, draft: Draft) -> None:
    draft_id = begin(store, draft)
    for section in reversed(draft.sections):  # completion order need not be outline order
        assert store.save_section(draft_id, section, author="offline") == 1
    assert store.finish_draft(draft_id, draft) == "complete"
    loaded = store.load_draft(draft_id)
    assert [s.key for s in loaded.sections] == [s.key for s in draft.sections]
    assert loaded.model_dump(exclude={"created_at"}) == draft.model_dump(exclude={"created_at"})
    with pytest.raises(ValueError, match="already finished"):
        store.finish_draft(draft_id, draft)


def test_every_section_logs_a_model_call(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    calls = store.model_calls(draft_id)
    assert [c.section_key for c in calls] == [s.key for s in draft.sections]
    assert {c.section_key: c.prompt_hash for c in calls} == draft.provenance.prompt_hashes
    assert [c.completion_tokens for c in calls] == [
        s.usage.completion_tokens for s in draft.sections]
    assert all(c.backend == "offline" and c.status == "ok" and c.attempts == 1 for c in calls)


def test_a_failed_section_makes_the_draft_incomplete(store: DraftStore, draft: Draft) -> None:
    failed = draft.sections[4]
    failed.status, failed.error, failed.text, failed.citations = "failed", "timeout", "", []
    draft_id = store.save_draft(draft, CASE_PATH)
    [summary] = store.list_drafts()
    assert (summary.status, summary.failed_sections) == ("incomplete", 1)
    assert store.model_calls(draft_id)[4].error == "timeout"
    with pytest.raises(ValueError, match=f"failed sections \\({failed.key}\\)"):
        store.review.sign_off(draft_id, "Dr. Reyes")
    store.review.edit_section(draft_id, failed.key, "Written by hand.", "Dr. Reyes",
                              "model timed out", citations=[])
    store.review.sign_off(draft_id, "Dr. Reyes")
    assert store.list_drafts()[0].signed_off_by == "Dr. Reyes"


# -- crashes and concurrency -----------------------------------------------------------------------

def test_a_crash_mid_draft_keeps_the_finished_sections(store_path: Path, draft: Draft) -> None:
    with DraftStore.open(store_path) as store:
        draft_id = begin(store, draft)
        with pytest.raises(RuntimeError):
            for n, section in enumerate(draft.sections):
                if n == 3:
                    raise RuntimeError("backend process killed")
                store.save_section(draft_id, section, author="offline")
    with DraftStore.open(store_path) as store:  # a later run
        [summary] = store.list_drafts()
        assert (summary.draft_id, summary.status, summary.sections) == (draft_id, "in_progress", 3)
        loaded = store.load_draft(draft_id)
        assert [s.key for s in loaded.sections] == [s.key for s in draft.sections[:3]]
        assert loaded.sections[2].text == draft.sections[2].text
        assert loaded.criteria == []
        assert len(store.model_calls(draft_id)) == 3
        with pytest.raises(ValueError, match="still in progress"):
            store.review.sign_off(draft_id, "Dr. Reyes")
        with pytest.raises(ValueError, match="no criteria results yet"):
            store.review.override(draft_id, "I1", None, "necessary", "reason", "Dr. Reyes")


def test_a_failure_inside_save_section_stores_none_of_it(store: DraftStore, draft: Draft,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    draft_id = begin(store, draft)
    store.save_section(draft_id, draft.sections[0], author="offline")

    def crash(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(writing, "insert_model_call", crash)
    with pytest.raises(OSError):
        store.save_section(draft_id, draft.sections[1], author="offline")
    assert [h.key for h in store.history(draft_id)] == [draft.sections[0].key]
    assert len(store.audit(draft_id)) == 2  # draft_created, section_drafted


def test_a_second_connection_sees_committed_data_only(store_path: Path, draft: Draft) -> None:
    with DraftStore.open(store_path) as writer, DraftStore.open(store_path) as reader:
        draft_id = writer.save_draft(draft, CASE_PATH)
        assert [s.draft_id for s in reader.list_drafts()] == [draft_id]
        assert reader.load_draft(draft_id) == draft
        other = raw(store_path)  # e.g. another process, mid-transaction
        other.execute("BEGIN IMMEDIATE")
        other.execute("INSERT INTO audit_log (at, actor, action, draft_id) "
                      "VALUES (?, 'Dr. Kim', 'exported', ?)", (dt.datetime.now(dt.UTC).isoformat(),
                                                                draft_id))
        assert len(reader.audit(draft_id)) == 14  # not blocked, and sees committed data only
        other.execute("COMMIT")
        assert len(reader.audit(draft_id)) == 15
        writer.review.edit_section(draft_id, "scope", "Rewritten.", "Dr. Kim", "clarity",
                                   citations=[])
        assert reader.section_text(draft_id, "scope") == "Rewritten."


def test_threads_can_share_one_store(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    keys = [s.key for s in draft.sections]
    with ThreadPoolExecutor(max_workers=4) as pool:
        versions = list(pool.map(
            lambda key: store.review.edit_section(draft_id, key, f"{key} by hand", "Dr. Kim",
                                                  "redo", citations=[]),
            keys))
    assert versions == [2] * len(keys)
    assert [s.text for s in store.load_draft(draft_id).sections] == [f"{k} by hand" for k in keys]


# -- migrations ------------------------------------------------------------------------------------

def test_migrations_apply_once_and_set_user_version(store_path: Path) -> None:
    DraftStore.open(store_path).close()
    conn = raw(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"cases", "drafts", "sections", "section_versions", "citations", "model_calls",
            "overrides", "audit_log"} <= tables
    schema = conn.execute("SELECT group_concat(sql, ';') FROM sqlite_master").fetchone()[0]
    assert migrations.migrate(conn, str(store_path)) == []  # reopening is a no-op
    with DraftStore.open(store_path) as store:
        assert store.db.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("SELECT group_concat(sql, ';') FROM sqlite_master").fetchone()[0] == schema
    assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_a_store_from_a_newer_version_is_refused(store_path: Path) -> None:
    DraftStore.open(store_path).close()
    raw(store_path).execute(f"PRAGMA user_version = {LATEST + 1}")
    with pytest.raises(StoreVersionError) as refused:
        DraftStore.open(store_path)
    message = str(refused.value)
    assert str(store_path) in message
    assert f"schema version {LATEST + 1}" in message and f"up to {LATEST}" in message


def test_a_failing_migration_applies_nothing(store_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    broken = (*migrations.MIGRATIONS, Migration(LATEST + 1, "broken", ("CREATE TABLE x (a)",
                                                                        "NOT SQL")))
    monkeypatch.setattr(migrations, "MIGRATIONS", broken)
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    store_path.parent.mkdir(parents=True)
    with pytest.raises(sqlite3.OperationalError):
        DraftStore.open(store_path)
    conn = raw(store_path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 0
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_other_files_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    raw(other).execute("CREATE TABLE embeddings (id)")
    with pytest.raises(StoreError, match="no draft-store schema"):
        DraftStore.open(other)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match="is not a draft store"):
        DraftStore.open(junk)


# -- human edits -----------------------------------------------------------------------------------

def test_edits_make_new_versions_with_author_and_reason(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    at = [s.key for s in draft.sections].index("conclusion")
    key, original = "conclusion", draft.sections[at].text
    edited = original + "\n\nThe injection should be authorised at one level only [F1]."
    cited = [Citation(marker="F1", kind="fact", target="F1", sentence=2)]  # as the caller checked
    assert store.review.edit_section(draft_id, key, edited, "Dr. Reyes", "narrow the request",
                                     citations=cited) == 2
    assert store.review.edit_section(draft_id, key, "Short.", "Dr. Kim", "house style",
                                     citations=[]) == 3
    for reason in ("", "   "):
        with pytest.raises(ValueError, match="reason is required"):
            store.review.edit_section(draft_id, key, "Other.", "Dr. Kim", reason, citations=[])
    with pytest.raises(ValueError, match="already has this text"):
        store.review.edit_section(draft_id, key, "Short.", "Dr. Kim", "again", citations=[])
    versions = [h for h in store.history(draft_id) if h.key == key]
    assert [(h.version, h.author, h.reason, h.status) for h in versions] == [
        (1, "offline", None, "ok"), (2, "Dr. Reyes", "narrow the request", "ok"),
        (3, "Dr. Kim", "house style", "ok")]
    assert store.section_text(draft_id, key, 1) == original
    assert store.section_text(draft_id, key, 2) == edited
    assert store.section_text(draft_id, key) == "Short."
    assert store.load_draft(draft_id).sections[at].text == "Short."
    assert store.load_draft(draft_id, "original") == draft
    assert store.load_draft(draft_id, 2).sections[at].text == edited
    latest = store.load_draft(draft_id, 2).sections[at]
    assert latest.citations[-1].marker == "F1" and latest.prompt_hash == ""
    assert [e.detail["reason"] for e in store.audit(draft_id) if e.action == "section_edited"] == [
        "narrow the request", "house style"]
    assert store.list_drafts()[0].edited_sections == 1


def test_diff_shows_the_changed_lines(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    store.review.edit_section(draft_id, "scope", "First line.\nSecond line.", "Dr. Reyes",
                              "rewrite", citations=[])
    store.review.edit_section(draft_id, "scope", "First line.\nSecond line, amended.", "Dr. Reyes",
                       "amend", citations=[])
    diff = store.diff(draft_id, "scope", 2, 3)
    assert diff.splitlines()[:2] == ["--- scope v2", "+++ scope v3"]
    assert "-Second line." in diff and "+Second line, amended." in diff
    assert " First line." in diff
    assert store.diff(draft_id, "scope", 3, 3) == ""


def test_a_human_version_without_a_reason_is_refused_by_sql(store: DraftStore,
                                                             draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    conn = store.db.conn
    section_id = conn.execute("SELECT id FROM sections WHERE draft_id = ? AND key = 'scope'",
                              (draft_id,)).fetchone()[0]
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        conn.execute("INSERT INTO section_versions (section_id, version, text, author, origin, "
                     "created_at, status) VALUES (?, 2, 'x', 'Dr. Kim', 'human', 'now', 'ok')",
                     (section_id,))


# -- overrides, export, sign-off, audit ------------------------------------------------------------

def test_overrides_are_validated_and_audited(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    item = draft.criteria[0]
    criterion = item.criteria[0]
    with pytest.raises(ValueError, match="not a value for a criterion"):
        store.review.override(draft_id, item.item_id, criterion.criterion_id, "necessary", "r",
                              "Dr. K")
    with pytest.raises(ValueError, match="not a value for an outcome"):
        store.review.override(draft_id, item.item_id, None, "met", "r", "Dr. K")
    with pytest.raises(ValueError, match="reason is required"):
        store.review.override(draft_id, item.item_id, None, "not_necessary", " ", "Dr. K")
    with pytest.raises(UnknownCriterionError, match="'I9'"):
        store.review.override(draft_id, "I9", None, "not_necessary", "r", "Dr. K")
    with pytest.raises(UnknownCriterionError, match="criterion 'C99'"):
        store.review.override(draft_id, item.item_id, "C99", "met", "r", "Dr. K")
    store.review.override(draft_id, item.item_id, criterion.criterion_id, "undocumented",
                   "the cited note is illegible", "Dr. Kim")
    store.review.override(draft_id, item.item_id, None, "insufficient_documentation",
                   "follows from the criterion", "Dr. Kim")
    stored = store.review.overrides(draft_id)
    assert [(o.criterion_id, o.value, o.reason) for o in stored] == [
        (criterion.criterion_id, "undocumented", "the cited note is illegible"),
        (None, "insufficient_documentation", "follows from the criterion")]
    audited = [e for e in store.audit(draft_id) if e.action.endswith("_overridden")]
    assert [e.action for e in audited] == ["criterion_overridden", "outcome_overridden"]
    assert audited[0].detail["engine_value"] == criterion.status.value
    assert audited[1].detail["engine_value"] == item.outcome
    assert store.load_draft(draft_id).criteria == draft.criteria  # stored, not applied
    with pytest.raises(sqlite3.IntegrityError):
        store.db.conn.execute("INSERT INTO overrides (draft_id, item_id, criterion_id, value, "
                              "reason, author, created_at) VALUES (?, 'I1', NULL, 'met', 'r', "
                              "'a', 'now')", (draft_id,))


def test_export_and_sign_off_are_audited(store: DraftStore, draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    store.review.edit_section(draft_id, "gaps", "None.", "Dr. Reyes", "shorter", citations=[])
    store.review.record_export(draft_id, "pdf", "out/opinion.pdf", "Dr. Reyes")
    store.review.sign_off(draft_id, "Dr. Reyes")
    exported, signed = store.audit(draft_id)[-2:]
    assert (exported.action, exported.detail["format"], exported.detail["path"]) == (
        "exported", "pdf", "out/opinion.pdf")
    assert exported.detail["versions"]["gaps"] == 2
    assert (signed.action, signed.actor, signed.detail["versions"]["chronology"]) == (
        "signed_off", "Dr. Reyes", 1)
    assert store.list_drafts()[0].signed_off_by == "Dr. Reyes"


def test_the_audit_log_is_append_only_in_sql(store: DraftStore, draft: Draft) -> None:
    store.save_draft(draft, CASE_PATH)
    conn = raw(store.path)
    count = conn.execute("SELECT count(*) FROM audit_log").fetchone()[0]
    with pytest.raises(sqlite3.DatabaseError, match="audit_log is append-only: UPDATE"):
        conn.execute("UPDATE audit_log SET actor = 'someone else'")
    with pytest.raises(sqlite3.DatabaseError, match="audit_log is append-only: DELETE"):
        conn.execute("DELETE FROM audit_log")
    with pytest.raises(sqlite3.DatabaseError, match="section_versions is append-only"):
        conn.execute("UPDATE section_versions SET text = 'rewritten history'")
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == count


def test_unknown_ids_and_keys_raise_key_errors_naming_them(store: DraftStore,
                                                           draft: Draft) -> None:
    draft_id = store.save_draft(draft, CASE_PATH)
    for call in (lambda: store.load_draft("feedbeef"), lambda: store.history("feedbeef"),
                 lambda: store.audit("feedbeef"),
                 lambda: store.review.sign_off("feedbeef", "Dr. K"),
                 lambda: store.save_section("feedbeef", draft.sections[0], "offline")):
        with pytest.raises(UnknownDraftError, match="no draft 'feedbeef'"):
            call()
    with pytest.raises(ValueError, match="author is required"):
        store.save_section(draft_id, draft.sections[0], " ")
    with pytest.raises(KeyError, match=f"draft '{draft_id}' has no section 'nope'"):
        store.review.edit_section(draft_id, "nope", "text", "Dr. K", "why", citations=[])
    with pytest.raises(UnknownSectionError, match="version 7 of section 'scope'"):
        store.diff(draft_id, "scope", 1, 7)
    with pytest.raises(ValueError, match="version must be"):
        store.load_draft(draft_id, 0)


def test_writers_queue_on_the_stores_writer_lock(store_path: Path) -> None:
    """Each write transaction holds an exclusive flock beside the store file, so writers from
    other processes queue in the kernel instead of SQLite's sleeping busy retries (which can
    starve a writer into 'database is locked')."""
    import fcntl
    import os
    import threading

    from drafting.store.connection import writer_lock_path

    other_done = threading.Event()
    with DraftStore.open(store_path) as first, DraftStore.open(store_path) as second:
        probe = os.open(writer_lock_path(store_path), os.O_RDWR)
        with first.db.transaction():
            with pytest.raises(BlockingIOError):  # held while the transaction is open
                fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)
            writer = threading.Thread(
                target=lambda: (tenancy(second).create_api_key("Acme", "acme", "t"),
                                other_done.set()))
            writer.start()
            assert not other_done.wait(0.3)  # the other writer waits for this one
        writer.join(30)
        assert other_done.is_set() and [k.name for k in tenancy(first).api_keys()] == ["Acme"]
    fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once every write committed
    os.close(probe)


def test_a_new_store_and_its_write_ahead_log_are_readable_by_their_owner_only(tmp_path):
    path = tmp_path / "private" / "drafts.sqlite"
    with DraftStore.open(path) as store:
        store.list_drafts()
        wal = path.with_name(path.name + "-wal")
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert not wal.exists() or stat.S_IMODE(wal.stat().st_mode) == 0o600
        lock = path.with_name(path.name + "-writer.lock")
        assert lock.exists() and stat.S_IMODE(lock.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


@pytest.mark.parametrize(("content", "message"), [
    (b"", r"is an empty file \(0 bytes\), not a draft store"),
    (b"case notes, not a database", r"is not a draft store \(not an SQLite file\)")])
def test_an_empty_or_foreign_file_is_refused_never_replaced(tmp_path, content, message):
    path = tmp_path / "drafts.sqlite"
    path.write_bytes(content)
    with pytest.raises(StoreError, match=message):
        DraftStore.open(path)
    assert path.read_bytes() == content  # untouched
