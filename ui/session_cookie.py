"""Staying signed in across a reload (sign-in mode). Streamlit starts a new session on every
page load, so without this a reload, or a link that loads the page, asks for the password again.
After signing in, the browser keeps a cookie naming the user, valid for ``HOURS`` and signed
with a key kept in the data directory (``ui-session.key``, created on first use, readable by
the app's account only); a new session of that browser is signed in from it. Signing out
removes the cookie and ignores it for the rest of the session. Deleting the key file signs every
browser out. The cookie is set from the page's script (Streamlit cannot set one from Python), so
it is not HttpOnly: it is SameSite=Strict, Secure over HTTPS, and carries no password."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path

import streamlit as st
from streamlit.components.v2 import component

COOKIE = "necessity_session"
KEY_FILE = "ui-session.key"
HOURS = 8  # a working day
TOKEN = "session_token"  # this session's token, written to the cookie on every run
IGNORE = "session_cookie_ignored"  # signed out in this session: the cookie no longer counts

JS = """
export default function (component) {
  const { data } = component;
  if (!data || !data.name) { return; }
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  document.cookie = `${data.name}=${data.value}; Path=/; Max-Age=${data.maxAge}` +
    `; SameSite=Strict${secure}`;
}
"""

_writer = component("necessity_session_cookie", js=JS, isolate_styles=False)


def _key(data_dir: Path) -> bytes:
    path = data_dir / KEY_FILE
    if not path.is_file():
        data_dir.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
    return path.read_bytes()


def _mac(key: bytes, body: str) -> str:
    digest = hmac.new(key, body.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def make_token(data_dir: Path, username: str, now: float | None = None) -> str:
    """A token naming ``username`` until ``HOURS`` from ``now``, signed with the data
    directory's key."""
    expires = int((now if now is not None else time.time()) + HOURS * 3600)
    name = base64.urlsafe_b64encode(username.encode()).decode().rstrip("=")
    body = f"{name}.{expires}"
    return f"{body}.{_mac(_key(data_dir), body)}"


def username_of(data_dir: Path, token: str, now: float | None = None) -> str | None:
    """The user a token names, or None if it is malformed, tampered with, signed with another
    key or expired."""
    try:
        name, expires, mac = token.split(".")
        if not hmac.compare_digest(mac, _mac(_key(data_dir), f"{name}.{expires}")):
            return None
        if int(expires) < (now if now is not None else time.time()):
            return None
        return base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode()
    except (ValueError, UnicodeDecodeError):
        return None


def from_cookie(data_dir: Path) -> str | None:
    """The user this browser's cookie names (checked), unless the session signed out."""
    if st.session_state.get(IGNORE):
        return None
    token = st.context.cookies.get(COOKIE)
    username = username_of(data_dir, token, None) if token else None
    if username:
        st.session_state[TOKEN] = token
    return username


def remember(data_dir: Path, username: str) -> None:
    """After signing in: the next run writes the cookie."""
    st.session_state[TOKEN] = make_token(data_dir, username)
    st.session_state.pop(IGNORE, None)


def forget() -> None:
    """On signing out: the cookie is removed on the next run and ignored until then."""
    st.session_state.pop(TOKEN, None)
    st.session_state[IGNORE] = True


def write() -> None:
    """Write this session's cookie (or remove it after signing out); call once per run."""
    token = st.session_state.get(TOKEN)
    if token:
        _writer(key="session-cookie", data={"name": COOKIE, "value": token,
                                            "maxAge": HOURS * 3600}, height=0)
    elif st.session_state.get(IGNORE):
        _writer(key="session-cookie", data={"name": COOKIE, "value": "", "maxAge": 0},
                height=0)
