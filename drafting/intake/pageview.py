"""A record page as a reviewer checks a fact against it: the PDF page rendered to PNG with
poppler's ``pdftoppm`` and the fact's sentence marked on it (word boxes from ``pdftotext -bbox``
for a text layer, from tesseract for a scanned page), or, for DOCX and text pages, the character
span of the sentence in the page text."""

from __future__ import annotations

import html
import io
import re
import subprocess
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from guideline_index.ingest.errors import IngestError

POINTS_PER_INCH = 72  # PDF user-space units (pdftotext -bbox reports word boxes in points)
VIEW_DPI = 100  # a US letter page 850 px wide: legible in half of the app's wide layout
MARK_RGBA = (255, 214, 0, 110)  # translucent yellow over the words of the cited sentence
GAP_TOKENS = 3  # tokens an OCR slip may break a match by and still count as one sentence
MIN_SHARE = 0.6  # share of the sentence's tokens that must be found for a mark to be drawn
INK = 64  # darkness (0-255 below white) that counts as print when trimming a page's margins
MARGIN_PX = 24  # white kept around the printed part of a trimmed page

_TOKEN = re.compile(r"[A-Za-z0-9]+")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                   r"(.*?)</word>")

Box = tuple[float, float, float, float]  # left, top, right, bottom in pixels


@dataclass(frozen=True)
class PageImage:
    png: bytes
    marked: bool  # the sentence was found on the page and marked


def render_pdf_page(source: Path | bytes, page: int, dpi: int, gray: bool = False,
                    name: str | None = None) -> bytes:
    """One PDF page (1-based) as PNG bytes. ``source`` is a file or the PDF's bytes (piped to
    pdftoppm, so an upload need not be written to disk)."""
    command = ["pdftoppm", "-r", str(dpi), "-png", "-singlefile", "-f", str(page), "-l",
               str(page), *(["-gray"] if gray else []),
               str(source) if isinstance(source, Path) else "-"]
    result = subprocess.run(command, input=None if isinstance(source, Path) else source,
                            capture_output=True, timeout=120)
    if result.returncode != 0 or not result.stdout.startswith(b"\x89PNG"):
        problem = result.stderr.decode(errors="replace").strip() or "pdftoppm failed"
        raise IngestError(name or str(source if isinstance(source, Path) else "PDF"),
                          f"page {page} could not be rendered ({problem})",
                          "re-scan or re-export the document")
    return result.stdout


def tokens(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text)]


def match_tokens(page: list[str], statement: str) -> range | None:
    """The run of page tokens that carries the statement: the longest common run, grown by the
    runs beside it (an OCR slip breaks a sentence into several); None when too little of the
    statement is found there."""
    want = tokens(statement)
    if not want or not page:
        return None
    blocks = [b for b in SequenceMatcher(None, page, want, autojunk=False).get_matching_blocks()
              if b.size]
    if not blocks:
        return None
    best = max(blocks, key=lambda b: b.size)
    lo, hi, found = best.a, best.a + best.size, best.size
    rest = [b for b in blocks if b is not best]
    grown = True
    while grown:
        grown = False
        for block in list(rest):
            if block.a + block.size >= lo - GAP_TOKENS and block.a <= hi + GAP_TOKENS:
                lo, hi = min(lo, block.a), max(hi, block.a + block.size)
                found += block.size
                rest.remove(block)
                grown = True
    return range(lo, hi) if found >= MIN_SHARE * len(want) else None


def text_span(text: str, statement: str) -> tuple[int, int] | None:
    """Character offsets of the statement in a page's text (whitespace and punctuation may
    differ), or None."""
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    found = match_tokens([text[a:b].lower() for a, b in spans], statement)
    return (spans[found.start][0], spans[found.stop - 1][1]) if found else None


def pdf_words(pdf: bytes, page: int, dpi: int) -> list[tuple[str, Box]]:
    """Words of a page's text layer with their boxes in pixels at ``dpi``."""
    result = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
                            input=pdf, capture_output=True, timeout=120)
    scale = dpi / POINTS_PER_INCH
    return [(html.unescape(m.group(5)), tuple(float(v) * scale for v in m.groups()[:4]))
            for m in _WORD.finditer(result.stdout.decode("utf-8", errors="replace"))]


def ocr_words(png: bytes) -> list[tuple[str, Box]]:
    """Words tesseract reads on a page image, with their boxes in that image's pixels."""
    import pytesseract
    from PIL import Image

    with Image.open(io.BytesIO(png)) as image:
        data = pytesseract.image_to_data(image, lang="eng", output_type=pytesseract.Output.DICT)
    return [(word, (left, top, left + width, top + height))
            for word, left, top, width, height in zip(data["text"], data["left"], data["top"],
                                                      data["width"], data["height"], strict=True)
            if word.strip()]


def marked_boxes(words: list[tuple[str, Box]], statement: str, scale: float = 1.0) -> list[Box]:
    """One box per line of the page words that carry the statement, scaled by ``scale``."""
    back = [i for i, (word, _) in enumerate(words) for _ in tokens(word)]
    found = match_tokens([t for word, _ in words for t in tokens(word)], statement)
    if found is None:
        return []
    lines: list[list[float]] = []
    previous: Box | None = None
    for index in sorted({back[i] for i in found}):
        left, top, right, bottom = (v * scale for v in words[index][1])
        # same line: beside the previous word and level with it (a scan may be tilted)
        if previous and abs(top - previous[1]) < (bottom - top) / 2 and left >= previous[0]:
            line = lines[-1]
            line[1], line[2], line[3] = min(line[1], top), max(line[2], right), max(line[3],
                                                                                     bottom)
        else:
            lines.append([left, top, right, bottom])
        previous = (left, top, right, bottom)
    return [(a, b, c, d) for a, b, c, d in lines]


def highlight(png: bytes, boxes: list[Box], pad: float = 2.0) -> bytes:
    from PIL import Image, ImageDraw

    with Image.open(io.BytesIO(png)) as opened:
        base = opened.convert("RGBA")
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    for left, top, right, bottom in boxes:
        draw.rectangle((left - pad, top - pad, right + pad, bottom + pad), fill=MARK_RGBA)
    out = io.BytesIO()
    Image.alpha_composite(base, overlay).convert("RGB").save(out, format="PNG", optimize=True)
    return out.getvalue()


def trim(png: bytes) -> bytes:
    """The page cut to its printed part plus a margin, so a sparse page is not mostly white."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(png)) as opened:
        image = opened.convert("RGB")
    ink = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v >= INK else 0)
    box = ink.getbbox()
    if box is None:
        return png
    left, top, right, bottom = box
    crop = image.crop((max(left - MARGIN_PX, 0), max(top - MARGIN_PX, 0),
                       min(right + MARGIN_PX, image.width), min(bottom + MARGIN_PX,
                                                                image.height)))
    out = io.BytesIO()
    crop.save(out, format="PNG", optimize=True)
    return out.getvalue()


def pdf_page_image(pdf: bytes, page: int, statement: str, scanned: bool, name: str,
                   dpi: int = VIEW_DPI) -> PageImage:
    """The page at ``dpi`` with the statement's words marked, cut to its printed part. A scanned
    page is read again by tesseract at the OCR resolution (the one its text came from) to place
    the mark."""
    from drafting.intake.ocr import OCR_DPI

    png = render_pdf_page(pdf, page, dpi, name=name)
    if scanned:
        words = ocr_words(render_pdf_page(pdf, page, OCR_DPI, gray=True, name=name))
        boxes = marked_boxes(words, statement, scale=dpi / OCR_DPI)
    else:
        boxes = marked_boxes(pdf_words(pdf, page, dpi), statement)
    return PageImage(trim(highlight(png, boxes) if boxes else png), bool(boxes))
