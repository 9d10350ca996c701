"""The parts every export format shares: the metadata line, note and problem wording, the
signature placeholder, and the split of section text into paragraphs and list items."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from drafting.draft import Draft, ReviewerOverride
from drafting.export.citations import Note, Piece, Problem, Ref
from drafting.prompting import setting_label

SIGNATURE_LINES = (
    "Reviewer name: ______________________________",
    "Credentials: ______________________________",
    "Date: ______________________________",
    "Signature: ______________________________",
)
PROBLEMS_TITLE = "Citation problems"
OVERRIDES_TITLE = "Reviewer overrides"
NOTES_TITLE = "Notes"
SIGNATURE_TITLE = "Signature"
_BULLETS = ("- ", "* ", "• ")


@dataclass(frozen=True)
class Strong:
    """Text the draft marked ``**bold**`` (the offline composer bolds criterion statements)."""

    text: str


Span = Piece | Strong


@dataclass(frozen=True)
class Block:
    kind: Literal["paragraph", "bullet"]
    pieces: list[Span]


def metadata(draft: Draft) -> list[tuple[str, str]]:
    provenance = draft.provenance
    return [
        ("Document type", draft.document_type.replace("_", " ").capitalize()),
        ("Perspective", draft.perspective.replace("_", " ")),
        ("Setting", setting_label(draft.setting)),
        ("Date", draft.created_at.date().isoformat()),
        ("Backend", f"{provenance.backend} ({provenance.model})"),
    ] + ([("Signed off", f"{draft.signed_off_by}, {draft.signed_off_at:%Y-%m-%d %H:%M} UTC"
           if draft.signed_off_at else draft.signed_off_by)] if draft.signed_off_by else [])


def override_text(override: ReviewerOverride) -> str:
    """``I1 criterion esi-2: met (engine: undocumented), by Dr. Kim on 2026-11-23: reason``."""
    what = (f"criterion {override.criterion_id}" if override.criterion_id else "outcome")
    engine = (override.engine_value or "none").replace("_", " ")
    return (f"{override.item_id} {what}: {override.value.replace('_', ' ')} (engine: {engine}), "
            f"by {override.author} on {override.at:%Y-%m-%d}: {override.reason}")


def metadata_line(draft: Draft, separator: str = " · ") -> str:
    return separator.join(f"{name}: {value}" for name, value in metadata(draft))


def needs_signature(draft: Draft) -> bool:
    """A placeholder block is added unless the outline already drafted a signature section."""
    return not any(section.kind == "signature" for section in draft.sections)


def section_heading(number: int, title: str) -> str:
    return f"{number}. {title}"


def ref_text(ref: Ref, previous: Span | None) -> str:
    """A superscript endnote number; adjacent ones are comma-separated so 4 and 2 never read 42."""
    return f",{ref.number}" if isinstance(previous, Ref) else str(ref.number)


def note_text(note: Note) -> str:
    """``F5 — MRI lumbar spine (D3), 2016-04-12, p. 1: statement`` or ``Guideline, p. 46: text``."""
    source = note.source
    label = source.label.strip()
    if source.kind == "fact":
        for prefix in (f"{note.marker}: ", f"{note.marker} — ", f"{note.marker} "):
            label = label.removeprefix(prefix)
        label = f"{note.marker} — {label}"
    return f"{label}: {source.text.strip()}"


def problem_text(problem: Problem) -> str:
    return (f"[{problem.marker}] in section {problem.section} ({problem.title}): "
            f"{problem.reason}")


def blocks(pieces: list[Piece]) -> list[Block]:
    """One block per non-empty line; lines starting with a bullet become list items."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        if not isinstance(piece, str):
            lines[-1].append(piece)
            continue
        first, *rest = piece.split("\n")
        lines[-1].append(first)
        lines.extend([part] for part in rest)
    result = []
    for line in map(_trim, lines):
        if not line:
            continue
        head = line[0]
        if isinstance(head, str) and head.startswith(_BULLETS):
            result.append(Block("bullet", _strong(_trim([head[2:], *line[1:]]))))
        else:
            result.append(Block("paragraph", _strong(line)))
    return [block for block in result if block.pieces]


def _strong(line: list[Piece]) -> list[Span]:
    """Turn balanced ``**`` pairs into Strong spans; an unbalanced line is left as written."""
    count = sum(p.count("**") for p in line if isinstance(p, str))
    if count == 0 or count % 2:
        return list(line)
    spans: list[Span] = []
    bold = False
    for piece in line:
        if not isinstance(piece, str):
            spans.append(piece)
            continue
        for index, part in enumerate(piece.split("**")):
            bold = bold if index == 0 else not bold
            if part:
                spans.append(Strong(part) if bold else part)
    return spans


def _trim(line: list[Piece]) -> list[Piece]:
    """Strip outer whitespace and drop empty strings."""
    line = [p for p in line if not isinstance(p, str) or p]
    if line and isinstance(line[0], str):
        line[0] = line[0].lstrip()
    if line and isinstance(line[-1], str):
        line[-1] = line[-1].rstrip()
    return [p for p in line if not isinstance(p, str) or p]
