"""Draft editor: the sections in order, each with its citations as chips (fact statement with
document and page, or excerpt text with guideline citation) and its eval findings flagged on the
sentence they concern; beside them, the record panel (the page a cited fact was read from). Per
section: edit (``ui.section_edit``: unsaved text kept per user and draft, a stale save refused
with the difference, a size limit, a warning before voiding a sign-off) and regenerate as a
proposal shown as a diff, accepted or discarded."""

from __future__ import annotations

import streamlit as st

from drafting.draft import SectionDraft
from drafting.store.unsaved import Unsaved
from evals.findings import Finding
from evals.report import Report
from ui import record_panel, section_edit, service, state
from ui.chips import FINDING_ICON, section_html, sentence_anchor
from ui.diffview import CSS as DIFF_CSS


def _findings(section: SectionDraft, findings: list[Finding]) -> None:
    for f in findings:
        where = (f"[sentence {f.sentence + 1}](#{sentence_anchor(section.key, f.sentence)})"
                 if f.sentence is not None else "section")
        quote = f" — _“{f.text[:160]}”_" if f.text else ""
        show = st.error if f.severity == "error" else st.warning
        show(f"**{f.check}** at {where}: {f.message}{quote}", icon=FINDING_ICON)


def _section(view: service.OpenDraft, number: int, section: SectionDraft, report: Report,
             backend: str, kept: dict[tuple[str, str], Unsaved]) -> None:
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
        section_edit.edit(view, section, latest, kept.get((section.key, "edit")))
        section_edit.regenerate(view, section, latest, kept.get((section.key, "proposal")),
                                backend)


def render() -> None:
    view = state.open_draft_page("Draft editor")
    if view is None:
        return
    with state.shown_errors():
        settings = state.settings()
        report = service.evaluate(settings, view)
        kept = service.unsaved(settings, state.user().username, view.draft_id)
        st.html(DIFF_CSS)
        st.caption(f"{view.draft.title} · {view.case.title} · drafted by "
                   f"{view.draft.provenance.backend} ({view.draft.provenance.model})")
        if view.draft.label:
            st.info(view.draft.label)
        if view.summary.signed_off_by:
            st.success(f"Signed off by {view.summary.signed_off_by}"
                       + (f", {view.summary.signer_credentials}"
                          if view.summary.signer_credentials else "")
                       + f" at {view.summary.signed_off_at:%Y-%m-%d %H:%M} UTC. Any change "
                       "voids the sign-off (you are warned first).")
        if kept:
            st.warning(f"You have unsaved text in {len(kept)} place(s) of this draft: "
                       + ", ".join(f"{k} ({kind})" for k, kind in sorted(kept)) + ".")
        cols = st.columns(4)
        cols[0].metric("Sections", len(view.draft.sections))
        cols[1].metric("Citations", report.citations)
        cols[2].metric("Eval errors", len(report.errors))
        cols[3].metric("Eval warnings", len(report.findings) - len(report.errors))
        st.caption("Citation chips: blue = a fact of the record, green = a guideline excerpt, "
                   "red = invalid. Hover for the source; click a blue chip to show its page in the "
                   "Record panel.")
        # a record with page images gets half the width, so that a page's lines are legible
        text, side = st.columns([1, 1] if service.has_page_images(settings, view.case)
                                else [5, 2])
        with side, st.container(border=True):
            record_panel.render(view)
        with text:
            for number, section in enumerate(view.draft.sections, start=1):
                _section(view, number, section, report, settings.backend, kept)


render()
