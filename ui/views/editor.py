"""Draft editor: the sections in order, each with its citations as chips (fact statement with
document and page, or excerpt text with guideline citation) and its eval findings flagged on the
sentence they concern. Per section: edit (saved as a new version with author and reason) and
regenerate with the chosen backend (a new version too: an edit is never discarded)."""

from __future__ import annotations

import streamlit as st

from drafting.draft import SectionDraft
from evals.findings import Finding
from evals.report import Report
from ui import service, state
from ui.chips import FINDING_ICON, section_html, sentence_anchor


def _findings(section: SectionDraft, findings: list[Finding]) -> None:
    for f in findings:
        where = (f"[sentence {f.sentence + 1}](#{sentence_anchor(section.key, f.sentence)})"
                 if f.sentence is not None else "section")
        quote = f" — _“{f.text[:160]}”_" if f.text else ""
        show = st.error if f.severity == "error" else st.warning
        show(f"**{f.check}** at {where}: {f.message}{quote}", icon=FINDING_ICON)


def _edit(view: service.OpenDraft, section: SectionDraft, version: int) -> None:
    with st.expander("Edit this section"), st.form(f"edit-{section.key}-v{version}"):
        text = st.text_area("Text (keep the [F..] and [G:..] markers)", section.text, height=220,
                            key=f"edit_text_{section.key}_v{version}")
        reason = st.text_input("Reason for the edit (required)",
                               key=f"edit_reason_{section.key}_v{version}")
        if st.form_submit_button("Save as a new version", key=f"edit_save_{section.key}"):
            if not reason.strip():
                st.error("A reason is required: it goes in the history with your name.")
                return
            with state.shown_errors(f"edit {section.key}"):
                saved, invalid = service.save_edit(state.settings(), view.draft_id,
                                                      section.key, text, state.reviewer(), reason)
                state.flash("success", f"{section.title}: saved as version {saved} by "
                            f"{state.reviewer()}.")
                for problem in invalid:
                    state.flash("warning", f"{section.key}: invalid citation {problem}")
                st.rerun()


def _regenerate(view: service.OpenDraft, section: SectionDraft, backend: str) -> None:
    with st.expander(f"Regenerate with {backend}"):
        reason = st.text_input("Reason (required)", key=f"regen_reason_{section.key}")
        st.caption("The current version stays in the history; the new text becomes the next "
                   "version. Reviewer overrides are applied.")
        if st.button("Regenerate this section", key=f"regen_{section.key}"):
            if not reason.strip():
                st.error("A reason is required: it goes in the history with your name.")
                return
            with state.shown_errors(f"regenerate {section.key}"), st.spinner(
                    f"regenerating {section.key} with {backend} ..."):
                done = service.regenerate(state.settings(), view.draft_id, [section.key],
                                          state.reviewer(), reason)
                for r in done:
                    state.flash("success", f"{r.key}: version {r.version} by {backend} "
                                f"({r.section.status}); version {r.previous_version} by "
                                f"{r.previous_author} is kept.")
                st.rerun()


def _section(view: service.OpenDraft, number: int, section: SectionDraft, report: Report,
             backend: str) -> None:
    latest = view.latest(section.key)
    found = [f for f in report.findings if f.section == section.key]
    with st.container(border=True):
        st.subheader(f"{number}. {section.title}", anchor=f"section-{section.key}")
        st.caption(f"`{section.key}` · version {latest.version} by {latest.author}"
                   + (f" ({latest.reason})" if latest.reason else "")
                   + f" · {latest.created_at:%Y-%m-%d %H:%M} UTC · {len(section.citations)} "
                   f"citation(s) · {len(found)} eval finding(s)")
        if section.status == "failed":
            st.error(f"This section failed: {section.error}. Edit it or regenerate it.")
        st.html(section_html(section, view.draft, view.case, service.excerpts(), found))
        _findings(section, found)
        left, right = st.columns(2)
        with left:
            _edit(view, section, latest.version)
        with right:
            _regenerate(view, section, backend)


def render() -> None:
    view = state.open_draft_page("Draft editor")
    if view is None:
        return
    with state.shown_errors():
        settings = state.settings()
        report = service.evaluate(settings, view)
        st.caption(f"{view.draft.title} · {view.case.title} · drafted by "
                   f"{view.draft.provenance.backend} ({view.draft.provenance.model})")
        if view.draft.label:
            st.info(view.draft.label)
        cols = st.columns(4)
        cols[0].metric("Sections", len(view.draft.sections))
        cols[1].metric("Citations", report.citations)
        cols[2].metric("Eval errors", len(report.errors))
        cols[3].metric("Eval warnings", len(report.findings) - len(report.errors))
        st.caption("Citation chips: blue = a fact of the record, green = a guideline excerpt, "
                   "red = invalid. Hover for the source; click to open it.")
        for number, section in enumerate(view.draft.sections, start=1):
            _section(view, number, section, report, settings.backend)


render()
