"""Who acts in the physician app (issue #21), through Streamlit's AppTest on the real app and a
real draft store: nothing is shown until a user of the store signs in (never the OS account),
each browser session has its own user, a reverse proxy's header names the user when the app is
set up for it, every action names that user; and section text over the limit is refused with
a message saying so, nothing stored and the typed text kept."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from drafting.service.review import SECTION_TEXT_LIMIT
from drafting.settings import Settings
from drafting.store import DraftStore
from tests.test_ui import draft_example, edit, go, messages, no_errors, start
from ui import identity, session_cookie


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private data directory and an empty draft store (no users yet)."""
    data = tmp_path / "data"
    monkeypatch.setenv("NECESSITY_DATA_DIR", str(data))
    monkeypatch.setenv("NECESSITY_STORE_URL", str(data / "drafts.sqlite"))
    for name in ("NECESSITY_BACKEND", "NECESSITY_ALLOW_EXTERNAL", "NECESSITY_UI_USER_HEADER"):
        monkeypatch.delenv(name, raising=False)
    return data


def users(data: Path, *people: tuple[str, str, str]) -> None:
    with DraftStore.open(data / "drafts.sqlite") as store:
        for username, name, password in people:
            store.users.add(username, name, password=password)


def shown(at: AppTest) -> str:
    return "\n".join(str(e.value) for e in (*at.markdown, *at.caption, *at.info, *at.error,
                                            *at.title, *at.sidebar.caption))


def test_nothing_is_shown_until_a_user_signs_in_and_never_as_the_os_account(
        data_dir: Path) -> None:
    at = start(user=None)
    assert [t.value for t in at.title] == ["Sign in"]
    assert "No users yet: create the first one" in messages(at.info)
    assert not at.sidebar.selectbox  # no draft picker, no pages
    assert f"**{getpass.getuser()}**" not in shown(at)
    at.text_input(key="new_username").input("reyes")
    at.text_input(key="new_display_name").input("Dr. Ana Reyes")
    at.text_input(key="new_credentials").input("MD")
    at.text_input(key="new_password").input("correct horse")
    at.button(key="FormSubmitter:first_user-Create user and sign in").click().run()
    no_errors(at)
    assert "Signed in as **Dr. Ana Reyes**, MD (`reyes`)" in messages(at.sidebar.caption)
    # a new browser session starts signed out, with the sign-in form (a user exists now)
    other = start(user=None)
    assert [t.value for t in other.title] == ["Sign in"] and not other.sidebar.selectbox
    other.text_input(key="login_username").input("reyes")
    other.text_input(key="login_password").input("wrong password")
    other.button(key="FormSubmitter:sign_in-Sign in").click().run()
    assert "Unknown user or wrong password." in messages(other.error)
    assert [t.value for t in other.title] == ["Sign in"]
    other.text_input(key="login_password").input("correct horse")
    other.button(key="FormSubmitter:sign_in-Sign in").click().run()
    no_errors(other)
    assert "Signed in as **Dr. Ana Reyes**" in messages(other.sidebar.caption)
    other.sidebar.button(key="sign_out").click().run()
    assert [t.value for t in other.title] == ["Sign in"]


def test_each_browser_session_acts_as_its_own_user(data_dir: Path) -> None:
    users(data_dir, ("reyes", "Dr. Reyes", "correct horse"), ("kim", "Dr. Kim", "battery staple"))
    first, second = start("reyes"), start("kim")
    draft_id = draft_example(first)
    assert "Signed in as **Dr. Reyes**" in messages(first.sidebar.caption)
    second.run()
    assert "Signed in as **Dr. Kim**" in messages(second.sidebar.caption)
    go(second, "editor")
    edit(second, draft_id, "conclusion", "The request is reasonable [F5]. Edited by Kim.",
         "wording")
    no_errors(second)
    first.run()  # the other session is still Dr. Reyes
    assert "Signed in as **Dr. Reyes**" in messages(first.sidebar.caption)
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        by = {e.action: (e.actor, e.stated_author) for e in store.audit(draft_id)}
    assert by["draft_created"] == ("user:reyes", "Dr. Reyes")
    assert by["section_edited"] == ("user:kim", "Dr. Kim")
    assert all(not a.startswith("os:") for a, _ in by.values())


def test_a_reverse_proxy_header_names_the_user_and_its_absence_is_refused(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(identity.USER_HEADER_ENV, "X-Forwarded-User")
    at = start(user="reyes")  # a session-state name is ignored: only the proxy's header counts
    assert [t.value for t in at.title] == ["Sign in"]
    assert "trusts the header X-Forwarded-User" in messages(at.error)
    assert not at.sidebar.selectbox
    settings = Settings.load()
    user = identity.from_proxy(settings, {"x-forwarded-user": "dr.kim"}, "X-Forwarded-User")
    assert user is not None and user.principal == "user:dr.kim" and not user.has_password
    again = identity.from_proxy(settings, {"X-Forwarded-User": "dr.kim"}, "X-Forwarded-User")
    assert again == user  # added once
    assert identity.from_proxy(settings, {"X-Other": "dr.kim"}, "X-Forwarded-User") is None
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        added = [e for e in store.audit() if e.action == "user_added"]
    assert [(e.actor, e.detail["username"]) for e in added] == [
        ("proxy:X-Forwarded-User", "dr.kim")]


def test_section_text_over_the_limit_is_refused_with_a_message_and_kept(data_dir: Path) -> None:
    users(data_dir, ("reyes", "Dr. Reyes", "correct horse"))
    at = start("reyes")
    draft_id = draft_example(at)
    go(at, "editor")
    pasted = "The request is reasonable [F5]. " * (1_000_000 // 32)
    edit(at, draft_id, "conclusion", pasted, "pasted the whole record")
    errors = messages(at.error)
    assert f"a section holds at most {SECTION_TEXT_LIMIT:,}" in errors
    assert "Nothing was saved" in errors and f"{len(pasted.strip()):,} characters" in errors
    with DraftStore.open(data_dir / "drafts.sqlite") as store:
        assert [h.version for h in store.history(draft_id) if h.key == "conclusion"] == [1]
        kept = store.unsaved.get("reyes", draft_id, "conclusion")
    assert kept is not None and kept.text == pasted  # the typed text is not lost


def test_the_session_cookie_names_its_user_only_while_signed_valid_and_unexpired(
        tmp_path: Path) -> None:
    token = session_cookie.make_token(tmp_path, "reyes", now=1_000_000)
    assert session_cookie.username_of(tmp_path, token, now=1_000_001) == "reyes"
    assert (tmp_path / session_cookie.KEY_FILE).stat().st_mode & 0o077 == 0  # owner only
    expired = 1_000_000 + session_cookie.HOURS * 3600 + 1
    assert session_cookie.username_of(tmp_path, token, now=expired) is None
    name, expires, mac = token.split(".")
    kim = session_cookie.make_token(tmp_path, "kim", now=1_000_000).split(".")[0]
    assert session_cookie.username_of(tmp_path, f"{kim}.{expires}.{mac}", now=1) is None
    assert session_cookie.username_of(tmp_path, f"{name}.{int(expires) + 9}.{mac}", now=1) is None
    assert session_cookie.username_of(tmp_path / "other", token, now=1) is None  # another key
    assert session_cookie.username_of(tmp_path, "garbage", now=1) is None
    (tmp_path / session_cookie.KEY_FILE).unlink()  # a new key signs every browser out
    assert session_cookie.username_of(tmp_path, token, now=1_000_001) is None
