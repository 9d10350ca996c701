"""Export: the reviewed draft (latest versions, overrides listed) as DOCX, PDF, Markdown or
JSON to download, after a warning that lists the eval errors still unresolved."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from drafting.service import FORMAT_MEDIA_TYPES
from drafting.settings import Settings
from ui import service, state

MIME = FORMAT_MEDIA_TYPES
WRITTEN = "exported_files"


def _unresolved(view: service.OpenDraft, settings: Settings) -> None:
    report = service.evaluate(settings, view)
    errors = report.errors
    if not errors:
        st.success("No unresolved eval errors: every check is clean on the latest versions.")
        return
    titles = {s.key: s.title for s in view.draft.sections}
    lines = [f"- **{titles.get(f.section, f.section)}**"
             + (f", sentence {f.sentence + 1}" if f.sentence is not None else "")
             + f" · {f.check}: {f.message}" for f in errors]
    st.warning(f"{len(errors)} unresolved eval error(s) in this draft; resolve them in the Draft "
               "editor (edit or regenerate) before you sign, or export knowing they are there:"
               "\n\n" + "\n".join(lines))


def _sign_off(view: service.OpenDraft) -> None:
    """Whether the draft is signed off; signing is on the Sign-off page (with its checklist)."""
    summary = view.summary
    if summary.signed_off_by and summary.signed_off_at:
        st.success(f"Signed off by {summary.signed_off_by}"
                   + (f", {summary.signer_credentials}" if summary.signer_credentials else "")
                   + f" at {summary.signed_off_at:%Y-%m-%d %H:%M} UTC. Any later edit, override "
                   "or regeneration voids this sign-off.")
        return
    st.caption("Not signed off: sign it on the Sign-off page (after its checklist). Overrides "
               "are listed in every export.")
    st.page_link("views/signoff.py", label="Sign-off")


def render() -> None:
    view = state.open_draft_page("Export")
    if view is None:
        return
    draft_id = view.draft_id
    with state.shown_errors():
        settings = state.settings()
        _unresolved(view, settings)
        _sign_off(view)
        formats = st.multiselect("Formats", list(service.EXPORT_FORMATS), default=["docx", "pdf",
                                 "md"], format_func=service.EXPORT_FORMATS.get,
                                 key="export_formats")
        if st.button("Export", type="primary", key="export_go", disabled=not formats):
            written = service.export(settings, draft_id, formats, state.reviewer())
            st.session_state[WRITTEN] = (draft_id, {k: str(v) for k, v in written.items()})
            where = settings.data_dir / "exports" / draft_id
            st.success(f"Exported {', '.join(written)} to {where} (recorded in the audit log).")
        done = st.session_state.get(WRITTEN)
        if done and done[0] == draft_id:
            cols = st.columns(len(done[1]))
            for col, (kind, path) in zip(cols, done[1].items(), strict=True):
                file = Path(path)
                col.download_button(f"Download {service.EXPORT_FORMATS[kind]}", file.read_bytes(),
                                    file_name=file.name, mime=MIME[kind], key=f"download_{kind}")


render()
