"""The physicians' app: ``necessity ui`` runs ``streamlit run ui/app.py``. This entry sets up the
page, who is using it (``ui.identity``: nothing is shown until a user is signed in or named by
the reverse proxy; a reload keeps the sign-in, ``ui.session_cookie``), the sidebar (which draft
is open) and the navigation; each page is one file in views/. Every page runs as the session's
user (``acting_as``), so each audit row it writes names that user. Direct links work:
/criteria?draft=ID opens the Criteria page of that draft."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script by streamlit: make the packages importable
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from drafting.store import acting_as  # noqa: E402
from ui import identity, session_cookie, state  # noqa: E402
from ui.chips import CSS  # noqa: E402

# No page icons: Streamlit would fetch a Material icon from fonts.gstatic.com as the favicon.
PAGES = [
    ("views/queue.py", "Review queue", "queue"),
    ("views/cases.py", "Cases", "cases"),
    ("views/intake.py", "Intake", "intake"),
    ("views/facts.py", "Case facts", "facts"),
    ("views/criteria.py", "Criteria", "criteria"),
    ("views/editor.py", "Draft editor", "editor"),
    ("views/signoff.py", "Sign-off", "signoff"),
    ("views/history.py", "History", "history"),
    ("views/export.py", "Export", "export"),
    ("views/settings.py", "Settings", "settings"),
]

st.set_page_config(page_title="necessity: physician review", layout="wide",
                   initial_sidebar_state="expanded")
st.html(CSS)
user = None
with state.shown_errors("sign-in"):
    user = identity.current(state.settings())
st.session_state[state.USER] = user
if identity.proxy_header() is None:
    session_cookie.write()  # keeps this browser signed in across a reload (or removes it)
# The pages are known before anyone signs in (hidden until then), so that a link such as
# /editor?draft=ID opens that page once the user has signed in.
navigation = st.navigation([
    st.Page(path, title=title, url_path=url, default=url == "cases")
    for path, title, url in PAGES], position="sidebar" if user else "hidden")
if user is None:
    with state.shown_errors("sign-in"):
        identity.sign_in_page(state.settings())
    st.stop()
with st.sidebar:
    st.markdown("**necessity** · physician review")
    with state.shown_errors("draft store"):
        state.pick_draft()
    st.caption(f"Signed in as **{user.display_name}**"
               + (f", {user.credentials}" if user.credentials else "")
               + f" (`{user.username}`). Synthetic cases only.")
    if identity.proxy_header() is None and st.button("Sign out", key="sign_out"):
        identity.sign_out()
        st.rerun()
with acting_as(user.principal):
    navigation.run()
