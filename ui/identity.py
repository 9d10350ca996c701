"""Who is using the app, per browser session: never the operating-system account, never a name
shared by every session. Two ways, chosen by the deployment:

- **sign-in** (the default): a user of the draft store (``store.users``) signs in with a
  username and password in this browser session. A store without users offers to create the
  first one. A signed cookie keeps the browser signed in across reloads for a working day
  (``ui.session_cookie``); signing out removes it.
- **reverse proxy** (teams): when ``NECESSITY_UI_USER_HEADER`` names a header (such as
  ``X-Forwarded-User``), the app trusts it as set by an authenticating proxy in front of it,
  and refuses a request without it. A user named by the proxy and not yet in the store is added
  (without a password) the first time.

Every action of the session then runs as that user (``acting_as``): the audit log's actor is
``user:<username>`` and the name on the record is the user's display name."""

from __future__ import annotations

import os
from collections.abc import Mapping

import streamlit as st

from drafting.settings import Settings
from drafting.store import DraftStore, acting_as
from drafting.store.users import User
from ui import session_cookie

USER_HEADER_ENV = "NECESSITY_UI_USER_HEADER"
SIGNED_IN = "signed_in_user"  # this browser session's username (sign-in mode)


def proxy_header() -> str | None:
    return (os.environ.get(USER_HEADER_ENV) or "").strip() or None


def _store(settings: Settings) -> DraftStore:
    return DraftStore.open(settings.store_location)


def from_proxy(settings: Settings, headers: Mapping[str, str], header: str) -> User | None:
    """The user the proxy's header names (added to the store the first time), or None."""
    name = next((v for k, v in headers.items() if k.lower() == header.lower()), "").strip()
    if not name:
        return None
    with _store(settings) as store:
        user = store.users.get(name)
        if user is None:
            with acting_as(f"proxy:{header}"):
                user = store.users.add(name, name, added_by=f"proxy:{header}")
        return user


def signed_in(settings: Settings) -> User | None:
    """The user signed in in this session, or in this browser before a reload (its cookie)."""
    username = st.session_state.get(SIGNED_IN) or session_cookie.from_cookie(settings.data_dir)
    if not username:
        return None
    st.session_state[SIGNED_IN] = username
    with _store(settings) as store:
        return store.users.get(username)


def current(settings: Settings) -> User | None:
    """This session's user, or None if nobody is signed in (no OS user, no global default)."""
    header = proxy_header()
    if header is not None:
        return from_proxy(settings, st.context.headers, header)
    return signed_in(settings)


def sign_in_page(settings: Settings) -> None:
    """The sign-in form (or, for a store without users, the form creating the first one)."""
    header = proxy_header()
    st.title("Sign in")
    if header is not None:
        st.error(f"This app trusts the header {header} set by the reverse proxy in front of it, "
                 "and this request carried none: open the app through the proxy.")
        return
    with _store(settings) as store:
        first = store.users.count() == 0
    if first:
        st.info("No users yet: create the first one. Its name and credentials go on the record "
                "and on signatures (change them on the Settings page).")
        with st.form("first_user"):
            username = st.text_input("Username", key="new_username")
            name = st.text_input("Name as it goes on the record (e.g. Dr. Ana Reyes)",
                                 key="new_display_name")
            credentials = st.text_input("Credentials (e.g. MD, FAAOS)", key="new_credentials")
            password = st.text_input("Password", type="password", key="new_password")
            if st.form_submit_button("Create user and sign in", type="primary"):
                with _store(settings) as store:
                    try:
                        user = store.users.add(username, name, credentials=credentials,
                                               password=password)
                    except ValueError as exc:
                        st.error(str(exc))
                        return
                st.session_state[SIGNED_IN] = user.username
                session_cookie.remember(settings.data_dir, user.username)
                st.rerun()
        return
    with st.form("sign_in"):
        username = st.text_input("Username", key="login_username")
        password = st.text_input("Password", type="password", key="login_password")
        if st.form_submit_button("Sign in", type="primary"):
            with _store(settings) as store:
                user = store.users.authenticate(username, password)
            if user is None:
                st.error("Unknown user or wrong password.")
                return
            st.session_state[SIGNED_IN] = user.username
            session_cookie.remember(settings.data_dir, user.username)
            st.rerun()


def sign_out() -> None:
    st.session_state.pop(SIGNED_IN, None)
    session_cookie.forget()
