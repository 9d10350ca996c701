"""History: every version of each section (who, when, why) with a side-by-side diff of any two,
and the draft's audit log."""

from __future__ import annotations

import streamlit as st

from drafting.store import AuditEntry
from ui import service, state
from ui.diffview import side_by_side


def _versions(view: service.OpenDraft) -> None:
    st.subheader("Section versions")
    keys = [s.key for s in view.draft.sections]
    titles = {s.key: s.title for s in view.draft.sections}
    edited = [k for k in keys if len(view.versions(k)) > 1]
    key = st.selectbox("Section", keys, key="hist_section",
                       index=keys.index(edited[0]) if edited else 0,
                       format_func=lambda k: f"{titles[k]} ({len(view.versions(k))} version(s))")
    versions = view.versions(key)
    st.dataframe([{"version": h.version, "author": h.author, "reason": h.reason or "",
                   "time (UTC)": f"{h.created_at:%Y-%m-%d %H:%M:%S}", "status": h.status}
                  for h in versions], hide_index=True, width="stretch")
    if len(versions) < 2:
        st.caption("Only one version: nothing to compare yet.")
        return
    numbers = [h.version for h in versions]
    cols = st.columns(2)
    old = cols[0].selectbox("From version", numbers, index=len(numbers) - 2,
                            key=f"hist_from_{key}")
    new = cols[1].selectbox("To version", numbers, index=len(numbers) - 1, key=f"hist_to_{key}")
    old_text, new_text, unified = service.diff(state.settings(), view.draft_id, key, old, new)
    by = {h.version: h.author for h in versions}
    st.html(side_by_side(old_text, new_text, f"v{old} ({by[old]})", f"v{new} ({by[new]})"))
    with st.expander("Unified diff"):
        st.code(unified or "no differences", language="diff")


def _what(entry: AuditEntry) -> str:
    d = entry.detail
    if "key" in d:
        text = f"{d['key']} v{d['version']}" if "version" in d else str(d["key"])
        if "previous_version" in d:
            text += f" (previous v{d['previous_version']} kept)"
        return text
    if "item_id" in d:
        target = f"criterion {d['criterion_id']}" if d.get("criterion_id") else "outcome"
        return f"{d['item_id']} {target}: {d.get('engine_value')} -> {d['value']}"
    if entry.action == "exported":
        return f"{d['format']}: {d['path']}"
    if "case_id" in d:
        return f"case {d['case_id']} ({d.get('backend')}, {d.get('model')})"
    return ", ".join(f"{k}={v}" for k, v in d.items()
                     if k != "reason" and not isinstance(v, dict | list))


def _audit(draft_id: str) -> None:
    st.subheader("Audit log")
    entries = service.audit(state.settings(), draft_id)
    st.caption(f"{len(entries)} entries, oldest first. The log is append-only.")
    st.dataframe([{"time (UTC)": f"{e.at:%Y-%m-%d %H:%M:%S}",
                   "who": f"{e.stated_author} ({e.actor})" if e.stated_author else e.actor,
                   "action": e.action.replace("_", " "), "what": _what(e),
                   "reason": e.detail.get("reason") or ""} for e in entries],
                 hide_index=True, width="stretch")


def render() -> None:
    view = state.open_draft_page("History")
    if view is None:
        return
    with state.shown_errors():
        _versions(view)
        _audit(view.draft_id)


render()
