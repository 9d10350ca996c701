"""Ingest one user document (PDF, Markdown, text) into page-anchored excerpts."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from guideline_index.excerpt import Excerpt
from guideline_index.ingest.blocks import Block, markdown_blocks, page_blocks
from guideline_index.ingest.chunking import DEFAULT_MAX_TOKENS, chunk_blocks
from guideline_index.ingest.errors import IngestError
from guideline_index.ingest.pdf import read_pdf_pages

MAX_FILE_BYTES = 200 * 1024 * 1024
TEXT_SUFFIXES = {".md", ".markdown", ".txt", ".text"}
ALL_SETTINGS = ["ca_workers_comp", "medicare", "commercial", "personal_injury"]


@dataclass(frozen=True)
class DocumentSpec:
    """What the user says about a document: its name for citations and where it applies."""

    source: str
    settings: list[str] = field(default_factory=lambda: list(ALL_SETTINGS))
    procedures: list[str] = field(default_factory=lambda: ["general"])
    effective_from: dt.date = dt.date(1900, 1, 1)
    effective_to: dt.date | None = None
    edition: str = "ingested document"


@dataclass(frozen=True)
class IngestedDocument:
    path: Path
    content_hash: str
    excerpts: list[Excerpt]
    empty_pages: list[int]


def content_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_blocks(path: Path) -> tuple[list[Block], list[int]]:
    suffix = path.suffix.lower()
    if not path.is_file():
        raise IngestError(path, "no such file", "check the path")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(path, "the file is empty", "check that the right file was given")
    if size > MAX_FILE_BYTES:
        raise IngestError(path, f"the file is {size:,} bytes, over the {MAX_FILE_BYTES:,}-byte "
                          "limit", "split the document and add the parts")
    if suffix == ".pdf":
        pages, empty = read_pdf_pages(path)
        return page_blocks(pages), empty
    if suffix not in TEXT_SUFFIXES:
        raise IngestError(path, f"unsupported file type '{suffix}'",
                          "add a .pdf, .md or .txt file")
    raw = path.read_bytes()
    if b"\x00" in raw:
        raise IngestError(path, "the file is binary, not text",
                          "export it as PDF, Markdown or text")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"the file is not UTF-8 text (byte {exc.start})",
                          "save it as UTF-8") from None
    return markdown_blocks(text), []


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "document"


def ingest_file(path: Path, spec: DocumentSpec,
                max_tokens: int = DEFAULT_MAX_TOKENS) -> IngestedDocument:
    digest = content_hash(path)
    blocks, empty = read_blocks(path)
    chunks = [c for c in chunk_blocks(blocks, max_tokens) if len(c.text) >= 20]
    if not chunks:
        raise IngestError(path, "no text found to index", "check the document has readable text")
    prefix = f"{slug(spec.source)}-{digest[:8]}"
    excerpts = []
    for number, chunk in enumerate(chunks, start=1):
        if chunk.page is None:
            page: int | str | None = None
        elif chunk.page_end in (None, chunk.page):
            page = chunk.page
        else:
            page = f"{chunk.page}-{chunk.page_end}"
        section = " > ".join(chunk.headings) or (f"page {chunk.page}" if chunk.page else path.name)
        excerpts.append(Excerpt(
            id=f"{prefix}-{number:04d}", guideline=spec.source, short=spec.source,
            edition=spec.edition, source=path.name, section=section, page=page,
            procedures=spec.procedures, settings=spec.settings,
            effective_from=spec.effective_from, effective_to=spec.effective_to,
            text=chunk.text, origin="ingested",
        ))
    return IngestedDocument(path, digest, excerpts, empty)
