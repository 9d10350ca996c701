"""Settings: your profile (the name and credentials your actions and signatures carry, kept with
your user in the draft store), and for the app: backend, model, base URL, the data directory,
and consent to send case text to an external model host (off by default, and off again in every
new browser session). App choices are saved in the data directory (ui.json); the API key never
is."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from drafting.service import DraftingService
from drafting.settings import Settings
from ui import service, state
from ui.prefs import Prefs, prefs_path, save_prefs, settings_for


def _save(data_dir: str, prefs: Prefs, consent: bool) -> None:
    chosen = Path(data_dir).expanduser() if data_dir.strip() else None
    settings = settings_for(chosen, prefs, consent)  # validates every value
    if prefs.backend != "offline":
        service.backend_for(settings)  # refuses, e.g., an external host without consent
    st.session_state[state.DATA_DIR] = str(settings.data_dir) if chosen else None
    st.session_state[state.CONSENT] = consent
    path = save_prefs(settings.data_dir, prefs)
    state.flash("success", f"Saved to {path}. External-model consent is "
                f"{'ON' if consent else 'off'} for this browser session.")
    st.rerun()


def _profile() -> None:
    st.subheader("Your profile")
    user = state.user()
    with st.form("profile"):
        name = st.text_input("Name as it goes on the record (edits, overrides, sign-off)",
                             user.display_name, key="profile_name")
        credentials = st.text_input("Credentials under your name on a signature (e.g. MD, "
                                    "FAAOS)", user.credentials, key="profile_credentials")
        if st.form_submit_button("Save profile"):
            with state.shown_errors("profile"):
                service.set_profile(state.settings(), user.username, name, credentials)
                state.flash("success", f"Profile of {user.username} saved (recorded in the "
                            "audit log).")
                st.rerun()


def render() -> None:
    st.title("Settings")
    state.show_flash()
    _profile()
    st.subheader("The app")
    with state.shown_errors("settings"):
        current = state.settings()
        saved = state.prefs()
        backends = DraftingService.backend_names()
        backend = st.selectbox("Backend", backends, index=backends.index(current.backend)
                               if current.backend in backends else 0, key="set_backend",
                               help="offline: the deterministic composer, not a language model. "
                                    "openai: any OpenAI-compatible server.")
        model = st.text_input("Model (openai backend)", current.model, key="set_model")
        base_url = st.text_input("Base URL (OpenAI-compatible server; empty: api.openai.com)",
                                 current.base_url or "", key="set_base_url")
        consent = st.toggle("Allow sending case text to a model host outside this machine",
                            value=bool(current.allow_external), key="set_consent",
                            help="Off by default and off again in every new session. Needed "
                                 "for any host that is not localhost; recorded with each draft.")
        data_dir = st.text_input("Data directory (draft store, index, exports)",
                                 str(current.data_dir), key="set_data_dir")
        st.caption(f"Draft store: {current.store_path}"
                   + (" (NECESSITY_STORE_URL)" if current.store_url else "")
                   + f" · saved settings: {prefs_path(current.data_dir)} · API key: "
                   + ("set" if current.api_key else "from OPENAI_API_KEY if set"))
        if st.button("Save settings", type="primary", key="set_save"):
            prefs = Prefs(reviewer=saved.reviewer, backend=backend, model=model.strip() or None,
                          base_url=base_url.strip() or None)
            default_dir = str(Settings.load().data_dir)
            _save("" if data_dir.strip() == default_dir else data_dir, prefs, consent)


render()
