"""The draft as a PDF (fpdf2): the letter's head (letterhead, date, addressee and re-line),
bookmarked headings, superscript endnote numbers, the signature block, a Notes list, page
numbers in the footer, and on a last page of its own the draft's information: the offline
notice boxed, the metadata and the required elements (missing ones first, in red)."""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF

from drafting.atomic_files import write_bytes_atomic
from drafting.draft import Draft
from drafting.export.citations import Ref, Unresolved, resolve_citations
from drafting.export.fonts import FontChoice, choose_font
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

BODY_SIZE, LINE = 10.5, 5.5
RED, GREY, NOTE = (176, 0, 32), (100, 100, 100), (150, 70, 0)


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
              align: str = "L", **options: object) -> None:
        self.use(style, size)
        self.multi_cell(0, height, self.t(text), align=align, new_x="LMARGIN", new_y="NEXT",
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


def build_pdf(draft: Draft, font_dir: Path | None = None, letterhead: Letterhead | None = None,
              *, find_letterhead: bool = True) -> OpinionPDF:
    if letterhead is None and find_letterhead:
        letterhead = load_letterhead()
    shown = as_signed(draft)
    footnoted = resolve_citations(shown)
    pdf = OpinionPDF(choose_font(font_dir), f"{shown.title} · {shown.case_id}")
    pdf.set_title(pdf.t(shown.title))
    pdf.set_creator("necessity")
    pdf.add_page()
    if letterhead:
        for n, line in enumerate(letterhead.lines):
            pdf.block(line, "B" if n == 0 else "", 13 if n == 0 else 9, 6 if n == 0 else 4.5,
                      align="C")
        pdf.set_draw_color(150, 150, 150)
        pdf.line(pdf.l_margin, pdf.get_y() + 1.5, pdf.w - pdf.r_margin, pdf.get_y() + 1.5)
        pdf.ln(5)
    pdf.block(letter_date(shown), "", BODY_SIZE, LINE, align="R")
    pdf.ln(2)
    numbers = numbered(shown)
    for index, number in enumerate(numbers):
        if number is None:
            for part in blocks(footnoted.sections[index]):
                pdf.paragraph(part.pieces)
    pdf.ln(2)
    pdf.block(shown.title, "B", 17, 8)
    pdf.ln(2)
    sign_after = signature_after(shown)
    for index, (section, pieces) in enumerate(zip(shown.sections, footnoted.sections,
                                                  strict=True)):
        number = numbers[index]
        if number is not None:
            pdf.heading(section_heading(number, section.title))
            for part in blocks(pieces):
                if is_note(part):
                    pdf.set_text_color(*NOTE)
                pdf.paragraph(part.pieces, "•" if part.kind == "bullet" else None)
                pdf.set_text_color(0)
        if index == sign_after:
            if section.kind != "signature":
                pdf.heading(SIGNATURE_TITLE)
            for line in signature_lines(shown):
                pdf.ln(3)
                pdf.paragraph([line])
    if shown.overrides:
        pdf.heading(OVERRIDES_TITLE)
        for override in shown.overrides:
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
    pdf.add_page()
    pdf.heading(INFO_TITLE)
    if shown.label:
        pdf.set_fill_color(238, 238, 238)
        pdf.set_draw_color(150, 150, 150)
        pdf.block(shown.label, "I", 9.5, 5, border=1, fill=True, padding=2.5)
        pdf.ln(2)
    for name, value in information(shown, letterhead):
        pdf.paragraph([Strong(f"{name}: "), value], "•")
    pdf.heading(ELEMENTS_TITLE)
    for line in element_lines(shown):
        missing = ": missing." in line
        if missing:
            pdf.set_text_color(*RED)
        pdf.paragraph([line], "•")
        pdf.set_text_color(0)
    return pdf


def to_pdf(draft: Draft, path: Path, *, font_dir: Path | None = None) -> Path:
    """Render in memory, then write atomically. ``font_dir`` overrides where DejaVu Sans is looked
    for; if it is not there the PDF uses Helvetica with transliterated text."""
    return write_bytes_atomic(path, bytes(build_pdf(draft, font_dir).output()))
