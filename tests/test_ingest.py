"""Ingestion turns PDF, Markdown and text into page-anchored, token-bounded chunks, and refuses
unusable files with a message naming the file and the problem."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from guideline_index.ingest.blocks import markdown_blocks
from guideline_index.ingest.chunking import chunk_blocks
from guideline_index.ingest.document import DocumentSpec, ingest_file, read_blocks
from guideline_index.ingest.errors import IngestError
from guideline_index.ingest.pdf import read_pdf_pages, strip_numbering
from guideline_index.tokens import count_tokens
from tests.conftest import CDC_PDF, needs_shared_corpus

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds

MARKDOWN = """# Interventional spine
Intro paragraph that sits under the top heading only and says little of substance.

## Epidural injections
Radicular pain should be corroborated by imaging at the same level and side before an injection.

A repeat injection needs documented relief of at least half the pain for six weeks or more.

## Facet interventions
Two diagnostic blocks precede ablation.
"""


def test_markdown_headings_become_the_heading_path():
    blocks = markdown_blocks(MARKDOWN)
    assert [b.headings for b in blocks] == [
        ("Interventional spine",),
        ("Interventional spine", "Epidural injections"),
        ("Interventional spine", "Epidural injections"),
        ("Interventional spine", "Facet interventions"),
    ]
    chunks = chunk_blocks(blocks, max_tokens=200)
    # paragraphs under one heading pack together; a chunk never spans two headings
    assert [c.headings[-1] for c in chunks] == [
        "Interventional spine", "Epidural injections", "Facet interventions"]
    assert "six weeks" in chunks[1].text and "imaging" in chunks[1].text


def test_form_feeds_in_text_files_are_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("First page paragraph about conservative care.\f"
                    "Second page paragraph about imaging correlation.\n")
    blocks, empty = read_blocks(path)
    assert [(b.page, b.text.split()[0]) for b in blocks] == [(1, "First"), (2, "Second")]
    assert empty == []


def test_long_paragraphs_split_within_the_budget_deterministically():
    sentence = "Opioid dosage above the threshold needs reassessment of benefits and risks. "
    blocks = markdown_blocks("# Dose\n" + sentence * 60)
    first = chunk_blocks(blocks, max_tokens=64)
    second = chunk_blocks(markdown_blocks("# Dose\n" + sentence * 60), max_tokens=64)
    assert first == second
    assert len(first) > 5
    assert all(count_tokens(c.text) <= 64 for c in first)
    assert all(c.headings == ("Dose",) for c in first)


def test_margin_line_numbers_and_page_numbers_are_removed():
    pages = [(1, "\n7\nOpioid dosage and risk 101\nincreases with dose 102\n"),
             (2, "8\nNaloxone should be offered 103\n")]
    cleaned = [(page, [line for line in text.split("\n") if line]) for page, text in
               strip_numbering(pages)]
    assert cleaned == [(1, ["Opioid dosage and risk", "increases with dose"]),
                       (2, ["Naloxone should be offered"])]


def _pdf_bytes(writer: PdfWriter) -> bytes:
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def text_pdf(tmp_path) -> Path:
    """A real one-page PDF with a text layer (a page taken from the CDC draft when present)."""
    if not CDC_PDF.exists():
        pytest.skip(f"{CDC_PDF} is absent (shared/corpus not beside the checkout)")
    writer = PdfWriter()
    writer.add_page(PdfReader(CDC_PDF).pages[95])
    path = tmp_path / "page96.pdf"
    path.write_bytes(_pdf_bytes(writer))
    return path


def test_encrypted_pdf_is_refused(tmp_path, text_pdf):
    writer = PdfWriter(clone_from=text_pdf)
    writer.encrypt(user_password="secret", algorithm="AES-128")
    path = tmp_path / "locked.pdf"
    path.write_bytes(_pdf_bytes(writer))
    with pytest.raises(IngestError, match="encrypted with a password") as caught:
        read_pdf_pages(path)
    assert str(caught.value).startswith(f"{path}: ")


def test_image_only_pdf_needs_ocr(tmp_path):
    writer = PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scanned.pdf"
    path.write_bytes(_pdf_bytes(writer))
    with pytest.raises(IngestError, match="no text layer; OCR needed"):
        read_pdf_pages(path)


def test_corrupt_pdf_is_refused(tmp_path, text_pdf):
    path = tmp_path / "truncated.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(IngestError, match="corrupt or unreadable"):
        read_pdf_pages(path)


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [("empty.md", b"", "the file is empty"),
     ("blob.txt", b"\x00\x01\x02binary", "binary, not text"),
     ("latin.txt", "caf\xe9".encode("latin-1"), "not UTF-8 text"),
     ("sheet.xlsx", b"PK\x03\x04", "unsupported file type '.xlsx'")],
)
def test_unusable_files_are_refused_by_name(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IngestError, match=problem) as caught:
        ingest_file(path, DocumentSpec(source="x"))
    assert str(caught.value).startswith(f"{path}: ")


def test_pdf_chunks_keep_their_page(text_pdf):
    document = ingest_file(text_pdf, DocumentSpec(source="CDC draft p96"))
    assert document.excerpts
    assert {e.page for e in document.excerpts} == {1}
    assert all(e.citation.endswith("p. 1") for e in document.excerpts)
    again = ingest_file(text_pdf, DocumentSpec(source="CDC draft p96"))
    assert [e.id for e in again.excerpts] == [e.id for e in document.excerpts]
    assert again.content_hash == document.content_hash


@needs_shared_corpus
def test_the_cdc_draft_reads_with_all_211_pages():
    pages, empty = read_pdf_pages(CDC_PDF)
    assert len(pages) + len(empty) == 211
    assert any("MME/day" in text for _, text in pages)
