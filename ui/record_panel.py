"""The record beside the sentence: a side panel of the Draft editor showing where a cited fact
comes from (the document, its date and type, the page) and what the record says on that page
(every fact of the case read from the same page). Clicking a fact's chip in the text opens
the panel on that fact (``ui.chip_clicks``); the panel's selector lists every fact the draft
cites. Where the case came through intake from a PDF, the panel shows the page itself, rendered
with the fact's sentence marked (``drafting.service.record_pages``); otherwise the text. The
choice is kept per draft."""

from __future__ import annotations

import html

import streamlit as st

from drafting.case import Case
from drafting.draft import Draft
from ui import service, state
from ui.chip_clicks import clicked_fact
from ui.service import OpenDraft

PANEL_CSS = """<style>
div[data-testid="stColumn"]:has(div.nec-record) { position: sticky; top: 3.5rem;
  align-self: flex-start; }
div.nec-record { border-left: 3px solid #2b6cb0; padding: 4px 10px; background: #f7fafc; }
div.nec-record p { margin: 0.2em 0; } div.nec-record .nec-this { background: #fff3bf; }
</style>"""


def cited_facts(draft: Draft, case: Case) -> list[str]:
    """The facts the draft cites, in the order they are first cited."""
    known = {f.id for f in case.facts}
    seen: list[str] = []
    for section in draft.sections:
        for citation in section.citations:
            if citation.kind == "fact" and citation.target in known and \
                    citation.target not in seen:
                seen.append(citation.target)
    return seen


def page_html(case: Case, fact_id: str) -> str:
    fact = next(f for f in case.facts if f.id == fact_id)
    document = case.document(fact.source.document)
    same_page = [f for f in case.facts if f.source.document == fact.source.document
                 and f.source.page == fact.source.page]
    lines = "".join(
        f'<p class="{"nec-this" if f.id == fact_id else ""}"><b>[{f.id}]</b> '
        f"{html.escape(f.date.isoformat())}: {html.escape(f.statement)}</p>" for f in same_page)
    return (f'{PANEL_CSS}<div class="nec-record" data-fact="{html.escape(fact_id)}">'
            f"<p><b>{html.escape(document.title)}</b> ({html.escape(document.id)}, "
            f"{html.escape(str(document.type))}, {document.date:%Y-%m-%d})</p>"
            f"<p>page {fact.source.page} of {document.pages}"
            + (" · not in the packet" if not document.included else "") + "</p>"
            f"<p><i>What the record says on this page:</i></p>{lines}</div>")


def render(view: OpenDraft) -> None:
    st.subheader("Record")
    facts = cited_facts(view.draft, view.case)
    key = f"record-{view.draft_id}"
    clicked = clicked_fact(view.draft_id)
    if clicked in facts:
        st.session_state[key] = clicked  # before the selector is drawn in this run
    if not facts:
        st.caption("The draft cites no fact of the record.")
        return
    statements = {f.id: f.statement for f in view.case.facts}
    chosen = st.selectbox("Source of the fact cited as", facts, key=key,
                          format_func=lambda f: f"[{f}] {statements[f][:60]}",
                          help="Every fact the draft cites (or click a blue chip in the text); "
                               "the page it was read from is shown below.")
    if chosen:
        _page_image(view, chosen)
        st.html(page_html(view.case, chosen))


def _page_image(view: OpenDraft, fact_id: str) -> None:
    """The PDF page the fact was read from, when the case came through intake from a PDF: the
    lines around the sentence (marked), and the whole page below."""
    with state.shown_errors("page image"), st.spinner("rendering the page ..."):
        page = service.fact_page(state.settings(), view.case, fact_id)
        if page is None:
            return
        where = f"{page.document} page {page.page}, as received (PDF)"
        if page.band_png is not None:
            st.image(page.band_png, caption=f"{where} · the sentence marked", width="stretch")
        else:
            st.caption(f"{where}: the sentence was not located on the image; the whole page "
                       "is below.")
        with st.expander("The whole page", expanded=page.band_png is None):
            st.image(page.page_png, caption=where, width="stretch")
