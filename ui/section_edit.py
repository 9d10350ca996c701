"""Editing one section of the open draft, so that no typed text is lost or lands elsewhere:

- every widget's key names the draft, the section and the version the text was started from,
  so text typed in one draft can never appear in another (and a new version from someone else
  gives a fresh box unless there is unsaved text);
- typed text and its reason are kept in the store per user, draft and section as soon as the
  box loses focus (``store.unsaved``), so a page change, a reload or a closed tab keeps them
  until they are saved or discarded;
- a save names the version it started from: if someone saved the section since, nothing is
  stored, the unsaved text stays, and the difference from their version is shown;
- text over the section limit is refused with a message saying so;
- a signed-off draft shows a warning, and a save needs an explicit confirmation that it voids
  the sign-off;
- after a save, the same section's edit box stays open (its toggle is keyed by section).

Regeneration is a proposal: shown as a diff against the current text, accepted (it then
becomes the next version) or discarded; a failed regeneration stores nothing."""

from __future__ import annotations

import streamlit as st

from drafting.draft import SectionDraft
from drafting.service.review import SECTION_TEXT_LIMIT, SectionTooLongError
from drafting.store import HistoryEntry
from drafting.store.errors import StaleSectionError
from drafting.store.unsaved import Unsaved
from ui import service, state
from ui.diffview import side_by_side


def _keep(draft_id: str, key: str, base: int, text_key: str, reason_key: str) -> None:
    """Widget callback: keep what is in the box in the store (survives reload)."""
    text = st.session_state.get(text_key, "")
    reason = st.session_state.get(reason_key, "")
    service.keep_unsaved(state.settings(), state.user().username, draft_id, key, base, text,
                         reason)


def void_confirmed(view: service.OpenDraft, what: str, key: str) -> bool:
    """The warning shown before a change that would void the sign-off, and the confirmation
    it needs; True when the draft is not signed off or the user confirmed."""
    summary = view.summary
    if not summary.signed_off_by:
        return True
    st.warning(f"This draft is signed off by {summary.signed_off_by} "
               f"({summary.signed_off_at:%Y-%m-%d %H:%M} UTC). {what} voids the sign-off; the "
               f"audit log records that {state.reviewer()} voided it, and the draft must be "
               "signed off again.", icon=":material/gpp_maybe:")
    return bool(st.checkbox(f"I understand: {what.lower()} voids the sign-off", key=key))


def _conflict(section: SectionDraft, latest: HistoryEntry, kept: Unsaved, tag: str) -> None:
    st.error(f"Not saved: {latest.author} saved version {latest.version} of this section after "
             f"you started from version {kept.base_version}. Your text is kept below (and in "
             "the store). What differs between their version and your text:")
    st.html(side_by_side(section.text, kept.text, f"v{latest.version} ({latest.author})",
                         "your unsaved text"))
    if st.button(f"Continue from version {latest.version} with my text",
                 key=f"rebase-{tag}", help="Your text stays as it is; saving it then makes the "
                 f"version after {latest.version}."):
        service.keep_unsaved(state.settings(), state.user().username, kept.draft_id, kept.key,
                             latest.version, kept.text, kept.reason)
        st.rerun()


def edit(view: service.OpenDraft, section: SectionDraft, latest: HistoryEntry,
         kept: Unsaved | None) -> None:
    draft_id, key = view.draft_id, section.key
    base = kept.base_version if kept else latest.version
    tag = f"{draft_id}-{key}-b{base}"
    text_key, reason_key = f"edit_text-{tag}", f"edit_reason-{tag}"
    if not st.toggle("Edit this section", key=f"editing-{draft_id}-{key}",
                     value=kept is not None):
        if kept is not None:
            st.caption("You have unsaved text in this section (kept): open it to save or "
                       "discard it.")
        return
    if kept is not None and kept.base_version != latest.version:
        _conflict(section, latest, kept, tag)
    elif kept is not None:
        st.info(f"Unsaved text, kept since {kept.updated_at[:16].replace('T', ' ')} UTC "
                f"(started from version {base}). Save it or discard it.")
    callback = {"on_change": _keep, "args": (draft_id, key, base, text_key, reason_key)}
    text = st.text_area("Text (keep the [F..] and [G:..] markers)",
                        kept.text if kept else section.text, height=220, key=text_key,
                        **callback)
    if len(text.strip()) > SECTION_TEXT_LIMIT:
        st.error(str(SectionTooLongError(key, len(text.strip()))))
    reason = st.text_input("Reason for the edit (required)", kept.reason if kept else "",
                           key=reason_key, **callback)
    confirmed = void_confirmed(view, "Saving this edit", f"void-ok-edit-{tag}")
    save_col, discard_col = st.columns(2)
    save = save_col.button("Save as a new version", key=f"edit_save-{tag}", type="primary",
                           disabled=not confirmed)
    if kept is not None and discard_col.button("Discard my unsaved text",
                                               key=f"edit_discard-{tag}"):
        service.discard_unsaved(state.settings(), state.user().username, draft_id, key)
        for widget in (text_key, reason_key):
            st.session_state.pop(widget, None)
        state.flash("info", f"{section.title}: your unsaved text was discarded.")
        st.rerun()
    if save:
        _save(view, section, base, text, reason, text_key, reason_key)


def _save(view: service.OpenDraft, section: SectionDraft, base: int, text: str, reason: str,
          text_key: str, reason_key: str) -> None:
    settings, user, key = state.settings(), state.user(), section.key
    service.keep_unsaved(settings, user.username, view.draft_id, key, base, text, reason)
    if not reason.strip():
        st.error("A reason is required: it goes in the history with your name.")
        return
    try:
        saved, invalid = service.save_edit_from(settings, view.draft_id, key, text,
                                                user.display_name, reason, base)
    except StaleSectionError:
        st.rerun()  # the kept text is shown with the difference from the newer version
    except SectionTooLongError as exc:
        st.error(str(exc))
        return
    service.discard_unsaved(settings, user.username, view.draft_id, key)
    for widget in (text_key, reason_key):
        st.session_state.pop(widget, None)
    state.flash("success", f"{section.title}: saved as version {saved} by {user.display_name}.")
    for problem in invalid:
        state.flash("warning", f"{key}: invalid citation {problem}")
    st.rerun()


def regenerate(view: service.OpenDraft, section: SectionDraft, latest: HistoryEntry,
               proposal: Unsaved | None, backend: str) -> None:
    draft_id, key = view.draft_id, section.key
    tag = f"{draft_id}-{key}"
    settings, user = state.settings(), state.user()
    if proposal is not None:
        st.info(f"Proposed by {proposal.backend} ({proposal.model}), not in the record yet: "
                f"accept it to make it version {latest.version + 1}, or discard it.")
        if proposal.base_version != latest.version:
            st.warning(f"The section changed since this was proposed (version "
                       f"{proposal.base_version} then, {latest.version} now); accepting is "
                       "refused: discard it and propose again.")
        st.html(side_by_side(section.text, proposal.text,
                             f"current v{latest.version} ({latest.author})", "proposal"))
        confirmed = void_confirmed(view, "Accepting this proposal", f"void-ok-regen-{tag}")
        accept_col, discard_col = st.columns(2)
        if accept_col.button("Accept the proposal", key=f"accept-{tag}", type="primary",
                             disabled=not confirmed):
            with state.shown_errors(f"accept {key}"):
                version = service.accept_proposal(settings, user.username, draft_id, key,
                                                  user.display_name)
                state.flash("success", f"{section.title}: the proposal is version {version}; "
                            f"version {latest.version} by {latest.author} is kept.")
                st.rerun()
        if discard_col.button("Discard the proposal", key=f"discard-proposal-{tag}"):
            service.discard_unsaved(settings, user.username, draft_id, key, "proposal")
            state.flash("info", f"{section.title}: the proposal was discarded; nothing changed.")
            st.rerun()
        return
    with st.expander(f"Regenerate with {backend}"):
        reason = st.text_input("Reason (required)", key=f"regen_reason-{tag}")
        st.caption("Shown as a proposal beside the current text; nothing changes until you "
                   "accept it. Reviewer overrides are applied.")
        if st.button("Propose a regeneration", key=f"regen-{tag}"):
            if not reason.strip():
                st.error("A reason is required: it goes in the history with your name.")
                return
            with state.shown_errors(f"regenerate {key}"), st.spinner(
                    f"regenerating {key} with {backend} ..."):
                made = service.propose(settings, user.username, draft_id, key, latest.version,
                                       reason)
                if made.status == "failed":
                    st.error(f"The regeneration of {section.title} failed: "
                             f"{made.error or 'no usable text'}. The current text (version "
                             f"{latest.version}) is kept; nothing was stored.")
                    return
                st.rerun()
