"""Export a draft as Markdown, Word, PDF and JSON, each file written atomically."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from drafting.draft import Draft
from drafting.export.docx import to_docx
from drafting.export.json_export import to_json, write_json
from drafting.export.markdown import to_markdown, write_markdown
from drafting.export.pdf import to_pdf

Writer = Callable[[Draft, Path], Path]

# Every export format, in one place: its writer, the label people see, its media type.
FORMATS: dict[str, Writer] = {
    "md": write_markdown,
    "docx": to_docx,
    "pdf": to_pdf,
    "json": write_json,
}
LABELS = {"md": "Markdown", "docx": "Word (DOCX)", "pdf": "PDF", "json": "JSON"}
MEDIA_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "json": "application/json",
}

__all__ = ["FORMATS", "LABELS", "MEDIA_TYPES", "export", "to_docx", "to_json", "to_markdown",
           "to_pdf"]


def export(draft: Draft, out_dir: Path, formats: Iterable[str]) -> dict[str, Path]:
    """Write ``<case_id>.<ext>`` in ``out_dir`` for each format; all names are checked first."""
    chosen = list(dict.fromkeys(formats))
    unknown = [name for name in chosen if name not in FORMATS]
    if unknown:
        raise ValueError(f"unknown export format(s): {', '.join(unknown)}; "
                         f"choose from {', '.join(FORMATS)}")
    out_dir = Path(out_dir)
    return {name: FORMATS[name](draft, out_dir / f"{draft.case_id}.{name}") for name in chosen}
