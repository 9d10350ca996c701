"""Diagnoses and disputed items on the Intake page: intake may find none (or the wrong one) in a
packet, and the case cannot be saved without at least one of each. Here the reviewer adds one or
edits one found, on the page; the case file's validation at save names any field still wrong.
Changes go into the drafted case data held for this session (``IntakeSession``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st

from drafting.case.vocab import ItemStatus, ProcedureFamily
from ui.intake_review import IntakeSession

NEW = "(add a new one)"


def _diagnoses(data: dict[str, Any]) -> None:
    listed: list[dict[str, Any]] = data.setdefault("diagnoses", [])
    if not listed:
        st.warning("No diagnosis was found in the records: add one (a case needs at least one).")
    choices = [NEW, *(f"{i}: {d.get('code') or '(no code)'} {d.get('text', '')}" for i, d in
                      enumerate(listed))]
    chosen = st.selectbox("Diagnosis", choices, key="intake_dx_pick",
                          index=1 if listed else 0)
    index = None if chosen == NEW else choices.index(chosen) - 1
    current = listed[index] if index is not None else {}
    with st.form(f"intake_dx_{index}"):
        code = st.text_input("ICD-10-CM code (e.g. M54.16; empty if the record gives none)",
                             current.get("code", ""), key=f"intake_dx_code_{index}")
        text = st.text_input("Diagnosis", current.get("text", ""), key=f"intake_dx_text_{index}")
        if st.form_submit_button("Add diagnosis" if index is None else "Save diagnosis"):
            if not text.strip():
                st.error("The diagnosis's words are needed (its code only if the record gives "
                         "one).")
                return
            entry = {key: value for key, value in current.items() if key != "code"}
            entry.update({"text": text.strip(), **({"code": code.strip()} if code.strip()
                                                     else {})})
            if index is None:
                listed.append(entry)
            else:
                listed[index] = entry
            st.session_state.pop("intake_dx_pick", None)
            st.rerun()


def _item_form(data: dict[str, Any], index: int | None, current: dict[str, Any]) -> None:
    items: list[dict[str, Any]] = data["disputed_items"]
    fact_ids = [f["id"] for f in data.get("facts", [])]
    families = [p.value for p in ProcedureFamily]
    with st.form(f"intake_item_{index}"):
        left, right = st.columns(2)
        item_id = left.text_input("Item id (e.g. I1)", current.get("id") or
                                  f"I{len(items) + 1}", key=f"intake_item_id_{index}")
        service = right.text_input("Service in dispute", current.get("service", ""),
                                   key=f"intake_item_service_{index}")
        procedure = left.selectbox(
            "Procedure family", families, key=f"intake_item_proc_{index}",
            index=families.index(current["procedure"]) if current.get("procedure") in families
            else 0)
        code = right.text_input("Service code (CPT/HCPCS, optional)", current.get("code") or "",
                                key=f"intake_item_code_{index}")
        when = current.get("date_of_service")
        date = left.date_input("Date of service (or requested)",
                               dt.date.fromisoformat(str(when)) if when else None,
                               min_value=dt.date(1900, 1, 1), key=f"intake_item_date_{index}")
        status = right.selectbox("Status", [s.value for s in ItemStatus],
                                 index=[s.value for s in ItemStatus].index(
                                     current.get("status", "rendered")),
                                 key=f"intake_item_status_{index}")
        facts = st.multiselect("Facts the requesting provider relies on", fact_ids,
                               [f for f in current.get("facts", []) if f in fact_ids],
                               key=f"intake_item_facts_{index}")
        if st.form_submit_button("Add disputed item" if index is None else "Save disputed item"):
            if not item_id.strip() or not service.strip() or date is None:
                st.error("The item id, the service and the date of service are needed.")
                return
            entry = {**current, "id": item_id.strip(), "service": service.strip(),
                     "procedure": procedure, "code": code.strip() or None,
                     "date_of_service": date.isoformat(), "status": status, "facts": facts}
            if entry["code"] is None:
                entry.pop("code")
            if index is None:
                items.append(entry)
            else:
                items[index] = entry
            st.session_state.pop("intake_item_pick", None)
            st.rerun()


def _items(data: dict[str, Any]) -> None:
    items: list[dict[str, Any]] = data.setdefault("disputed_items", [])
    if not items:
        st.warning("No disputed item was found in the records: add one (a case needs at least "
                   "one).")
    choices = [NEW, *(f"{i.get('id', '?')}: {i.get('service', '')}" for i in items)]
    chosen = st.selectbox("Disputed item", choices, key="intake_item_pick",
                          index=1 if items else 0)
    index = None if chosen == NEW else choices.index(chosen) - 1
    _item_form(data, index, items[index] if index is not None else {})


def render_items(session: IntakeSession) -> None:
    st.subheader("3b. Diagnoses and disputed items")
    st.caption("Add what the records did not yield, or correct what was found; the case file's "
               "validation at save names any field still wrong.")
    data = session.outcome.drafted.data
    left, right = st.columns(2)
    with left:
        _diagnoses(data)
    with right:
        _items(data)
