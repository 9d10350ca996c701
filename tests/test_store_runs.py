"""Schema version 2 of the draft store: an old (version 1) file is migrated in place, batch runs
allow one draft per case, a run in use by a live process is not taken over, and a regeneration
is a new version that keeps an edit."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import pytest

from drafting.backends.registry import create
from drafting.case import case_file_hash, load_case
from drafting.draft import Draft
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.stages import draft_case
from drafting.store import DraftStore, NewRunItem, RunBusyError, RunItemResult, migrations
from drafting.store.migrations import LATEST
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

CASE_PATH = EXAMPLES / "wc-lumbar-esi-defense.yaml"
CASE_HASH = case_file_hash(CASE_PATH.read_bytes())


@pytest.fixture(scope="module")
def drafted() -> Draft:
    settings = Settings()
    return asyncio.run(draft_case(load_case(CASE_PATH), CASE_HASH, create("offline", settings),
                                  settings, excerpts_by_id()))


def test_a_version_1_store_is_migrated_and_its_drafts_still_work(
        tmp_path: Path, drafted: Draft, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "old.sqlite"
    with monkeypatch.context() as old:  # a file with the version 1 schema ...
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:1])
        old.setattr(migrations, "LATEST", 1)
        DraftStore.open(path).close()
    with DraftStore.open(tmp_path / "new.sqlite") as new:  # ... holding a draft: its rows, in
        draft_id = new.save_draft(drafted, CASE_PATH)      # the version 1 columns
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("ATTACH ? AS new", (str(tmp_path / "new.sqlite"),))
    for table in ("cases", "drafts", "sections", "section_versions", "citations", "model_calls",
                  "audit_log"):
        columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
        conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM new.{table}")
    conn.close()
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 1
    with DraftStore.open(path) as store:
        assert store.db.conn.execute("PRAGMA user_version").fetchone()[0] == LATEST == 6
        assert store.load_draft(draft_id) == drafted
        assert store.stored_case(draft_id).content is None  # version 1 kept no case text
        case = DraftingService(Settings(), store=store).review.case(draft_id)  # so the
        # unchanged file on disk is used
        assert case.id == drafted.case_id
        assert store.list_drafts()[0].run_id is None
        store.review.edit_section(draft_id, "scope", "Edited.", "Dr. Kim", "after the migration",
                                  citations=[])


def test_a_run_holds_one_draft_per_case(tmp_path: Path, drafted: Draft) -> None:
    with DraftStore.open(tmp_path / "s.sqlite") as store:
        item = NewRunItem(str(CASE_PATH), drafted.case_id, CASE_HASH, CASE_PATH.read_text())
        run_id = store.batches.create_run(["x"], "offline", "m", 2, None, str(tmp_path), {}, [item],
                                  "tester")
        case = load_case(CASE_PATH)
        args = (case, CASE_PATH, CASE_HASH, "litigation_opinion", "defense", "offline", "m",
                None, False)
        first = store.begin_draft(*args, run_id=run_id)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            store.begin_draft(*args, run_id=run_id)
        store.begin_draft(*args)  # outside a run the same case may be drafted again
        assert store.batches.run_drafts(run_id) == {CASE_HASH: (first, "in_progress")}
        assert store.batches.case_data(drafted.case_id, CASE_HASH)[0] == CASE_PATH.read_text()
        assert store.batches.run_counts(run_id) == {"pending": 1}  # what a progress poll reads
        store.batches.finish_item(run_id, store.batches.run_items(run_id)[0].id, RunItemResult(
            status="done", draft_id=first, seconds=1.0))
        assert store.batches.run_counts(run_id) == {"done": 1}


def test_a_run_in_use_by_a_live_process_is_not_taken_over(tmp_path: Path) -> None:
    with DraftStore.open(tmp_path / "s.sqlite") as store:
        run_id = store.batches.create_run(["x"], "offline", "m", 2, None, str(tmp_path), {}, [],
                                  "tester")  # this process is its worker, and alive
        with pytest.raises(RunBusyError, match=f"run {run_id} is being drafted"):
            store.batches.take_over_run(run_id, "tester")
        store.batches.set_run_status(run_id, "interrupted", "tester")
        taken = store.batches.take_over_run(run_id, "tester", budget_usd=2.5, concurrency=3)
        assert (taken.status, taken.budget_usd, taken.concurrency) == ("running", 2.5, 3)


def test_a_regeneration_is_a_new_version_that_keeps_an_edit(tmp_path: Path,
                                                            drafted: Draft) -> None:
    with DraftStore.open(tmp_path / "s.sqlite") as store:
        draft_id = store.save_draft(drafted, CASE_PATH)
        store.review.edit_section(draft_id, "scope", "Edited scope.", "Dr. Reyes", "shorter",
                                  citations=[])
        store.review.sign_off(draft_id, "Dr. Reyes")
        again = drafted.sections[[s.key for s in drafted.sections].index("scope")]
        version = store.review.save_regenerated(draft_id, again, "Dr. Kim",
                                                "compare with the model",
                                         backend="openai", model="fake-model")
        assert version == 3
        assert [(h.version, h.author, h.reason) for h in store.history(draft_id)
                if h.key == "scope"] == [(1, "offline", None), (2, "Dr. Reyes", "shorter"),
                                         (3, "openai", "compare with the model")]
        assert store.section_text(draft_id, "scope", 2) == "Edited scope."
        assert store.model_calls(draft_id)[-1].backend == "openai"
        audit = store.audit(draft_id)
        assert [e.action for e in audit[-2:]] == ["section_regenerated", "sign_off_voided"]
        assert audit[-2].actor == "Dr. Kim" and audit[-2].detail["previous_author"] == "Dr. Reyes"
        assert audit[-1].detail["signed_off_by"] == "Dr. Reyes"
        assert store.summary(draft_id).signed_off_by is None
