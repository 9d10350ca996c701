"""The fact review of the Intake page: one fact at a time, beside the page it cites (a PDF page
rendered with the sentence marked on it, or the page's text with the sentence marked), with
accept, reject and edit. Decisions are kept in the session (``IntakeSession``) until the case is
saved; ``drafting.intake.review`` applies them."""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st

from drafting.case.vocab import FactCategory, Laterality
from drafting.intake.packet import PacketDocument
from drafting.intake.pageview import PageImage, pdf_page_image, text_span
from drafting.intake.review import FactReview, Verdict, counts, edit, edited_fact
from drafting.intake.run import IntakeOutcome
from ui import state

FACT = "intake_fact"  # the fact under review (a widget key)
EARLIEST = dt.date(1900, 1, 1)  # a record date the date picker must still allow
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>#+|~$:])")
PAGE_STYLE = ("white-space: pre-wrap; font-family: ui-monospace, monospace; font-size: 0.85rem; "
              "line-height: 1.45; border: 1px solid #d5dae1; border-radius: 6px; padding: 10px; "
              "max-height: 640px; overflow: auto; background: #fff")


@dataclass
class IntakeSession:
    """One packet read on the Intake page and the reviewer's decisions so far."""

    outcome: IntakeOutcome
    contents: dict[str, bytes]  # each read document's uploaded bytes, by document id
    reviews: dict[str, FactReview]
    digests: dict[str, str] = field(default_factory=dict)
    saved: Path | None = None

    def __post_init__(self) -> None:
        self.digests = {d: hashlib.sha256(c).hexdigest() for d, c in self.contents.items()}

    @property
    def facts(self) -> list[dict[str, Any]]:
        return list(self.outcome.drafted.data["facts"])

    def document(self, doc_id: str) -> PacketDocument:
        return next(d for d in self.outcome.packet.documents if d.id == doc_id)


def plain(text: str) -> str:
    """Text shown through st.markdown as written (no emphasis, links, LaTeX or icons)."""
    return _MARKDOWN.sub(r"\\\1", text)


def marked_text(text: str, statement: str) -> str:
    """A page's text as HTML with the statement's span in <mark>."""
    span = text_span(text, statement)
    body = html.escape(text) if span is None else (
        html.escape(text[:span[0]]) + "<mark>" + html.escape(text[span[0]:span[1]]) + "</mark>"
        + html.escape(text[span[1]:]))
    return f'<div class="nec-page" data-marked="{str(span is not None).lower()}" ' \
           f'style="{PAGE_STYLE}">{body}</div>'


@st.cache_data(show_spinner=False, max_entries=64)
def _pdf_image(digest: str, page: int, statement: str, scanned: bool, name: str,
               _pdf: bytes) -> PageImage:
    return pdf_page_image(_pdf, page, statement, scanned, name)


def _label(session: IntakeSession, fact: dict[str, Any]) -> str:
    source = fact["source"]
    return (f"{fact['id']} · {fact['category']} · {source['document']} p. {source['page']} · "
            f"{session.reviews[fact['id']].label}")


def _go(ids: list[str], step: int) -> None:
    current = st.session_state.get(FACT)
    index = ids.index(current) if current in ids else 0
    st.session_state[FACT] = ids[(index + step) % len(ids)]


def _decide(session: IntakeSession, ids: list[str], fact_id: str, verdict: Verdict) -> None:
    session.reviews[fact_id].verdict = verdict
    session.saved = None
    _go(ids, 1)


def _values(fact: dict[str, Any]) -> str:
    parts = []
    if fact.get("laterality"):
        parts.append(f"side {fact['laterality']}")
    if fact.get("levels"):
        parts.append(f"levels {', '.join(fact['levels'])}")
    if fact.get("percent_relief") is not None:
        parts.append(f"relief {fact['percent_relief']:g} %")
    if fact.get("duration"):
        parts.append(f"duration {fact['duration']['value']:g} {fact['duration']['unit']}")
    if fact.get("dose"):
        dose = fact["dose"]
        parts.append(f"dose {dose['drug']} {dose['amount']:g} {dose['unit']} {dose['frequency']}")
    if fact.get("mme") is not None:
        parts.append(f"{fact['mme']:g} MME/day")
    parts += [f"{m['name']} {m['value']:g} {m['unit']}" for m in fact.get("measures", [])]
    if fact.get("tags"):
        parts.append(f"tags {', '.join(fact['tags'])}")
    return " · ".join(parts)


def _card(session: IntakeSession, fact: dict[str, Any], ids: list[str]) -> None:
    review = session.reviews[fact["id"]]
    shown = edited_fact(fact, review)
    dates = str(shown["date"]) + (f" to {shown['end_date']}" if shown.get("end_date") else "")
    st.markdown(f"**{fact['id']}** · {shown['category']} · {dates} · **{review.label}**")
    st.markdown(f"> {plain(shown['statement'])}")
    if values := _values(shown):
        st.caption(plain(values))
    if fact.get("proposed"):
        st.info("Proposed (by the language model or the sentence classifier, not by a rule): "
                "it counts as evidence only once accepted.")
    if review.changes:
        st.caption("Edited: " + ", ".join(sorted(review.changes)) + " (the page shows the "
                   "sentence as drafted).")
    cols = st.columns(3)
    cols[0].button("Accept", key="intake_accept", type="primary",
                   disabled=review.verdict is Verdict.accepted,
                   on_click=_decide, args=(session, ids, fact["id"], Verdict.accepted))
    cols[1].button("Reject", key="intake_reject",
                   disabled=review.verdict is Verdict.rejected,
                   on_click=_decide, args=(session, ids, fact["id"], Verdict.rejected))
    cols[2].button("Next fact", key="intake_next", on_click=_go, args=(ids, 1))
    _edit(session, fact, shown)


def _edit(session: IntakeSession, fact: dict[str, Any], shown: dict[str, Any]) -> None:
    key = fact["id"]
    sides = ["", *(s.value for s in Laterality)]
    categories = [c.value for c in FactCategory]
    with st.expander("Edit this fact"), st.form(f"intake-edit-{key}"):
        statement = st.text_area("Statement", shown["statement"], key=f"intake_statement_{key}")
        cols = st.columns(2)
        date = cols[0].date_input("Date", shown["date"], min_value=EARLIEST,
                                  max_value=dt.date.today(), key=f"intake_date_{key}")
        category = cols[1].selectbox("Category", categories,
                                     categories.index(str(shown["category"])),
                                     key=f"intake_category_{key}")
        side = cols[0].selectbox("Side", sides, sides.index(shown.get("laterality") or ""),
                                 key=f"intake_side_{key}", format_func=lambda s: s or "(none)")
        levels = cols[1].text_input("Spinal levels (e.g. L4-L5, L5-S1)",
                                    ", ".join(shown.get("levels", [])),
                                    key=f"intake_levels_{key}")
        tags = st.text_input("Finding tags (comma-separated, from drafting/case/tags.yaml)",
                             ", ".join(shown.get("tags", [])), key=f"intake_tags_{key}")
        if st.form_submit_button("Save the edit (accepts the fact)", key=f"intake_edit_{key}"):
            edit(session.reviews[key], fact, {
                "statement": statement.strip(), "date": date, "category": category,
                "laterality": side or None, "levels": _listed(levels), "tags": _listed(tags)})
            session.saved = None
            state.flash("success", f"{key}: edit kept; it is checked when the case is saved.")
            st.rerun()


def _listed(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _page(session: IntakeSession, doc: PacketDocument, number: int, statement: str) -> None:
    page = next((p for p in doc.record.pages if p.number == number), None)
    where = f"{doc.id} · {doc.path.name} · page {number} of {len(doc.record.pages)}"
    if page is None:
        st.error(f"{where}: the document has no such page")
        return
    if page.problem:
        st.warning(f"{where}: {page.problem}")
    suffix = doc.path.suffix.lower()
    if suffix == ".pdf":
        scanned = page.method == "ocr"
        with st.spinner("rendering the page" + (" and locating the sentence by OCR" if scanned
                                                else "") + " ..."):
            image = _pdf_image(session.digests[doc.id], number, statement, scanned,
                               doc.path.name, session.contents[doc.id])
        how = "scanned page, text read by OCR" if scanned else "text layer"
        found = ("the sentence is marked" if image.marked
                 else "the sentence was not located on the image: see the text read below")
        st.image(image.png, caption=f"{where} · {how} · {found}", width="stretch")
        with st.expander("Text read from this page", expanded=not image.marked):
            st.html(marked_text(page.text, statement))
        return
    if suffix in (".png", ".jpg", ".jpeg"):
        st.image(session.contents[doc.id], caption=f"{where} · scanned image", width="stretch")
    st.caption(f"{where} · text of the page, the sentence marked")
    st.html(marked_text(page.text, statement))


def render_review(session: IntakeSession) -> None:
    facts = session.facts
    tally = counts(session.reviews)
    st.subheader(f"3. Review the facts ({len(facts)})")
    st.caption(" · ".join(f"{tally[k]} {k}" for k in ("accepted", "edited", "rejected",
                                                       "pending")) + ". Facts the extractors "
               "read start accepted; facts a language model or the sentence classifier "
               "proposed start pending.")
    if not facts:
        st.warning("No fact was read from these records.")
        return
    ids = [f["id"] for f in facts]
    if st.session_state.get(FACT) not in ids:
        pending = [i for i in ids if session.reviews[i].verdict is Verdict.pending]
        st.session_state[FACT] = (pending or ids)[0]
    by_id = {f["id"]: f for f in facts}
    cols = st.columns([1, 6, 1])
    cols[0].button("Previous", key="intake_prev", on_click=_go, args=(ids, -1))
    cols[1].selectbox("Fact", ids, key=FACT, label_visibility="collapsed",
                      format_func=lambda i: _label(session, by_id[i]))
    cols[2].button("Next", key="intake_next_top", on_click=_go, args=(ids, 1))
    fact = by_id[st.session_state[FACT]]
    left, right = st.columns([1, 2], gap="medium")
    with left:
        _card(session, fact, ids)
    with right:
        _page(session, session.document(fact["source"]["document"]), fact["source"]["page"],
              fact["statement"])
