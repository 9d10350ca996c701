"""Case facts: the facts of the open draft's case (filter by category, date and document), the
record inventory with packet status, and the disputed items."""

from __future__ import annotations

import streamlit as st

from drafting.case import Case
from drafting.context import fact_label
from ui import state


def _facts(case: Case) -> None:
    st.subheader(f"Facts ({len(case.facts)})")
    cols = st.columns([2, 2, 3])
    categories = sorted({f.category.value for f in case.facts})
    chosen = cols[0].multiselect("Category", categories, key="fact_categories",
                                 placeholder="all categories")
    documents = {d.id: f"{d.id}: {d.title}" for d in case.documents}
    picked = cols[1].multiselect("Document", list(documents), key="fact_documents",
                                 format_func=documents.get, placeholder="all documents")
    first, last = min(f.date for f in case.facts), max(f.date for f in case.facts)
    span = cols[2].date_input("Dates", (first, last), min_value=first, max_value=last,
                              key="fact_dates")
    start, end = (span if isinstance(span, tuple | list) and len(span) == 2 else (first, last))
    rows = [{"id": f.id, "date": f.date.isoformat(), "category": f.category.value,
             "statement": f.statement, "source": fact_label(case, f),
             "side": f.laterality.value if f.laterality else "", "levels": ", ".join(f.levels),
             "tags": ", ".join(f.tags), "proposed": "yes" if f.proposed else ""}
            for f in case.facts
            if (not chosen or f.category.value in chosen)
            and (not picked or f.source.document in picked) and start <= f.date <= end]
    st.caption(f"{len(rows)} of {len(case.facts)} facts shown")
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"statement": st.column_config.TextColumn(width="large")})


def _inventory(case: Case) -> None:
    st.subheader("Record inventory")
    missing = [d for d in case.documents if not d.included]
    if missing:
        st.warning("Cited in the record but not in the packet (submission gaps): "
                   + "; ".join(f"{d.id} {d.title} ({d.date})" for d in missing))
    st.dataframe([{"id": d.id, "type": d.type.value.replace("_", " "), "date": d.date.isoformat(),
                   "title": d.title, "author": d.author or "", "pages": d.pages,
                   "in packet": "yes" if d.included else "NO (missing)"}
                  for d in case.documents], hide_index=True, width="stretch")


def _items(case: Case) -> None:
    st.subheader("Disputed items")
    for item in case.disputed_items:
        with st.container(border=True):
            st.markdown(f"**{item.id}** {item.service} · {item.procedure.value}"
                        + (f" · CPT/HCPCS {item.code}" if item.code else "")
                        + f" · date of service {item.date_of_service}")
            decision = item.prior_decision or case.prior_decision
            if decision is not None:
                st.caption(f"Prior decision: {decision.decision.value} on {decision.date} by "
                           f"{decision.decided_by}: {decision.reason}")


def render() -> None:
    view = state.open_draft_page("Case facts")
    if view is None:
        return
    with state.shown_errors():
        case = view.case
        st.caption(f"{case.title} · {case.setting.value.replace('_', ' ')} · {case.jurisdiction}"
                   f" · patient {case.patient.age} {case.patient.sex.value} · "
                   + "; ".join(f"{d.code} {d.text}" if d.code else d.text
                             for d in case.diagnoses))
        _facts(case)
        _inventory(case)
        _items(case)


render()
