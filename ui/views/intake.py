"""Intake: upload a packet of records (PDF, scanned PDF, DOCX, text), read it with the intake
pipeline (record inventory, page-anchored facts, disputed items), review each fact beside the
page it cites, and save the case file where the Cases page opens it (its PDF records are kept
beside the draft store, so the Draft editor's record panel can show their pages)."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from drafting.case import CaseFileError
from drafting.case.vocab import DocumentType, Perspective, Setting
from drafting.intake.casefile import write_valid
from drafting.intake.review import (
    Verdict,
    initial_reviews,
    naming_facts,
    review_header,
    reviewed_data,
)
from drafting.intake.run import case_id_for, inventory, run_intake_uploads
from ui import service, state
from ui.intake_items import render_items
from ui.intake_review import FACT, IntakeSession, render_review

SESSION = "intake"  # the IntakeSession of the packet read last
CASE_ID = "intake_case_id"
UPLOAD_TYPES = ["pdf", "docx", "txt", "text", "md", "png", "jpg", "jpeg", "tif", "tiff"]
DETECT = "detect from the records"


def _read() -> None:
    st.subheader("1. Records")
    files = st.file_uploader("Record files: PDF (scanned pages are OCR'd), DOCX, text, page "
                             "images", type=UPLOAD_TYPES, accept_multiple_files=True,
                             key="intake_files")
    cols = st.columns(3)
    kind = cols[0].selectbox("Document type", [t.value for t in DocumentType],
                             index=[t.value for t in DocumentType].index("review_determination"),
                             key="intake_type")
    side = cols[1].selectbox("Perspective", [p.value for p in Perspective],
                             index=[p.value for p in Perspective].index("neutral"),
                             key="intake_perspective")
    setting = cols[2].selectbox("Setting", [DETECT, *(s.value for s in Setting)],
                                key="intake_setting")
    with state.shown_errors("settings"):
        settings = state.settings()
        use_model = settings.backend != "offline" and st.checkbox(
            f"Also ask the {settings.backend} model for facts the extractors missed",
            key="intake_model", help="Page text is de-identified before it is sent; what the "
            "model finds is proposed and counts only once you accept it.")
        if st.button("Read the records", type="primary", key="intake_run", disabled=not files):
            with st.spinner(f"reading {len(files)} record file(s); scanned pages are OCR'd ..."):
                backend = service.backend_for(settings) if use_model else None
                outcome, contents = run_intake_uploads(
                    [(f.name, f.getvalue()) for f in files],
                    case_id=case_id_for(files[0].name), document_type=DocumentType(kind),
                    perspective=Perspective(side),
                    setting=None if setting == DETECT else Setting(setting), backend=backend,
                    concurrency=settings.concurrency)
            facts = outcome.drafted.data["facts"]
            st.session_state[SESSION] = IntakeSession(outcome, contents, initial_reviews(facts))
            for key in (FACT, CASE_ID):
                st.session_state.pop(key, None)


def _inventory(session: IntakeSession) -> None:
    st.subheader("2. Record inventory")
    outcome = session.outcome
    for exc in outcome.packet.refused:
        st.error(f"**{exc.file.name}** was not read: {exc.problem}."
                 + (f" Fix: {exc.fix}" if exc.fix else ""))
    rows = inventory(outcome)
    if not rows:
        st.error("No record could be read; nothing to review.")
        return
    st.dataframe([{"id": r.id, "file": r.file, "type": r.type.replace("_", " "),
                   "date": r.date.isoformat(), "pages": r.pages,
                   "OCR pages": ", ".join(map(str, r.ocr_pages)),
                   "unreadable pages": ", ".join(str(p) for p, _ in r.unreadable),
                   "facts": r.facts} for r in rows], hide_index=True, width="stretch")
    for row in rows:
        for page, problem in row.unreadable:
            st.warning(f"{row.id} {row.file} page {page}: {problem}. The page is counted; no "
                       "fact was read from it.")
    if outcome.proposals is not None:
        p = outcome.proposals
        st.caption(f"Model pass: {p.calls} page(s) read, {len(p.facts)} fact(s) proposed, "
                   f"{len(p.rejected)} refused (not found word for word on their page).")
    for note in outcome.drafted.notes + (outcome.proposals.failed_pages
                                         if outcome.proposals else []):
        st.info(f"To check: {note}")


def _save(session: IntakeSession) -> None:
    st.subheader("4. Save the case")
    data = session.outcome.drafted.data
    with state.shown_errors("settings"):
        folder = service.cases_dir(state.settings())
    case_id = st.text_input("Case id (the file is named after it)", data["id"], key=CASE_ID)
    pending = sum(1 for r in session.reviews.values() if r.verdict is Verdict.pending)
    if pending:
        st.warning(f"{pending} proposed fact(s) not yet accepted are saved as proposed: the "
                   "criteria engine ignores them until they are accepted.")
    replace = st.checkbox("Replace a saved case of the same id", key="intake_replace")
    if st.button("Validate and save", type="primary", key="intake_save"):
        target = folder / f"{case_id.strip()}.yaml"
        with state.shown_errors("save"):
            reviewed = {**reviewed_data(data, session.reviews), "id": case_id.strip()}
            header = review_header(session.outcome.header, session.reviews, state.reviewer(),
                                   dt.date.today())
            try:
                case = write_valid(target, reviewed, header, replace)
            except CaseFileError as exc:
                raise CaseFileError(exc.file, naming_facts(exc.problems, reviewed)) from None
            session.saved = target
            pdfs = {doc: data for doc, data in session.contents.items()
                    if session.document(doc).path.suffix.lower() == ".pdf"}
            kept = service.keep_record_sources(state.settings(), case.id, pdfs)
            st.success(f"Saved {target.name}, a valid case file: {len(case.facts)} facts, "
                       f"{len(case.disputed_items)} disputed item(s), in {folder}. "
                       f"{kept} PDF record(s) kept beside the draft store, so that its drafts "
                       "show the page each fact was read from.")
    if session.saved is not None and st.button("Open it on the Cases page", key="intake_open"):
        with state.shown_errors("open"):
            text = session.saved.read_text(encoding="utf-8")
            case, text = service.read_case(text.encode("utf-8"), str(session.saved))
            st.session_state[state.LOADED_CASE] = (str(session.saved), text, case)
            st.switch_page("views/cases.py")


def render() -> None:
    st.title("Intake")
    state.show_flash()
    st.caption("Records are read on this machine, from a temporary folder removed as soon as "
               "they are read, and kept in memory for this session; saving the case keeps its "
               "PDF records beside the draft store (for the pages shown beside a draft). "
               "Synthetic records only.")
    _read()
    session = st.session_state.get(SESSION)
    if session is None:
        return
    _inventory(session)
    if session.outcome.packet.documents:
        render_review(session)
        render_items(session)
        _save(session)


render()
