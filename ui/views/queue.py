"""Review queue: every stored draft by where it stands (awaiting review, with findings, signed,
incomplete, in progress), searchable by case, patient age and sex, procedure and date;
selecting a row opens the draft in the editor."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from ui import review_queue, state


def render() -> None:
    st.title("Review queue")
    state.show_flash()
    with state.shown_errors("review queue"):
        rows = review_queue.rows(state.settings())
        if not rows:
            st.info("No drafts stored yet: open a case on the Cases page and draft it.")
            return
        counts = {s: sum(r.status == s for r in rows) for s in review_queue.QUEUE_STATUSES}
        statuses = st.pills("Status", list(review_queue.QUEUE_STATUSES), selection_mode="multi",
                            default=["awaiting review", "with findings"], key="queue_status",
                            format_func=lambda s: f"{s} ({counts[s]})")
        left, mid, right = st.columns([3, 2, 2])
        text = left.text_input("Search case, title or procedure", key="queue_text",
                               placeholder="e.g. wc-lumbar, epidural, L5-S1")
        ages = mid.slider("Patient age", 0, 120, (0, 120), key="queue_age")
        sex = right.selectbox("Patient sex", ["any", "female", "male", "other"], key="queue_sex")
        since, until = st.columns(2)
        start = since.date_input("Drafted or service date from", None, key="queue_since")
        end = until.date_input("to", None, key="queue_until")
        chosen = [r for r in rows if (not statuses or r.status in statuses) and r.matches(
            text, None if ages == (0, 120) else ages, None if sex == "any" else sex,
            start if isinstance(start, dt.date) else None,
            end if isinstance(end, dt.date) else None)]
        st.caption(f"{len(chosen)} of {len(rows)} draft(s).")
        picked = st.dataframe([{
            "draft": r.draft_id, "case": r.case_id, "document": r.document_type,
            "status": r.status, "findings": r.findings, "patient": r.patient,
            "procedures": r.procedures, "drafted": r.created.isoformat(),
            "service dates": ", ".join(d.isoformat() for d in r.service_dates),
            "signed off by": r.signed_off_by} for r in chosen],
            hide_index=True, width="stretch", key="queue_table", on_select="rerun",
            selection_mode="single-row")
        st.caption("Select a row to open the draft in the editor.")
        selected = picked.selection.rows if picked is not None else []
        if selected:
            state.open_next(chosen[selected[0]].draft_id)
            del st.session_state["queue_table"]  # coming back shows the queue, not the draft
            st.switch_page("views/editor.py")


render()
