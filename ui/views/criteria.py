"""Criteria: for each disputed item, each criterion's result with its evidence facts and the
guideline excerpts it rests on; and overriding a criterion or an outcome, with a reason that is
required, stored and audited."""

from __future__ import annotations

import streamlit as st

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.context import fact_label
from drafting.criteria.results import CriterionResult, ItemResult, Status
from ui import section_edit, service, state

STATUS_ICON = {"met": ":material/check_circle:", "not_met": ":material/cancel:",
               "undocumented": ":material/help:"}
STATUS_COLOR = {"met": "green", "not_met": "red", "undocumented": "orange"}
OUTCOME = "(the item's outcome)"


def _label(value: str | None) -> str:
    return (value or "none").replace("_", " ")


def _fact_lines(case: Case, ids: list[str], mark: str) -> list[str]:
    facts = {f.id: f for f in case.facts}
    return [f"- {mark} **{i}** {facts[i].statement} _({fact_label(case, facts[i])})_"
            if i in facts else f"- {mark} **{i}** (not a fact of this case)" for i in ids]


def _criterion(view: service.OpenDraft, criterion: CriterionResult, engine: str | None) -> None:
    status = criterion.status.value
    overridden = engine is not None and engine != status
    title = (f"{criterion.criterion_id}: :{STATUS_COLOR[status]}[**{_label(status)}**]"
             + (f" (reviewer override; engine: {_label(engine)})" if overridden else "")
             + ("" if criterion.required else " · decides if contradicted"
                if criterion.decides_if_contradicted else " · supporting"))
    with st.expander(title, icon=STATUS_ICON[status]):
        st.markdown(f"**{criterion.statement}**")
        st.write(criterion.reason)
        for note in criterion.notes:
            st.caption(note)
        if criterion.gap is not None:
            st.warning(f"{criterion.gap.value} gap" + (
                f": not in the packet: {', '.join(criterion.missing_documents)}"
                if criterion.missing_documents else ""))
        evidence = (_fact_lines(view.case, criterion.supporting_facts, "supports:")
                    + _fact_lines(view.case, criterion.contradicting_facts, "contradicts:"))
        st.markdown("**Evidence facts**\n\n" + ("\n".join(evidence) or "_none in the record_"))
        excerpts = service.excerpts()
        basis = [excerpts[e] for e in criterion.basis if e in excerpts]
        st.markdown("**Guideline basis** (in force on the date of service)"
                    + ("" if basis else "\n\n_none in force_"))
        for excerpt in basis:
            st.markdown(f"> {excerpt.text}\n>\n> — _{excerpt.citation}_ `G:{excerpt.id}`")


def _item(view: service.OpenDraft, item: ItemResult) -> None:
    engine_item = next((i for i in view.engine.criteria if i.item_id == item.item_id), None)
    engine_outcome = engine_item.outcome.value if engine_item and engine_item.outcome else None
    outcome = item.outcome.value if item.outcome else None
    with st.container(border=True):
        st.subheader(f"{item.item_id} · {item.service}")
        st.markdown(f"Outcome: **{_label(outcome)}** ({item.confidence})"
                    + (f" · engine: {_label(engine_outcome)}" if engine_outcome != outcome
                       else "") + (f" · criteria set: {item.criteria_title}"
                                   if item.criteria_title else ""))
        st.caption(item.summary)
        if item.request_type:
            st.caption(f"Request type: {_label(item.request_type.value)} "
                       f"({item.request_type_basis})")
        if item.missing_documents:
            st.warning("Cited in the record but not in the packet: "
                       f"{', '.join(item.missing_documents)}")
        engine = {c.criterion_id: c.status.value
                  for c in (engine_item.criteria if engine_item else [])}
        for criterion in item.criteria:
            _criterion(view, criterion, engine.get(criterion.criterion_id))


def _override_form(view: service.OpenDraft) -> None:
    st.subheader("Override a result")
    st.caption("A reason is required. The override is stored with the engine's value and "
               "audited; the stored text is unchanged until you regenerate the sections that "
               "rest on the item.")
    items = {i.item_id: i for i in view.draft.criteria}
    cols = st.columns(3)
    item_id = cols[0].selectbox("Item", list(items), key="ov_item",
                                format_func=lambda i: f"{i}: {items[i].service}")
    targets = [OUTCOME, *(c.criterion_id for c in items[item_id].criteria)]
    target = cols[1].selectbox("What", targets, key="ov_target")
    values = [o.value for o in Outcome] if target == OUTCOME else [s.value for s in Status]
    value = cols[2].selectbox("New value", values, key="ov_value", format_func=_label)
    reason = st.text_area("Reason (required, kept in the history)", key="ov_reason")
    confirmed = section_edit.void_confirmed(view, "Recording this override",
                                            f"void-ok-override-{view.draft_id}")
    if st.button("Record override", type="primary", key="ov_submit", disabled=not confirmed):
        if not reason.strip():
            st.error("The reason is required: say why the record supports this value.")
            return
        with state.shown_errors("override"):
            criterion = None if target == OUTCOME else target
            record, keys = service.override(state.settings(), view.draft_id, item_id, criterion,
                                            value, reason, state.reviewer())
            st.session_state["ov_affected"] = (item_id, keys, reason.strip())
            what = "outcome" if criterion is None else f"criterion {criterion}"
            state.flash("success", f"{item_id} {what} overridden to {_label(record.value)} by "
                        f"{record.author}.")
            st.rerun()


def _affected(view: service.OpenDraft) -> None:
    pending = st.session_state.get("ov_affected")
    if not pending:
        return
    item_id, keys, reason = pending
    st.info(f"Sections resting on {item_id}: {', '.join(keys)}. Their stored text does not "
            "reflect the override until they are regenerated. Regenerating makes proposals: "
            "each is shown beside the current text in the Draft editor, to accept or discard "
            "(your edits are never replaced unseen).")
    if st.button(f"Propose regenerations of the {len(keys)} affected sections",
                 key="ov_regenerate"):
        with state.shown_errors("regenerate"), st.spinner("regenerating ..."):
            settings, user = state.settings(), state.user()
            made = [service.propose(settings, user.username, view.draft_id, key,
                                    view.latest(key).version,
                                    f"carry the override of {item_id}: {reason}")
                    for key in keys]
            st.session_state.pop("ov_affected", None)
            failed = [m.key for m in made if m.status == "failed"]
            state.flash("success", f"{len(made) - len(failed)} proposal(s) to review in the "
                        "Draft editor." + (f" Failed (current text kept): {', '.join(failed)}."
                                           if failed else ""))
            st.rerun()


def render() -> None:
    view = state.open_draft_page("Criteria")
    if view is None:
        return
    with state.shown_errors():
        if not view.draft.criteria:
            st.warning(f"Draft {view.draft_id} has not finished: it has no criteria results yet.")
            return
        st.caption(f"{view.case.title} · {len(view.overrides)} override(s) recorded")
        _affected(view)
        for item in view.draft.criteria:
            _item(view, item)
        _override_form(view)


render()
