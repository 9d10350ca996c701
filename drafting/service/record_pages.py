"""The record page a cited fact was read from, as the physician app's side panel shows it (issue
#21): the PDF a case came from through intake is kept beside the draft store when the case is
saved (``keep_sources``), and a fact's page is rendered from it with the fact's sentence marked
(``page_image``), whole and as the band of lines around the sentence (legible in a narrow
panel). Rendered pages are cached as PNG files in the store's directory, the oldest
removed once the cache passes ``CACHE_BYTES``. A case with no kept PDF for a document (an
example case, a DOCX or text record), or whose kept PDF has another number of pages than the
case lists (the case was replaced since), has no page image: the panel shows text."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from drafting.case import Case
from drafting.intake.pageview import (
    VIEW_DPI,
    highlight,
    marked_boxes,
    ocr_words,
    pdf_words,
    render_pdf_page,
    trim,
)
from drafting.settings import Settings

SOURCES = "records"  # <store dir>/records/<case id>/<document id>.pdf
CACHE = "page-images"  # <store dir>/page-images/<digest>-<page|band>.png
CACHE_BYTES = 64 * 1024 * 1024  # rendered pages kept at most (oldest removed first)
BAND_CONTEXT_PX = 56  # text kept above and below the sentence's lines (two lines at VIEW_DPI)
SOURCE_BYTES = 50 * 1024 * 1024  # a kept PDF at most (larger ones are not kept)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")


@dataclass(frozen=True)
class FactPage:
    """A fact's page as images: the whole page and, when the sentence was located, the band of
    the page around it (its lines and a little of the text above and below), both with the
    sentence marked and cut to their printed part."""

    page_png: bytes
    band_png: bytes | None  # None: the sentence was not located on the page
    document: str
    page: int

    @property
    def marked(self) -> bool:
        return self.band_png is not None


def store_dir(settings: Settings) -> Path:
    """The folder of the SQLite draft store (the data directory for PostgreSQL)."""
    location = settings.store_location
    return location.parent if isinstance(location, Path) else settings.data_dir


def _safe(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"{name!r} cannot name a kept record file")
    return name


def source_pdf(settings: Settings, case_id: str, document: str) -> Path | None:
    """The kept PDF of ``document`` of case ``case_id``, if intake kept one."""
    path = store_dir(settings) / SOURCES / _safe(case_id) / f"{_safe(document)}.pdf"
    return path if path.is_file() else None


def has_sources(settings: Settings, case_id: str) -> bool:
    """Whether intake kept any PDF of case ``case_id``."""
    folder = store_dir(settings) / SOURCES / _safe(case_id)
    return folder.is_dir() and any(folder.glob("*.pdf"))


def keep_sources(settings: Settings, case_id: str, sources: dict[str, bytes]) -> list[Path]:
    """Keep the PDFs of a case saved through intake (document id -> the uploaded bytes), so
    that its drafts can show the pages facts were read from. Anything that is not a PDF, or is
    over ``SOURCE_BYTES``, is left out. The case's earlier kept PDFs are replaced."""
    folder = store_dir(settings) / SOURCES / _safe(case_id)
    if folder.is_dir():
        shutil.rmtree(folder)
    kept = []
    for document, data in sorted(sources.items()):
        if not data.startswith(b"%PDF-") or len(data) > SOURCE_BYTES:
            continue
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{_safe(document)}.pdf"
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        kept.append(path)
    return kept


def page_image(settings: Settings, case: Case, fact_id: str) -> FactPage | None:
    """The page ``fact_id`` was read from, rendered with its sentence marked (from the cache
    when rendered before); None when intake kept no PDF of the fact's document."""
    fact = next(f for f in case.facts if f.id == fact_id)
    document, number = fact.source.document, fact.source.page
    pdf = source_pdf(settings, case.id, document)
    if pdf is None or _pages(pdf) != case.document(document).pages:
        return None  # none kept, or not the record this case lists (a replaced case)
    data = pdf.read_bytes()
    digest = hashlib.sha256(b"%d\0%s\0" % (number, fact.statement.encode()) + data)
    cache = store_dir(settings) / CACHE
    page_file, band_file = (cache / f"{digest.hexdigest()[:40]}-{part}.png"
                            for part in ("page", "band"))
    if page_file.is_file():
        page_file.touch()
        band = band_file.read_bytes() if band_file.is_file() else None
        return FactPage(page_file.read_bytes(), band, document, number)
    page_png, band_png = _render(data, number, fact.statement, pdf.name)
    cache.mkdir(parents=True, exist_ok=True)
    for path, png in ((band_file, band_png), (page_file, page_png)):
        if png is not None:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_bytes(png)
            tmp.replace(path)
    _trim_cache(cache, keep={page_file, band_file})
    return FactPage(page_png, band_png, document, number)


def _pages(pdf: Path) -> int | None:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return len(PdfReader(pdf).pages)
    except (PdfReadError, OSError, ValueError):
        return None


def _render(pdf: bytes, number: int, statement: str, name: str) -> tuple[bytes, bytes | None]:
    """The page with the statement's words marked, and the band around them (as
    ``pageview.pdf_page_image`` marks a page; a page without a text layer is read by
    tesseract, when installed, to place the mark)."""
    png = render_pdf_page(pdf, number, VIEW_DPI, name=name)
    words = pdf_words(pdf, number, VIEW_DPI)
    scale = 1.0
    if not words and shutil.which("tesseract") is not None:
        from drafting.intake.ocr import OCR_DPI

        words = ocr_words(render_pdf_page(pdf, number, OCR_DPI, gray=True, name=name))
        scale = VIEW_DPI / OCR_DPI
    boxes = marked_boxes(words, statement, scale=scale)
    if not boxes:
        return trim(png), None
    marked = highlight(png, boxes)
    top = max(min(b[1] for b in boxes) - BAND_CONTEXT_PX, 0)
    bottom = max(b[3] for b in boxes) + BAND_CONTEXT_PX
    return trim(marked), trim(_crop_rows(marked, int(top), int(bottom)))


def _crop_rows(png: bytes, top: int, bottom: int) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as opened:
        band = opened.crop((0, top, opened.width, min(bottom, opened.height)))
        out = io.BytesIO()
        band.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _trim_cache(cache: Path, keep: set[Path]) -> None:
    """Remove the least recently shown pages until the cache is within ``CACHE_BYTES`` (the
    page just rendered is kept)."""
    files = sorted(cache.glob("*.png"), key=lambda p: p.stat().st_mtime)
    total = sum(p.stat().st_size for p in files)
    for old in files:
        if total <= CACHE_BYTES:
            break
        if old not in keep:
            total -= old.stat().st_size
            old.unlink(missing_ok=True)

