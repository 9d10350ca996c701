"""The draft as a Word document: Heading 1 title, Heading 2 numbered sections, superscript
endnote numbers in the text and a Notes list (python-docx has no footnote API)."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from drafting.atomic_files import write_bytes_atomic
from drafting.draft import Draft
from drafting.export.citations import Ref, Unresolved, resolve_citations
from drafting.export.layout import (
    NOTES_TITLE,
    OVERRIDES_TITLE,
    PROBLEMS_TITLE,
    SIGNATURE_LINES,
    SIGNATURE_TITLE,
    Span,
    Strong,
    blocks,
    metadata_line,
    needs_signature,
    note_text,
    override_text,
    problem_text,
    ref_text,
    section_heading,
)

_RED = RGBColor(0xB0, 0x00, 0x20)


def _frame(paragraph: Paragraph, fill: str = "EEEEEE", line: str = "999999") -> None:
    """Shade the paragraph and draw a box around it (pBdr must precede shd in pPr)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        edge = OxmlElement(f"w:{side}")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "4"), ("color", line)):
            edge.set(qn(f"w:{key}"), value)
        borders.append(edge)
    shading = OxmlElement("w:shd")
    for key, value in (("val", "clear"), ("color", "auto"), ("fill", fill)):
        shading.set(qn(f"w:{key}"), value)
    ppr.append(borders)
    ppr.append(shading)


def _add_pieces(paragraph: Paragraph, pieces: list[Span]) -> None:
    for piece, previous in zip(pieces, [None, *pieces], strict=False):
        if isinstance(piece, Ref):
            paragraph.add_run(ref_text(piece, previous)).font.superscript = True
        elif isinstance(piece, Unresolved):
            run = paragraph.add_run(piece.text)
            run.bold = True
            run.font.color.rgb = _RED
        elif isinstance(piece, Strong):
            paragraph.add_run(piece.text).bold = True
        else:
            paragraph.add_run(piece)


def build_docx(draft: Draft) -> DocxDocument:
    footnoted = resolve_citations(draft)
    document = Document()
    document.core_properties.title = draft.title
    document.add_heading(draft.title, level=1)
    if draft.label:
        label = document.add_paragraph()
        label.add_run(draft.label).italic = True
        _frame(label)
    info = document.add_paragraph().add_run(metadata_line(draft))
    info.font.size = Pt(9)
    for number, (section, pieces) in enumerate(zip(draft.sections, footnoted.sections,
                                                   strict=True), start=1):
        document.add_heading(section_heading(number, section.title), level=2)
        for block in blocks(pieces):
            style = "List Bullet" if block.kind == "bullet" else None
            _add_pieces(document.add_paragraph(style=style), block.pieces)
    if draft.overrides:
        document.add_heading(OVERRIDES_TITLE, level=2)
        for override in draft.overrides:
            document.add_paragraph(override_text(override), style="List Bullet")
    if footnoted.problems:
        document.add_heading(PROBLEMS_TITLE, level=2)
        for problem in footnoted.problems:
            run = document.add_paragraph(style="List Bullet").add_run(problem_text(problem))
            run.font.color.rgb = _RED
    if footnoted.notes:
        document.add_heading(NOTES_TITLE, level=2)
        for note in footnoted.notes:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{note.number}. ").bold = True
            paragraph.add_run(note_text(note))
    if needs_signature(draft):
        document.add_heading(SIGNATURE_TITLE, level=2)
        for line in SIGNATURE_LINES:
            document.add_paragraph(line)
    return document


def to_docx(draft: Draft, path: Path) -> Path:
    """Build the whole document in memory, then write it atomically."""
    buffer = io.BytesIO()
    build_docx(draft).save(buffer)
    return write_bytes_atomic(path, buffer.getvalue())
