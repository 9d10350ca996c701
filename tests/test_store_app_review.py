"""The store behind the physician app (issue #21): users and profiles, unsaved edits kept per
user, draft and section, a save that names a stale version refused with nothing stored, a
sign-off with the signer's credentials read back on the draft, a failed regeneration marking the
draft incomplete, and ``store verify`` clean after all of it. Real SQLite files, the real CLI."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.cli.app import app
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore
from drafting.store.errors import StaleSectionError
from tests.conftest import EXAMPLES

CASE = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"


def cli(store: Path, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, [*args, "--store-url", str(store)])


def draft(store: Path, tmp: Path) -> str:
    result = cli(store, "draft", str(CASE), "--no-retrieval", "--out", str(tmp / "out"),
                 "--format", "md")
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()[-1].removeprefix("draft id: ")


@pytest.fixture
def drafted(tmp_path: Path) -> tuple[Path, str, str]:
    store = tmp_path / "drafts.sqlite"
    return store, draft(store, tmp_path), draft(store, tmp_path)


def verified(store: Path) -> None:
    result = cli(store, "store", "verify")
    assert result.exit_code == 0, result.output


def test_users_sign_in_with_their_password_and_profile_changes_are_audited(drafted) -> None:
    store, _, _ = drafted
    with DraftStore.open(store) as s:
        s.users.add("reyes", "Dr. Ana Reyes", credentials="MD", password="correct horse")
        s.users.add("proxy.only", "Dr. Kim")  # signs in only through the reverse proxy
        with pytest.raises(ValueError, match="already a user"):
            s.users.add("reyes", "Someone else", password="another one")
        with pytest.raises(ValueError, match="at least 8"):
            s.users.add("short", "Dr. Short", password="abc")
        assert s.users.authenticate("reyes", "correct horse") is not None
        assert s.users.authenticate("reyes", "wrong horse!") is None
        assert s.users.authenticate("proxy.only", "") is None  # no password: no sign-in here
        assert s.users.authenticate("nobody", "correct horse") is None
        s.users.set_profile("reyes", "Dr. Ana Reyes", "MD, FAAOS")
        assert s.users.get("reyes").credentials == "MD, FAAOS"  # type: ignore[union-attr]
        actions = [(e.action, e.actor) for e in s.audit() if e.action in
                   {"user_added", "profile_changed"}]
    assert actions == [("user_added", "user:reyes"), ("user_added", "user:proxy.only"),
                       ("profile_changed", "user:reyes")]
    raw = store.read_bytes()
    assert b"correct horse" not in raw  # only the scrypt hash is stored
    verified(store)


def test_unsaved_text_is_kept_per_user_draft_and_section(drafted) -> None:
    store, first, second = drafted
    with DraftStore.open(store) as s:
        s.unsaved.keep("reyes", first, "conclusion", 1, "typed, not saved", "wording")
        assert s.unsaved.get("reyes", second, "conclusion") is None  # another draft
        assert s.unsaved.get("kim", first, "conclusion") is None  # another user
        kept = s.unsaved.get("reyes", first, "conclusion")
        assert kept is not None and (kept.text, kept.reason, kept.base_version) == (
            "typed, not saved", "wording", 1)
        s.unsaved.keep("reyes", first, "conclusion", 1, "typed again", "wording")
        assert [u.text for u in s.unsaved.of_draft("reyes", first)] == ["typed again"]
        s.unsaved.discard("reyes", first, "conclusion")
        assert s.unsaved.of_draft("reyes", first) == []
        with pytest.raises(KeyError, match="no section 'nope'"):
            s.unsaved.keep("reyes", first, "nope", 1, "x")
    verified(store)


def test_a_save_naming_a_stale_version_is_refused_and_stores_nothing(drafted) -> None:
    store, draft_id, _ = drafted
    with DraftStore.open(store) as s:
        original = s.section_text(draft_id, "conclusion")
        assert s.review.edit_section(draft_id, "conclusion", original + " First.", "Dr. Reyes",
                                     "first", citations=[], base_version=1) == 2
        with pytest.raises(StaleSectionError) as refused:
            s.review.edit_section(draft_id, "conclusion", original + " Second.", "Dr. Kim",
                                  "second", citations=[], base_version=1)
        assert refused.value.current_version == 2 and refused.value.current_author == "Dr. Reyes"
        assert refused.value.current_text == original + " First."
        assert "changed by Dr. Reyes (version 2)" in str(refused.value)
        assert [h.version for h in s.history(draft_id) if h.key == "conclusion"] == [1, 2]
    verified(store)


def test_sign_off_with_credentials_is_read_back_on_the_draft_and_verified(drafted) -> None:
    store, draft_id, _ = drafted
    result = cli(store, "drafts", "signoff", draft_id, "--author", "Dr. Ana Reyes",
                 "--credentials", "MD, FAAOS")
    assert result.exit_code == 0, result.output
    assert "signed off by Dr. Ana Reyes, MD, FAAOS" in result.output
    settings = Settings.load(store_url=str(store))
    with DraftingService(settings) as service:
        read = service.review.reviewed(draft_id)
    assert (read.signed_off_by, read.signer_credentials) == ("Dr. Ana Reyes", "MD, FAAOS")
    assert read.signed_off_at is not None
    listed = json.loads(cli(store, "drafts", "list", "--json").stdout)
    assert {d["draft_id"]: d["signer_credentials"] for d in listed}[draft_id] == "MD, FAAOS"
    verified(store)
    # the credentials are vouched for by the audit row: changing them by SQL is caught
    conn = sqlite3.connect(store)
    conn.execute("DROP TRIGGER sign_offs_no_update")
    conn.execute("UPDATE sign_offs SET credentials = 'MD, PhD'")
    conn.commit()
    conn.close()
    tampered = cli(store, "store", "verify")
    assert tampered.exit_code != 0 and "credentials 'MD, PhD'" in tampered.output


def test_a_failed_regeneration_saved_marks_the_draft_incomplete(drafted) -> None:
    store, draft_id, _ = drafted
    with DraftStore.open(store) as s:
        section = next(x for x in s.load_draft(draft_id).sections if x.key == "conclusion")
        failed = section.model_copy(update={"status": "failed", "error": "backend timed out"})
        s.review.save_regenerated(draft_id, failed, "Dr. Reyes", "try again", backend="openai",
                                  model="m")
        assert s.summary(draft_id).status == "incomplete"
    verified(store)
