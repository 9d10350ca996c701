"""The physicians' app: ``necessity ui`` runs ``streamlit run ui/app.py``. This entry sets up the
page, the sidebar (which draft is open) and the navigation; each page is one file in views/.
Direct links work: /criteria?draft=ID opens the Criteria page of that draft."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script by streamlit: make the packages importable
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from ui import state  # noqa: E402
from ui.chips import CSS  # noqa: E402

# No page icons: Streamlit would fetch a Material icon from fonts.gstatic.com as the favicon.
PAGES = [
    ("views/cases.py", "Cases", "cases"),
    ("views/intake.py", "Intake", "intake"),
    ("views/facts.py", "Case facts", "facts"),
    ("views/criteria.py", "Criteria", "criteria"),
    ("views/editor.py", "Draft editor", "editor"),
    ("views/history.py", "History", "history"),
    ("views/export.py", "Export", "export"),
    ("views/settings.py", "Settings", "settings"),
]

st.set_page_config(page_title="necessity: physician review", layout="wide",
                   initial_sidebar_state="expanded")
st.html(CSS)
navigation = st.navigation([
    st.Page(path, title=title, url_path=url, default=url == "cases")
    for path, title, url in PAGES])
with st.sidebar:
    st.markdown("**necessity** · physician review")
    with state.shown_errors("draft store"):
        state.pick_draft()
    st.caption(f"Acting as **{state.reviewer()}** (Settings). Synthetic cases only.")
navigation.run()
