"""The draft as Markdown: footnote references ``[^n]`` and a Notes list of endnotes."""

from __future__ import annotations

from pathlib import Path

from drafting.atomic_files import write_text_atomic
from drafting.draft import Draft
from drafting.export.citations import as_text, resolve_citations
from drafting.export.layout import (
    NOTES_TITLE,
    OVERRIDES_TITLE,
    PROBLEMS_TITLE,
    SIGNATURE_LINES,
    SIGNATURE_TITLE,
    metadata,
    needs_signature,
    note_text,
    override_text,
    problem_text,
    section_heading,
)


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def to_markdown(draft: Draft) -> str:
    footnoted = resolve_citations(draft)
    parts = [f"# {draft.title}"]
    if draft.label:
        parts.append(_quote(draft.label))
    parts.append(" · ".join(f"**{name}:** {value}" for name, value in metadata(draft)))
    for number, (section, pieces) in enumerate(zip(draft.sections, footnoted.sections,
                                                   strict=True), start=1):
        parts.append(f"## {section_heading(number, section.title)}")
        parts.append(as_text(pieces, lambda ref: f"[^{ref.number}]").strip())
    if draft.overrides:
        parts.append(f"## {OVERRIDES_TITLE}")
        parts.append("\n".join(f"- {override_text(o)}" for o in draft.overrides))
    if footnoted.problems:
        parts.append(f"## {PROBLEMS_TITLE}")
        parts.append("\n".join(f"- {problem_text(p)}" for p in footnoted.problems))
    if footnoted.notes:
        parts.append(f"## {NOTES_TITLE}")
        parts.append("\n".join(f"[^{n.number}]: {note_text(n)}" for n in footnoted.notes))
    if needs_signature(draft):
        parts.append(f"## {SIGNATURE_TITLE}")
        parts.extend(SIGNATURE_LINES)
    return "\n\n".join(parts) + "\n"


def write_markdown(draft: Draft, path: Path) -> Path:
    return write_text_atomic(path, to_markdown(draft))
