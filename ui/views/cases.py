"""Cases: open a case file (a bundled example, one saved by the Intake page, or an upload), see
its problems inline, draft it into the store with progress; and every stored draft with its
status and date."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from drafting.case import Case
from drafting.outline import plan_sections
from ui import service, state

LOADED = state.LOADED_CASE  # (name, text, case) of the case file opened this session


def _open_case() -> None:
    source = st.radio("Case file", ["Example case", "Saved by intake", "Upload a file"],
                      horizontal=True, key="case_source")
    if source == "Saved by intake":
        with state.shown_errors("settings"):
            _pick(service.saved_cases(state.settings()),
                  "No case saved yet: read a packet of records on the Intake page.",
                  "Case saved by the Intake page", "saved_case", "Open saved case",
                  "open_saved")
    elif source == "Example case":
        _pick(service.example_cases(),
              "The bundled examples are not beside this installation; upload a file.",
              "Example case (synthetic)", "example_case", "Open example", "open_example")
    else:
        upload = st.file_uploader("Case file (.yaml, .yml or .json, at most 2 MiB)",
                                  type=["yaml", "yml", "json"], key="case_upload")
        if upload is not None and st.button("Validate and open", key="open_upload"):
            _load(upload.getvalue(), upload.name)


def _pick(paths: list[Path], none: str, label: str, key: str, action: str,
          action_key: str) -> None:
    """Choose one of ``paths`` by name and open it (or say why there is nothing to choose)."""
    if not paths:
        st.info(none)
        return
    path = st.selectbox(label, paths, key=key, format_func=lambda p: p.name)
    if st.button(action, key=action_key):
        _load(Path(path).read_bytes(), str(path))


def _load(data: bytes, name: str) -> None:
    st.session_state.pop(LOADED, None)
    with state.shown_errors():
        case, text = service.read_case(data, name)
        st.session_state[LOADED] = (name, text, case)


def _loaded_case() -> None:
    loaded = st.session_state.get(LOADED)
    if loaded is None:
        return
    name, text, case = loaded
    case: Case
    st.success(f"{Path(name).name} is valid: {case.title}")
    cols = st.columns(4)
    cols[0].metric("Document type", case.document_type.value.replace("_", " "))
    cols[1].metric("Perspective", case.perspective.value)
    cols[2].metric("Facts", len(case.facts))
    cols[3].metric("Disputed items", len(case.disputed_items))
    st.dataframe([{"item": i.id, "service": i.service, "procedure": i.procedure.value,
                   "code": i.code or "", "date of service": i.date_of_service.isoformat()}
                  for i in case.disputed_items], hide_index=True, width="stretch")
    with state.shown_errors("settings"):
        settings = state.settings()
        index_built = settings.index_dir.is_dir()
        retrieval = st.checkbox(
            "Also search the guideline index for excerpts", value=index_built,
            key="draft_retrieval",
            help="Without it, each section gets the excerpts its criteria rest on. The first "
                 "search builds the index in the data directory, which takes a while.")
        if st.button(f"Draft with the {settings.backend} backend", type="primary",
                     key="draft_case"):
            _draft(settings, case, text, name, retrieval)


def _draft(settings, case: Case, text: str, name: str, retrieval: bool) -> None:  # type: ignore[no-untyped-def]
    total = len(plan_sections(case, case.document_type))
    bar = st.progress(0.0, text=f"drafting {case.id}: 0 of {total} sections")
    done: list[str] = []

    def progress(key: str, event: str) -> None:
        if event == "started":
            return
        done.append(key)
        bar.progress(min(len(done) / total, 1.0),
                     text=f"drafting {case.id}: {len(done)} of {total} sections ({key} {event})")

    searching = ("opening the guideline index (built in the data directory on first use; "
                 "this can take a few minutes) ..." if retrieval else "drafting ...")
    with state.shown_errors("drafting"), st.spinner(searching):
        draft_id = service.new_draft(settings, case, text, name, retrieval=retrieval,
                                     actor=state.reviewer(), progress=progress)
        st.session_state.pop(LOADED, None)
        state.open_next(draft_id)
        state.flash("success", f"Drafted {case.id} as draft {draft_id}: open the Draft editor.")
        st.rerun()


def _stored_drafts() -> None:
    st.subheader("Stored drafts")
    with state.shown_errors("draft store"):
        settings = state.settings()
        drafts = service.list_drafts(settings)
        st.caption(f"{len(drafts)} draft(s) in {settings.store_path}. Pick one in the sidebar.")
        if drafts:
            st.dataframe([{
                "draft": d.draft_id, "case": d.case_id,
                "document type": d.document_type.replace("_", " "),
                "created (UTC)": f"{d.created_at:%Y-%m-%d %H:%M}",
                "status": service.status_of(d), "backend": d.backend,
                "sections": d.sections, "edited": d.edited_sections,
                "failed": d.failed_sections, "signed off by": d.signed_off_by or "",
            } for d in drafts], hide_index=True, width="stretch")


def render() -> None:
    st.title("Cases")
    state.show_flash()
    _open_case()
    _loaded_case()
    _stored_drafts()


render()
