"""Read one record file into pages of text: PDF (text layer, OCR for pages without one), DOCX
(pages at explicit page breaks), plain text (pages at form feeds) and scanned images (OCR).

A file that cannot be read at all raises ``IngestError`` naming the file and the reason
(corrupt, encrypted, empty, unsupported). A page that cannot be read is kept, with a problem,
so the inventory counts it and the report names it.
"""

from __future__ import annotations

import logging
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pypdf import PdfReader

from drafting.intake.ocr import ocr_image, ocr_missing, ocr_pdf_page
from guideline_index.ingest.errors import IngestError
from guideline_index.ingest.pdf import MIN_TEXT_CHARS, read_pdf_pages

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
SUPPORTED = ".pdf, .docx, .txt, .png, .jpg, .tif"
MAX_RECORD_BYTES = 200 * 1024 * 1024

Method = Literal["text", "ocr", "none"]


@dataclass
class Page:
    number: int
    text: str
    method: Method = "text"
    problem: str | None = None  # why the page has no usable text


@dataclass
class Record:
    path: Path
    pages: list[Page] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    @property
    def problems(self) -> list[Page]:
        return [p for p in self.pages if p.problem]

    @property
    def ocr_pages(self) -> list[int]:
        return [p.number for p in self.pages if p.method == "ocr"]


def read_record(path: Path, ocr: bool = True) -> Record:
    if not path.exists():
        raise IngestError(path, "no such file", "check the path")
    if path.is_dir():
        raise IngestError(path, "is a directory", "give the record files inside it")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "the file is empty (0 bytes)", "check that the right file was "
                          "given; re-export or re-scan it")
    if size > MAX_RECORD_BYTES:
        raise IngestError(path, f"the file is {size:,} bytes, over the {MAX_RECORD_BYTES:,}-byte "
                          "limit", "split the record into smaller files")
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        pages = _pdf(path, ocr)
    elif suffix == ".docx":
        pages = _docx(path)
    elif suffix in TEXT_SUFFIXES:
        pages = _text(path)
    elif suffix in IMAGE_SUFFIXES:
        pages = _image(path, ocr)
    else:
        raise IngestError(path, f"unsupported file type '{path.suffix or '(none)'}'",
                          f"give records as {SUPPORTED}")
    for page in pages:
        if not page.problem and len(page.text.strip()) < MIN_TEXT_CHARS:
            page.problem = "blank page (no readable text)"
    if all(page.problem for page in pages):
        reasons = sorted({page.problem or "" for page in pages})
        raise IngestError(path, f"no readable text on any page ({'; '.join(reasons)})",
                          "check the file, or re-scan it")
    return Record(path, pages)


def _pdf(path: Path, ocr: bool) -> list[Page]:
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    quiet.setLevel(logging.ERROR)  # a broken file is reported once, as an IngestError
    try:
        read, empty = read_pdf_pages(path)  # refuses corrupt and encrypted files, with reasons
    except IngestError as exc:
        if not exc.problem.startswith("no text layer"):
            raise
        read, empty = [], list(range(1, _page_count(path) + 1))
    finally:
        quiet.setLevel(level)
    pages = {n: Page(n, text) for n, text in read}
    why_not = None if ocr else "OCR was turned off"
    why_not = why_not or (ocr_missing() if empty else None)
    for number in empty:
        if why_not:
            pages[number] = Page(number, "", "none", f"no text layer; {why_not}")
            continue
        text = ocr_pdf_page(path, number)
        pages[number] = Page(number, _tidy(text), "ocr")
    return [pages[n] for n in sorted(pages)]


def _page_count(path: Path) -> int:
    return len(PdfReader(path, strict=False).pages)


def _docx(path: Path) -> list[Page]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise IngestError(path, f"the DOCX is corrupt or not a Word document ({exc})",
                          "re-save it from the word processor as .docx") from None
    pages: list[list[str]] = [[]]
    body = document.element.body
    for block in body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            for line, breaks in _paragraph_lines(block):
                pages[-1].append(line)
                for _ in range(breaks):
                    pages.append([])
        elif tag == "tbl":
            for row in block.iter(f"{{{_W}}}tr"):
                cells = ["".join(t.text or "" for t in cell.iter(f"{{{_W}}}t")).strip()
                         for cell in row.iter(f"{{{_W}}}tc")]
                pages[-1].append("  ".join(c for c in cells if c))
    return [Page(n, "\n".join(lines).strip()) for n, lines in enumerate(pages, start=1)]


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _paragraph_lines(paragraph) -> list[tuple[str, int]]:  # type: ignore[no-untyped-def]
    """The paragraph's text, split where a run holds an explicit page break: (text, breaks)."""
    out: list[tuple[str, int]] = []
    text = ""
    for node in paragraph.iter(f"{{{_W}}}t", f"{{{_W}}}br", f"{{{_W}}}tab"):
        name = node.tag.rsplit("}", 1)[-1]
        if name == "t":
            text += node.text or ""
        elif name == "tab":
            text += "  "
        elif node.get(f"{{{_W}}}type") == "page":
            out.append((text, 1))
            text = ""
        else:
            text += "\n"
    out.append((text, 0))
    return out


def _text(path: Path) -> list[Page]:
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise IngestError(path, "the file is binary, not text", f"give records as {SUPPORTED}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    chunks = text.replace("\r\n", "\n").split("\f")
    return [Page(n, chunk.strip("\n")) for n, chunk in enumerate(chunks, start=1)]


def _image(path: Path, ocr: bool) -> list[Page]:
    why_not = None if ocr else "OCR was turned off"
    why_not = why_not or ocr_missing()
    if why_not:
        raise IngestError(path, f"a scanned image needs OCR, and {why_not}",
                          "install tesseract-ocr, or add a PDF with a text layer")
    return [Page(n, _tidy(text), "ocr") for n, text in enumerate(ocr_image(path), start=1)]


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.replace("\f", "\n").splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
