"""The draft as a Word document: the letter's head (letterhead, date, addressee and re-line),
Heading 1 title, Heading 2 numbered sections, superscript endnote numbers in the text, the
signature block, a Notes list (python-docx has no footnote API), and the draft's information
page (the offline notice boxed, the metadata and the required elements) on a page of its own."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from drafting.atomic_files import write_bytes_atomic
from drafting.draft import Draft
from drafting.export.citations import Ref, Unresolved, resolve_citations
from drafting.export.layout import (
    ELEMENTS_TITLE,
    INFO_TITLE,
    NOTES_TITLE,
    OVERRIDES_TITLE,
    PROBLEMS_TITLE,
    SIGNATURE_TITLE,
    Letterhead,
    Span,
    Strong,
    as_signed,
    blocks,
    element_lines,
    information,
    is_note,
    letter_date,
    load_letterhead,
    note_text,
    numbered,
    override_text,
    problem_text,
    ref_text,
    section_heading,
    signature_after,
    signature_lines,
)

_RED = RGBColor(0xB0, 0x00, 0x20)
_NOTE = RGBColor(0x96, 0x46, 0x00)


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


def build_docx(draft: Draft, letterhead: Letterhead | None = None, *,
               find_letterhead: bool = True) -> DocxDocument:
    if letterhead is None and find_letterhead:
        letterhead = load_letterhead()
    shown = as_signed(draft)
    footnoted = resolve_citations(shown)
    document = Document()
    document.core_properties.title = shown.title
    if letterhead:
        for n, line in enumerate(letterhead.lines):
            run = document.add_paragraph().add_run(line)
            run.bold = n == 0
            run.font.size = Pt(12 if n == 0 else 9)
    document.add_paragraph(letter_date(shown))
    numbers = numbered(shown)
    for index, number in enumerate(numbers):
        if number is None:
            for block in blocks(footnoted.sections[index]):
                _add_pieces(document.add_paragraph(), block.pieces)
    document.add_heading(shown.title, level=1)
    sign_after = signature_after(shown)
    for index, (section, pieces) in enumerate(zip(shown.sections, footnoted.sections,
                                                  strict=True)):
        number = numbers[index]
        if number is not None:
            document.add_heading(section_heading(number, section.title), level=2)
            for block in blocks(pieces):
                style = "List Bullet" if block.kind == "bullet" else None
                paragraph = document.add_paragraph(style=style)
                _add_pieces(paragraph, block.pieces)
                if is_note(block):  # a note to the physician, in its own colour
                    for run in paragraph.runs:
                        if not run.font.superscript:
                            run.font.color.rgb = _NOTE
        if index == sign_after:
            if section.kind != "signature":
                document.add_heading(SIGNATURE_TITLE, level=2)
            for line in signature_lines(shown):
                document.add_paragraph(line)
    if shown.overrides:
        document.add_heading(OVERRIDES_TITLE, level=2)
        for override in shown.overrides:
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
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_heading(INFO_TITLE, level=2)
    if shown.label:
        label = document.add_paragraph()
        label.add_run(shown.label).italic = True
        _frame(label)
    for name, value in information(shown, letterhead):
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(f"{name}: ").bold = True
        paragraph.add_run(value).font.size = Pt(9)
    document.add_heading(ELEMENTS_TITLE, level=3)
    for line in element_lines(shown):
        run = document.add_paragraph(style="List Bullet").add_run(line)
        if ": missing." in line:
            run.font.color.rgb = _RED
    return document


def to_docx(draft: Draft, path: Path) -> Path:
    """Build the whole document in memory, then write it atomically."""
    buffer = io.BytesIO()
    build_docx(draft).save(buffer)
    return write_bytes_atomic(path, buffer.getvalue())
