"""The draft store on a real PostgreSQL server (``--store-url postgresql://...``): a throwaway
cluster is created with initdb and started with pg_ctl on a free port for this module, one fresh
database per test. Skipped, saying why, where the server binaries or psycopg are missing."""

from __future__ import annotations

import asyncio
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from itertools import count
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.api.tenancy import tenancy
from drafting.backends.registry import create
from drafting.case import case_file_hash, load_case
from drafting.cli.app import app
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from drafting.store import DraftStore, NewRunItem, StoreVersionError
from drafting.store.migrations import LATEST
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES
from tests.fakes.case_variants import write_case_variants

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed: pip install "
                              "'psycopg[binary]' (the 'postgres' or 'dev' extra)")

CASE_PATH = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
CASE_HASH = case_file_hash(CASE_PATH.read_bytes())


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def cluster() -> Iterator[str]:
    """A PostgreSQL server of our own; yields its base URL (no database)."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed; "
                    "apt-get install postgresql to run the PostgreSQL store tests")
    run_as: list[str] = []
    base = Path(tempfile.mkdtemp(prefix="necessity-pg-"))
    if os.geteuid() == 0:  # the server refuses to run as root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(base)
            pytest.skip("running as root and there is no 'postgres' user to run the server")
        os.chown(base, owner.pw_uid, owner.pw_gid)
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    data = base / "data"
    try:
        subprocess.run([*run_as, initdb, "-D", str(data), "-U", "necessity", "--auth=trust",
                        "-E", "UTF8", "--no-locale"], check=True, capture_output=True,
                       timeout=120)
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w",
                        "-t", "60", "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 "
                        "-c fsync=off", "start"], check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        log = (base / "log").read_text() if (base / "log").exists() else ""
        shutil.rmtree(base, ignore_errors=True)
        pytest.fail(f"could not start a throwaway PostgreSQL: {exc}\n{getattr(exc, 'stderr', '')}"
                    f"\n{log}")
    try:
        yield f"postgresql://necessity@127.0.0.1:{port}"
    finally:
        subprocess.run([*run_as, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


_numbers = count()


@pytest.fixture
def url(cluster: str) -> str:
    """A fresh, empty database."""
    name = f"store_{os.getpid()}_{next(_numbers)}"
    with psycopg.connect(f"{cluster}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return f"{cluster}/{name}"


@pytest.fixture(scope="module")
def drafted() -> Draft:
    settings = Settings()
    return asyncio.run(draft_case(load_case(CASE_PATH), CASE_HASH, create("offline", settings),
                                  settings, excerpts_by_id()))


def test_a_draft_round_trips_with_its_calls_and_audit(url: str, drafted: Draft) -> None:
    with DraftStore.open(url) as store:
        draft_id = store.save_draft(drafted, CASE_PATH)
        assert store.load_draft(draft_id) == drafted
        [summary] = store.list_drafts()
        assert (summary.draft_id, summary.status, summary.sections) == (draft_id, "complete", 12)
        assert [c.section_key for c in store.model_calls(draft_id)] == [
            s.key for s in drafted.sections]
        assert [e.action for e in store.audit(draft_id)] == (
            ["draft_created"] + ["section_drafted"] * 12 + ["draft_finished"])
    with DraftStore.open(url) as again:  # migrations are not applied twice
        assert again.load_draft(draft_id) == drafted
        versions = again.db.conn.execute("SELECT version FROM necessity_schema").fetchall()
        assert versions == [(LATEST,)]


def test_review_history_and_the_append_only_log(url: str, drafted: Draft) -> None:
    with DraftStore.open(url) as store:
        draft_id = store.save_draft(drafted, CASE_PATH)
        assert store.review.edit_section(draft_id, "scope", "By hand.", "Dr. Reyes", "shorter",
                                         citations=[]) == 2
        store.review.sign_off(draft_id, "Dr. Reyes")
        record = store.review.override(draft_id, "I1", None, "not_necessary",
                                       "self-reported relief",
                                "Dr. Kim")
        assert record.id >= 1 and record.reason == "self-reported relief"
        scope = drafted.sections[[s.key for s in drafted.sections].index("scope")]
        assert store.review.save_regenerated(draft_id, scope, "Dr. Kim", "compare",
                                             backend="offline",
                                      model="m") == 3
        assert [(h.version, h.author, h.reason) for h in store.history(draft_id)
                if h.key == "scope"] == [(1, "offline", None), (2, "Dr. Reyes", "shorter"),
                                         (3, "offline", "compare")]
        assert store.section_text(draft_id, "scope", 2) == "By hand."
        assert "-By hand." in store.diff(draft_id, "scope", 2, 3)
        actions = [e.action for e in store.audit(draft_id)][-5:]
        assert actions == ["section_edited", "signed_off", "outcome_overridden",
                           "sign_off_voided", "section_regenerated"]
    with psycopg.connect(url, autocommit=True) as raw:
        with pytest.raises(psycopg.errors.RaiseException, match="audit_log is append-only"):
            raw.execute("UPDATE audit_log SET actor = 'someone else'")
        with pytest.raises(psycopg.errors.RaiseException, match="section_versions is append"):
            raw.execute("DELETE FROM section_versions")


def test_concurrent_writers_get_distinct_versions(url: str, drafted: Draft) -> None:
    with DraftStore.open(url) as first:
        draft_id = first.save_draft(drafted, CASE_PATH)
    stores = [DraftStore.open(url) for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            versions = list(pool.map(
                lambda n: stores[n].review.edit_section(draft_id, "gaps", f"edit {n}", f"Dr. {n}",
                                                 "parallel", citations=[]), range(4)))
    finally:
        for store in stores:
            store.close()
    assert sorted(versions) == [2, 3, 4, 5]


def test_runs_hold_one_draft_per_case(url: str, drafted: Draft) -> None:
    with DraftStore.open(url) as store:
        item = NewRunItem(str(CASE_PATH), drafted.case_id, CASE_HASH, CASE_PATH.read_text())
        run_id = store.batches.create_run(["x"], "offline", "m", 2, 1.5, "/tmp/out", {}, [item],
                                          "t")
        case = load_case(CASE_PATH)
        args = (case, CASE_PATH, CASE_HASH, "litigation_opinion", "plaintiff", "offline", "m",
                None, False)
        draft_id = store.begin_draft(*args, run_id=run_id)
        with pytest.raises(psycopg.errors.UniqueViolation):
            store.begin_draft(*args, run_id=run_id)
        assert store.batches.run_drafts(run_id) == {CASE_HASH: (draft_id, "in_progress")}
        assert store.batches.run(run_id).budget_usd == 1.5
        assert store.batches.run_spent(run_id) == (0, 0, 0.0)
        assert store.batches.run_counts(run_id) == {"pending": 1}


def test_a_database_from_a_newer_version_is_refused(url: str) -> None:
    DraftStore.open(url).close()
    with psycopg.connect(url, autocommit=True) as raw:
        raw.execute("UPDATE necessity_schema SET version = 99")
    with pytest.raises(StoreVersionError, match="schema version 99"):
        DraftStore.open(url)


def test_the_commands_work_on_a_postgresql_store(url: str, tmp_path: Path) -> None:
    runner = CliRunner()
    drafted = runner.invoke(app, ["draft", str(CASE_PATH), "--no-retrieval", "--format", "md",
                                  "--out", str(tmp_path / "one"), "--store-url", url])
    assert drafted.exit_code == 0, drafted.output
    draft_id = drafted.stdout.strip().splitlines()[-1].removeprefix("draft id: ")
    (tmp_path / "c.txt").write_text("Edited conclusion [F5].")
    edited = runner.invoke(app, ["drafts", "edit", draft_id, "conclusion", "--file",
                                 str(tmp_path / "c.txt"), "--author", "Dr. Reyes", "--reason",
                                 "clarity", "--store-url", url])
    assert edited.exit_code == 0, edited.output
    history = json.loads(runner.invoke(app, ["drafts", "history", draft_id, "--json",
                                             "--store-url", url]).stdout)
    assert ("Dr. Reyes", "section_edited", "clarity") in {
        (h["actor"], h["action"], h["reason"]) for h in history}
    write_case_variants(tmp_path / "cases", 3)
    batch = runner.invoke(app, ["draft-batch", str(tmp_path / "cases"), "--out",
                                str(tmp_path / "batch"), "--store-url", url])
    assert batch.exit_code == 0, batch.output
    listed = json.loads(runner.invoke(app, ["drafts", "list", "--json", "--store-url",
                                            url]).stdout)
    assert len(listed) == 4 and sum(d["run_id"] is not None for d in listed) == 3
    wrong = runner.invoke(app, ["drafts", "list", "--store-url",
                                url.rsplit("/", 1)[0] + "/no_such_db"])
    assert wrong.exit_code == 2 and "cannot open draft store" in wrong.stderr


def test_the_api_tables_scope_keys_cases_and_idempotency(url: str) -> None:
    from drafting.api.tenancy import IdempotencyConflict

    path, case = CASE_PATH, load_case(CASE_PATH)
    with DraftStore.open(url) as store:
        key, secret = tenancy(store).create_api_key("Acme intake", "acme", "test")
        assert tenancy(store).api_key_for(secret) == key
        assert tenancy(store).api_key_for(secret + "x") is None

        def submit(conn):  # type: ignore[no-untyped-def]
            stored, new = tenancy(store).add_api_case(conn, "acme", key.id, case.id,
                                             CASE_HASH, path.name,
                                             path.read_text())
            return (201 if new else 200), {"id": stored.id}

        first = tenancy(store).idempotent("acme", "k1", "fp", submit)
        again = tenancy(store).idempotent("acme", "k1", "fp", submit)
        assert (first.status_code, again.replayed, again.body) == (201, True, first.body)
        same_file = tenancy(store).idempotent("acme", None, "fp2", submit)
        assert same_file.status_code == 200
        with pytest.raises(IdempotencyConflict):
            tenancy(store).idempotent("acme", "k1", "another request", submit)
        assert tenancy(store).api_case("acme", first.body["id"]) is not None
        assert tenancy(store).api_case("globex", first.body["id"]) is None
        tenancy(store).revoke_api_key(key.id, "test")
        assert tenancy(store).api_key_for(secret) is None


def test_a_failed_write_in_a_group_commit_is_undone_alone(url: str, drafted: Draft) -> None:
    """The batch's writer commits queued writes as one transaction; on PostgreSQL a failed
    statement aborts the transaction unless undone to its savepoint, so the rest must stand."""
    from drafting.store.group_commit import GroupCommitWriter

    with DraftStore.open(url) as store:
        item = NewRunItem(str(CASE_PATH), drafted.case_id, CASE_HASH, CASE_PATH.read_text())
        run_id = store.batches.create_run(["x"], "offline", "m", 2, None, "/tmp/out", {}, [item],
                                          "t")
        args = (load_case(CASE_PATH), CASE_PATH, CASE_HASH, "litigation_opinion", "plaintiff",
                "offline", "m", None, False)
        draft_id = store.begin_draft(*args, run_id=run_id)
        writer = GroupCommitWriter(store.db)
        running, hold = threading.Event(), threading.Event()

        def held() -> bool:  # keeps the writer busy while the next three queue up
            running.set()
            return hold.wait(10)

        writer.submit(held)
        assert running.wait(10)
        futures = [writer.submit(store.save_section, draft_id, drafted.sections[0], "m"),
                   writer.submit(store.begin_draft, *args, run_id=run_id),  # a duplicate
                   writer.submit(store.save_section, draft_id, drafted.sections[1], "m")]
        hold.set()
        writer.shutdown(wait=True)
        assert futures[0].result() == 1 and futures[2].result() == 1
        with pytest.raises(psycopg.errors.UniqueViolation):
            futures[1].result()
        assert [s.key for s in store.load_draft(draft_id).sections] == [
            s.key for s in drafted.sections[:2]]
