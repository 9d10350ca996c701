"""The draft as a PDF (fpdf2): bookmarked headings, superscript endnote numbers, a Notes list,
page numbers in the footer and the label boxed on the first page."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from drafting.atomic_files import write_bytes_atomic
from drafting.draft import Draft
from drafting.export.citations import Ref, Unresolved, resolve_citations
from drafting.export.fonts import FontChoice, choose_font
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

BODY_SIZE, LINE = 10.5, 5.5
RED, GREY = (176, 0, 32), (100, 100, 100)


class OpinionPDF(FPDF):
    def __init__(self, font: FontChoice, footer: str) -> None:
        super().__init__(format="Letter", unit="mm")
        self.choice = font
        self.footer_text = footer
        for style, file in font.files.items():
            self.add_font(font.family, style, str(file))
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)

    def use(self, style: str = "", size: float = BODY_SIZE) -> None:
        self.set_font(self.choice.family, style, size)

    def t(self, text: str) -> str:
        return self.choice.text(text)

    def footer(self) -> None:
        self.set_y(-13)
        self.use("", 8)
        self.set_text_color(*GREY)
        self.cell(0, 5, self.t(f"{self.footer_text} — page {self.page_no()} of {{nb}}"),
                  align="C")
        self.set_text_color(0)

    def block(self, text: str, style: str = "", size: float = BODY_SIZE, height: float = LINE,
              **options: object) -> None:
        self.use(style, size)
        self.multi_cell(0, height, self.t(text), align="L", new_x="LMARGIN", new_y="NEXT",
                        **options)

    def heading(self, text: str) -> None:
        """A heading that is also an outline entry, never stranded at the foot of a page."""
        if self.will_page_break(25):
            self.add_page()
        self.ln(3)
        self.start_section(self.t(text), level=0)
        self.block(text, "B", 13, 7)
        self.ln(1.5)

    def pieces(self, pieces: list[Span]) -> None:
        for piece, previous in zip(pieces, [None, *pieces], strict=False):
            if isinstance(piece, Ref):
                self.char_vpos = "SUP"
                self.write(LINE, ref_text(piece, previous))
                self.char_vpos = "LINE"
            elif isinstance(piece, Unresolved):
                self.use("B")
                self.set_text_color(*RED)
                self.write(LINE, self.t(piece.text))
                self.set_text_color(0)
                self.use()
            elif isinstance(piece, Strong):
                self.use("B")
                self.write(LINE, self.t(piece.text))
                self.use()
            else:
                self.write(LINE, self.t(piece))

    def paragraph(self, pieces: list[Span], bullet: str | None = None,
                  indent: float = 6) -> None:
        self.use()
        left = self.l_margin
        if bullet is not None:
            self.cell(indent, LINE, self.t(bullet))
            self.set_left_margin(left + indent)
        try:
            self.pieces(pieces)
            self.ln(LINE)
        finally:
            self.set_left_margin(left)
            self.set_x(left)
        self.ln(1.5)


def build_pdf(draft: Draft, font_dir: Path | None = None) -> OpinionPDF:
    footnoted = resolve_citations(draft)
    pdf = OpinionPDF(choose_font(font_dir), f"{draft.title} · {draft.case_id}")
    pdf.set_title(pdf.t(draft.title))
    pdf.set_creator("necessity")
    pdf.add_page()
    pdf.block(draft.title, "B", 17, 8)
    pdf.ln(2)
    if draft.label:
        pdf.set_fill_color(238, 238, 238)
        pdf.set_draw_color(150, 150, 150)
        pdf.block(draft.label, "I", 9.5, 5, border=1, fill=True, padding=2.5)
        pdf.ln(2)
    pdf.set_text_color(*GREY)
    pdf.block(metadata_line(draft), "", 8.5, 4.5)
    pdf.set_text_color(0)
    for number, (section, pieces) in enumerate(zip(draft.sections, footnoted.sections,
                                                   strict=True), start=1):
        pdf.heading(section_heading(number, section.title))
        for part in blocks(pieces):
            pdf.paragraph(part.pieces, "•" if part.kind == "bullet" else None)
    if draft.overrides:
        pdf.heading(OVERRIDES_TITLE)
        for override in draft.overrides:
            pdf.paragraph([override_text(override)], "•")
    if footnoted.problems:
        pdf.heading(PROBLEMS_TITLE)
        pdf.set_text_color(*RED)
        for problem in footnoted.problems:
            pdf.paragraph([problem_text(problem)], "•")
        pdf.set_text_color(0)
    if footnoted.notes:
        pdf.heading(NOTES_TITLE)
        for note in footnoted.notes:
            pdf.paragraph([note_text(note)], f"{note.number}.", indent=8)
    if needs_signature(draft):
        pdf.heading(SIGNATURE_TITLE)
        for line in SIGNATURE_LINES:
            pdf.ln(3)
            pdf.paragraph([line])
    return pdf


def to_pdf(draft: Draft, path: Path, *, font_dir: Path | None = None) -> Path:
    """Render in memory, then write atomically. ``font_dir`` overrides where DejaVu Sans is looked
    for; if it is not there the PDF uses Helvetica with transliterated text."""
    return write_bytes_atomic(path, bytes(build_pdf(draft, font_dir).output()))
