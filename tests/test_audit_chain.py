"""Audit you can trust (#22 item 4): the audit actor is the authenticated principal (the OS user
for the CLI, the API key for the API) with the stated author beside it; the audit log is a hash
chain; sign-offs are append-only rows; ``necessity store verify`` names every edited, deleted,
inserted or back-dated row, forged or edited sign-off, edited outcome and edited case text; a
regeneration refuses edited case text. Drafts are made with the offline backend into real
SQLite store files (and a throwaway PostgreSQL server); tampering is by direct SQL, dropping the
triggers first as an attacker with write access to the file would."""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import importlib.util
import json
import sqlite3
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from drafting.api.tenancy import tenancy
from drafting.cli.app import app
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore, TamperedError, migrations
from tests.api_server import api_server, new_key, wait_finished
from tests.conftest import EXAMPLES

HAVE_PSYCOPG = importlib.util.find_spec("psycopg") is not None
if HAVE_PSYCOPG:  # the throwaway PostgreSQL server of the store's PostgreSQL tests
    from tests.test_store_postgres import cluster, url  # noqa: F401

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
ME = f"os:{getpass.getuser()}"
LONG_AGO = "2001-01-01T00:00:00.000000+00:00"


def cli(store: Path | str, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--store-url", str(store)])


def verify(store: Path | str, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["store", "verify", "--store", str(store), *args])
    return result.exit_code, result.output


def draft(store: Path | str, out: Path) -> str:
    result = cli(store, "draft", str(CASE), "--no-retrieval", "--out", str(out), "--format", "md")
    assert result.exit_code == 0, result.output
    return str(result.stdout.strip().splitlines()[-1].removeprefix("draft id: "))


def reviewed(store: Path | str, tmp_path: Path) -> str:
    """A draft edited by Dr. Reyes, its outcome overridden by Dr. Kim, then signed off."""
    draft_id = draft(store, tmp_path / "out")
    (tmp_path / "c.txt").write_text("The injection was reasonable [F5]. Tightened by hand.")
    for args in (("edit", draft_id, "conclusion", "--file", str(tmp_path / "c.txt"),
                  "--author", "Dr. Reyes", "--reason", "tighten the wording"),
                 ("override", draft_id, "--item", "I1", "--outcome", "not_necessary",
                  "--reason", "relief is self-reported only", "--author", "Dr. Kim"),
                 ("signoff", draft_id, "--author", "Dr. Reyes")):
        done = cli(store, "drafts", *args)
        assert done.exit_code == 0, done.output
    return draft_id


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return tmp_path / "drafts.sqlite"


@pytest.fixture
def signed(store: Path, tmp_path: Path) -> str:
    return reviewed(store, tmp_path)


def attacker(store: Path) -> sqlite3.Connection:
    """Write access to the file: drop every trigger, switch foreign keys off."""
    conn = sqlite3.connect(store, isolation_level=None)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


def audit_id(conn: sqlite3.Connection, action: str) -> int:
    return int(conn.execute("SELECT min(id) FROM audit_log WHERE action = ?",
                            (action,)).fetchone()[0])


# -- who acted ----------------------------------------------------------------------------------

def test_an_intact_store_verifies_and_prints_its_head(store: Path, signed: str) -> None:
    code, output = verify(store)
    assert code == 0, output
    assert "intact" in output and "NOT intact" not in output
    with DraftStore.open(store) as opened:
        last = opened.audit()[-1].id
        head = opened.db.conn.execute("SELECT row_hash FROM audit_log WHERE id = ?",
                                      (last,)).fetchone()[0]
    assert f"head: {last}:{head}" in output
    assert verify(store, "--head", f"{last}:{head}")[0] == 0
    report = json.loads(CliRunner().invoke(app, ["store", "verify", "--store", str(store),
                                                 "--json"]).stdout)
    assert report["ok"] is True and report["problems"] == []
    assert report["checked"]["sign-offs"] == 1 and report["checked"]["overrides"] == 1


def test_the_cli_actor_is_the_os_user_and_the_author_is_stated(store: Path, signed: str) -> None:
    with DraftStore.open(store) as opened:
        entries = {e.action: e for e in opened.audit(signed)}
        assert (entries["section_edited"].actor,
                entries["section_edited"].stated_author) == (ME, "Dr. Reyes")
        assert (entries["outcome_overridden"].actor,
                entries["outcome_overridden"].stated_author) == (ME, "Dr. Kim")
        assert (entries["signed_off"].actor, entries["signed_off"].stated_author) == (
            ME, "Dr. Reyes")
        assert entries["draft_created"].actor == ME
        assert opened.summary(signed).signed_off_by == "Dr. Reyes"
    history = json.loads(cli(store, "drafts", "history", signed, "--json").stdout)
    edited = next(h for h in history if h["action"] == "section_edited")
    assert (edited["principal"], edited["stated_author"]) == (ME, "Dr. Reyes")


def test_triggers_refuse_changing_the_log_sign_offs_and_case_text(store: Path,
                                                                  signed: str) -> None:
    conn = sqlite3.connect(store, isolation_level=None)
    for statement, refused in (
            ("UPDATE audit_log SET actor = 'Dr. Forged'", "audit_log is append-only: UPDATE"),
            ("DELETE FROM audit_log", "audit_log is append-only: DELETE"),
            ("UPDATE sign_offs SET signed_off_by = 'Dr. Forged'", "sign_offs is append-only"),
            ("DELETE FROM sign_offs", "sign_offs is append-only: DELETE"),
            ("UPDATE cases SET content = content || 'x'", "cases: the case id, hash, text"),
            ("UPDATE drafts SET criteria = '[]'", "drafts: the case and the criteria"),
            ("UPDATE overrides SET value = 'necessary'", "overrides is append-only"),
            ("UPDATE drafts SET title = 'Approved'", "drafts: a finished draft's title"),
            ("UPDATE drafts SET status = 'in_progress'", "drafts: a finished draft's status"),
            ("UPDATE sections SET title = 'Approved'", "sections: a section's draft, key")):
        with pytest.raises(sqlite3.DatabaseError, match=refused):
            conn.execute(statement)


# -- tampering, each named by store verify ----------------------------------------------------

def test_an_edited_row_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    row = audit_id(conn, "section_edited")
    conn.execute("UPDATE audit_log SET stated_author = 'Dr. Forged' WHERE id = ?", (row,))
    code, output = verify(store)
    assert code == 1
    assert f"audit row {row}: edited: its fields no longer match its hash" in output


def test_a_deleted_row_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    row = audit_id(conn, "section_edited")
    conn.execute("DELETE FROM audit_log WHERE id = ?", (row,))
    code, output = verify(store)
    assert code == 1
    assert f"audit row {row + 1}: deleted: the row it is chained to is missing: row {row}" in output


def test_an_inserted_row_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    cursor = conn.execute("INSERT INTO audit_log (at, actor, action, draft_id) VALUES "
                          "(?, 'Dr. Forged', 'exported', ?)",
                          (dt.datetime.now(dt.UTC).isoformat(), signed))
    code, output = verify(store)
    assert code == 1
    assert f"audit row {cursor.lastrowid}: inserted: it is not in the chain" in output


def test_a_back_dated_row_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    row = audit_id(conn, "outcome_overridden")
    conn.execute("UPDATE audit_log SET at = ? WHERE id = ?", (LONG_AGO, row))
    code, output = verify(store)
    assert code == 1
    assert f"audit row {row}: back-dated: dated {LONG_AGO}, before row {row - 1}" in output
    assert f"audit row {row}: edited" in output


def test_a_forged_sign_off_is_named_and_not_shown(store: Path, tmp_path: Path) -> None:
    draft_id = draft(store, tmp_path / "out")
    conn = attacker(store)
    conn.execute("UPDATE drafts SET signed_off_by = 'Dr. Forged', signed_off_at = ? "
                 "WHERE id = ?", (dt.datetime.now(dt.UTC).isoformat(), draft_id))
    conn.execute("INSERT INTO sign_offs (draft_id, kind, signed_off_by, actor, at) "
                 "VALUES (?, 'signed', 'Dr. Forged', 'os:nobody', ?)",
                 (draft_id, dt.datetime.now(dt.UTC).isoformat()))
    code, output = verify(store)
    assert code == 1
    assert (f"draft {draft_id}: sign-off: it says it is signed off by Dr. Forged" in output
            and "no sign-off row records that: a forged sign-off" in output)
    assert (f"sign-off 1 (draft {draft_id}, signed by Dr. Forged): sign-off: no audit row "
            "records it: a forged sign-off") in output
    with DraftStore.open(store) as opened:
        assert opened.summary(draft_id).signed_off_by is None  # never shown as signed


def test_an_edited_sign_off_is_named(store: Path, signed: str) -> None:
    attacker(store).execute("UPDATE sign_offs SET signed_off_by = 'Dr. Forged'")
    code, output = verify(store)
    assert code == 1
    assert (f"sign-off 1 (draft {signed}, signed by Dr. Forged): sign-off: edited: it differs "
            "from audit row") in output
    assert "signed off by 'Dr. Forged' (recorded 'Dr. Reyes')" in output


def test_an_edited_outcome_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    conn.execute("UPDATE overrides SET value = 'necessary'")  # the physician's override
    conn.execute("UPDATE drafts SET criteria = replace(criteria, '\"not_necessary\"', "
                 "'\"necessary\"')")  # and the engine's own outcomes
    code, output = verify(store)
    assert code == 1
    assert (f"override 1 (draft {signed}, I1 outcome): override: edited: it differs from audit "
            "row") in output and "value 'necessary' (recorded 'not_necessary')" in output
    assert f"draft {signed}: criteria: its criteria results (the engine's outcomes) were edited" \
        in output


def test_an_edited_section_text_is_named(store: Path, signed: str) -> None:
    attacker(store).execute("UPDATE section_versions SET text = 'Forged.' WHERE version = 2")
    code, output = verify(store)
    assert code == 1
    assert (f"draft {signed}, section conclusion version 2: section text: its text was edited"
            in output)


def test_edited_case_text_is_named_and_regeneration_refuses_it(store: Path, signed: str,
                                                               tmp_path: Path) -> None:
    attacker(store).execute("UPDATE cases SET content = content || '\n# relief: 90%\n'")
    code, output = verify(store)
    assert code == 1
    assert "case wc-lumbar-esi-plaintiff (sha256 " in output
    assert "case text: its stored text was edited" in output
    regenerated = cli(store, "drafts", "regenerate", signed, "conclusion", "--author", "Dr. Kim",
                      "--reason", "carry the override")
    assert regenerated.exit_code == 2
    assert "the stored text of case wc-lumbar-esi-plaintiff was edited after it was stored" in (
        regenerated.stderr)
    assert "refusing to draft from it" in regenerated.stderr
    settings = Settings(data_dir=tmp_path, store_url=str(store))
    with DraftStore.open(store) as opened, DraftingService(settings, store=opened) as service:
        with pytest.raises(TamperedError, match="refusing to draft from it"):
            service.review.regenerate(signed, ["conclusion"], "Dr. Kim", "again")
        assert max(h.version for h in opened.history(signed) if h.key == "conclusion") == 2


def test_a_replaced_case_is_named_and_refused(store: Path, signed: str) -> None:
    text = CASE.read_text() + "\n# relief: 90%\n"
    forged = hashlib.sha256(text.encode()).hexdigest()
    conn = attacker(store)
    conn.execute("UPDATE cases SET content = ?, case_hash = ?", (text, forged))
    conn.execute("UPDATE drafts SET case_hash = ?", (forged,))
    code, output = verify(store)
    assert code == 1
    assert f"draft {signed}: case text: it was created from case sha256 " in output
    assert f"but now points to {forged[:12]}: its case was replaced" in output
    refused = cli(store, "drafts", "regenerate", signed, "conclusion", "--author", "Dr. Kim",
                  "--reason", "again")
    assert refused.exit_code == 2 and "its case was replaced" in refused.stderr


# -- older stores and PostgreSQL --------------------------------------------------------------

def test_an_older_store_is_chained_when_upgraded(store: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A schema 3 store with a signed-off draft: upgrading chains its rows as they are and
    carries the sign-off into sign_offs; later tampering with those rows is still named."""
    newer = tmp_path / "newer.sqlite"
    draft_id = reviewed(newer, tmp_path)
    with monkeypatch.context() as old:
        old.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        old.setattr(migrations, "LATEST", 3)
        DraftStore.open(store).close()
    conn = sqlite3.connect(store, isolation_level=None)
    conn.execute("ATTACH ? AS newer", (str(newer),))
    conn.execute("PRAGMA foreign_keys = OFF")
    for table in ("cases", "drafts", "sections", "section_versions", "citations", "model_calls",
                  "overrides", "audit_log"):
        names = [r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")]
        values = ["coalesce(stated_author, actor)" if (table, n) == ("audit_log", "actor")
                  else n for n in names]  # schema 3 recorded the stated name as the actor
        conn.execute(f"INSERT INTO main.{table} ({', '.join(names)}) "
                     f"SELECT {', '.join(values)} FROM newer.{table}")
    conn.close()
    with DraftStore.open(store) as upgraded:
        assert upgraded.summary(draft_id).signed_off_by == "Dr. Reyes"  # carried over
        report = upgraded.verify()
        assert report.ok, report.problems
        assert report.upgraded_rows == report.rows - 1  # all but the upgrade's own row
        assert upgraded.audit()[-1].action == "audit_chain_started"
    attacker(store).execute("UPDATE audit_log SET actor = 'Dr. Forged' WHERE id = 1")
    assert "audit row 1: edited" in verify(store)[1]


@pytest.mark.slow
@pytest.mark.skipif(not HAVE_PSYCOPG, reason="psycopg is not installed")
def test_postgresql_chains_refuses_and_verifies(url: str, tmp_path: Path) -> None:
    import psycopg

    draft_id = reviewed(url, tmp_path)
    code, output = verify(url)
    assert code == 0, output
    with DraftStore.open(url) as opened:
        signed = next(e for e in opened.audit(draft_id) if e.action == "signed_off")
        assert (signed.actor, signed.stated_author) == (ME, "Dr. Reyes")
    with psycopg.connect(url, autocommit=True) as raw:
        for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM sign_offs",
                          "UPDATE cases SET content = content || 'x'",
                          "UPDATE drafts SET status = 'in_progress'",
                          "UPDATE sections SET title = 'Approved'"):
            with pytest.raises(psycopg.errors.RaiseException):
                raw.execute(statement)
        raw.execute("ALTER TABLE audit_log DISABLE TRIGGER USER")
        raw.execute("UPDATE audit_log SET at = %s WHERE action = 'signed_off'", (LONG_AGO,))
        row = raw.execute("SELECT id FROM audit_log WHERE action = 'signed_off'").fetchone()[0]
    code, output = verify(url)
    assert code == 1
    assert f"audit row {row}: back-dated: dated {LONG_AGO}" in output


# -- the API --------------------------------------------------------------------------------------

def _drafted(client: httpx.Client) -> str:
    """The example case uploaded and drafted over the API, its job finished: the draft's id."""
    case = client.post("/v1/cases", content=CASE.read_bytes(),
                       headers={"Content-Type": "application/yaml"}).json()
    draft_id = str(client.post("/v1/drafts", json={"case": case["id"]}).json()["id"])
    wait_finished(client, draft_id)
    return draft_id


@pytest.mark.slow
def test_the_api_audit_row_names_the_key(tmp_path: Path) -> None:
    with api_server(tmp_path / "api") as server:
        secret, _ = new_key(server.data_dir, "acme")
        with DraftStore.open(server.store_path) as opened:
            [key] = [k for k in tenancy(opened).api_keys() if k.organisation == "acme"]
        headers = {"Authorization": f"Bearer {secret}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            draft_id = _drafted(client)
            edited = client.post(f"/v1/drafts/{draft_id}/sections/conclusion", json={
                "text": "Signed: Dr. Reyes, MD.", "author": "Dr. Reyes", "reason": "sign"})
            assert edited.status_code == 200, edited.text
            audit = client.get(f"/v1/drafts/{draft_id}/history").json()["audit"]
        by_action = {e["action"]: e for e in audit}
        assert by_action["draft_created"]["actor"] == f"api-key:{key.id}"
        assert (by_action["section_edited"]["actor"],
                by_action["section_edited"]["stated_author"]) == (f"api-key:{key.id}",
                                                                  "Dr. Reyes")
        code, output = verify(server.store_path)
        assert code == 0, output


@pytest.mark.slow
def test_an_api_draft_moved_to_another_organisation_is_named(tmp_path: Path) -> None:
    with api_server(tmp_path / "api") as server:
        secret, _ = new_key(server.data_dir, "acme")
        headers = {"Authorization": f"Bearer {secret}"}
        with httpx.Client(base_url=server.url, headers=headers, timeout=60) as client:
            draft_id = _drafted(client)
        assert verify(server.store_path)[0] == 0
        conn = attacker(server.store_path)
        conn.execute("UPDATE api_drafts SET organisation = 'globex' WHERE draft_id = ?",
                     (draft_id,))
        code, output = verify(server.store_path)
        assert code == 1
        assert (f"API draft {draft_id}: ownership: its organisation is 'globex', but audit row"
                in output and "records 'acme': it was moved to another tenant" in output)
        conn.execute("DELETE FROM api_drafts WHERE draft_id = ?", (draft_id,))
        code, output = verify(server.store_path)
        assert code == 1 and f"API draft {draft_id}: deleted: audit row" in output


# -- a draft's own record -----------------------------------------------------------------------

def test_a_failed_draft_shown_as_complete_is_named(store: Path, signed: str) -> None:
    attacker(store).execute("UPDATE drafts SET status = 'in_progress', finished_at = NULL")
    code, output = verify(store)
    assert code == 1
    assert (f"draft {signed}: status: its status is 'in_progress', but its audit rows record "
            "'complete'") in output


def test_an_interrupted_draft_verifies_as_incomplete_and_not_as_complete(store: Path) -> None:
    """Interrupting changes the status through an audit row, so 'incomplete' verifies, and a
    draft edited to look complete is named."""
    from drafting.case import load_case

    with DraftStore.open(store) as drafts:
        draft_id = drafts.begin_draft(load_case(CASE), CASE, "0" * 64, "defense_letter",
                                      "defense", "offline", "offline-composer", None, False,
                                      language_model=False, actor="test")
        drafts.interrupt_draft(draft_id, "test", "Ctrl-C")
    assert verify(store)[0] == 0
    attacker(store).execute("UPDATE drafts SET status = 'complete'")
    code, output = verify(store)
    assert code == 1
    assert (f"draft {draft_id}: status: its status is 'complete', but its audit rows record "
            "'incomplete'") in output


def test_an_edited_title_provenance_or_heading_is_named(store: Path, signed: str) -> None:
    conn = attacker(store)
    conn.execute("UPDATE drafts SET provenance = json_set(provenance, '$.backend', 'openai')")
    conn.execute("UPDATE sections SET title = 'Approved' WHERE key = 'conclusion'")
    code, output = verify(store)
    assert code == 1
    assert (f"draft {signed}: draft record: its title, label, provenance or sources were "
            "edited") in output
    assert (f"draft {signed}, section conclusion: section record: its kind, heading or item "
            "was edited") in output
