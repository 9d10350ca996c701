"""Read the text layer of a PDF page by page, with line numbers and page numbers removed."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from guideline_index.ingest.errors import IngestError

# A page with fewer characters than this in its text layer counts as having none.
MIN_TEXT_CHARS = 25
_TRAILING_NUMBER = re.compile(r"^(.*?\S)?\s*\b(\d{1,5})\s*$")


def read_pdf_pages(path: Path) -> tuple[list[tuple[int, str]], list[int]]:
    """``([(page number, text), ...], [pages without text])``, or an ``IngestError``."""
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(path, "the PDF is encrypted with a password",
                              "save an unencrypted copy and add that")
        raw = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        raise IngestError(path, f"the PDF is corrupt or unreadable ({exc})",
                          "re-export or re-scan the document") from None
    if not raw:
        raise IngestError(path, "the PDF has no pages", "check that the right file was given")
    empty = [n for n, text in enumerate(raw, start=1) if len(text.strip()) < MIN_TEXT_CHARS]
    if len(empty) == len(raw):
        raise IngestError(path, "no text layer; OCR needed (every page is an image or blank)",
                          "run OCR (e.g. ocrmypdf) and add the OCR'd PDF")
    pages = [(n, text) for n, text in enumerate(raw, start=1) if n not in empty]
    return strip_numbering(pages), empty


def strip_numbering(pages: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Remove margin line numbers (when most lines end in a rising number) and lone page numbers."""
    # Lone numbers (page numbers, numbered blank lines) say nothing about margin numbering.
    lines = [line for _, text in pages for line in text.splitlines()
             if line.strip() and not line.strip().isdigit()]
    numbers = [int(m.group(2)) for line in lines if (m := _TRAILING_NUMBER.match(line.strip()))]
    rising = sum(1 for a, b in pairwise(numbers) if 0 < b - a <= 3)
    numbered = len(numbers) >= 0.5 * max(1, len(lines)) and rising >= 0.5 * max(1, len(numbers))
    cleaned = []
    for page, text in pages:
        kept = []
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.isdigit():
                stripped = ""  # a page number, or a numbered blank line: keep the break only
            elif numbered and (m := _TRAILING_NUMBER.match(stripped)):
                stripped = (m.group(1) or "").strip()
            kept.append(stripped)
        cleaned.append((page, "\n".join(kept)))
    return cleaned
