"""Sign-off: the pre-sign checklist (failed sections, which block; eval findings, placeholders,
the reviewer's overrides and missing required elements, each group to be acknowledged), then the
signature with the name and credentials of the signed-in user's profile. The store records it at
the current section versions; any later change voids it (with a warning first)."""

from __future__ import annotations

import streamlit as st

from ui import service, state


def _standing(view: service.OpenDraft) -> bool:
    summary = view.summary
    if summary.signed_off_by and summary.signed_off_at:
        st.success(f"Signed off by **{summary.signed_off_by}**"
                   + (f", {summary.signer_credentials}" if summary.signer_credentials else "")
                   + f" at {summary.signed_off_at:%Y-%m-%d %H:%M} UTC. Any later edit, override "
                   "or regeneration voids this sign-off (with a warning first).")
        return True
    voided = service.voided_sign_off(state.settings(), view.draft_id)
    if voided is not None:
        signed_at = str(voided.detail.get("signed_off_at") or "")[:16].replace("T", " ")
        who = voided.stated_author or voided.actor
        st.warning(f"The sign-off by {voided.detail.get('signed_off_by')} ({signed_at} UTC) was "
                   f"voided by {who} at {voided.at:%Y-%m-%d %H:%M} UTC: "
                   f"{voided.detail.get('reason', 'a later change')}. Sign off again to sign "
                   "the current versions.")
    return False


def render() -> None:
    view = state.open_draft_page("Sign-off")
    if view is None:
        return
    with state.shown_errors("sign-off"):
        if _standing(view):
            return
        settings, user = state.settings(), state.user()
        if view.summary.status == "in_progress":
            st.info("This draft is still being drafted; it can be signed off once it finishes.")
            return
        checklist = service.checklist(settings, view, user.display_name, user.credentials)
        st.subheader("Before you sign")
        acknowledged = []
        for group in checklist.groups:
            with st.container(border=True):
                count = (f" ({len(group.lines)})" if group.lines else
                         ": none" if group.checked else ": not checked")
                st.markdown(f"**{group.title}**{count}")
                if group.note:
                    st.caption(group.note)
                for line in group.lines:
                    (st.error if group.blocking else st.markdown)(f"- {line}")
                if group.needs_acknowledging:
                    acknowledged.append(st.checkbox(
                        f"I have reviewed the {len(group.lines)} item(s) above and sign "
                        "knowing they are there", key=f"ack-{view.draft_id}-{group.kind}"))
        st.subheader("Signature")
        if not user.credentials:
            st.warning("Your profile has no credentials (Settings): the signature will carry "
                       "your name only.")
        st.markdown(f"Signing as **{user.display_name}**"
                    + (f", {user.credentials}" if user.credentials else "")
                    + " (from your profile), at the current section versions.")
        ready = not checklist.blocked and all(acknowledged)
        if checklist.blocked:
            st.error("A section failed: fix it in the Draft editor before signing.")
        elif not all(acknowledged):
            st.caption(f"Acknowledge the {len(acknowledged) - sum(acknowledged)} remaining "
                       "group(s) above to sign.")
        if st.button("Sign off", type="primary", key=f"sign-{view.draft_id}",
                     disabled=not ready):
            service.sign_off_as(settings, view.draft_id, user.display_name, user.credentials)
            state.flash("success", f"Draft {view.draft_id} signed off by {user.display_name}"
                        + (f", {user.credentials}" if user.credentials else "") + ".")
            st.rerun()


render()
