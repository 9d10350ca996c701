"""Read a packet of record files into classified documents, reporting what could not be read.

A file that cannot be read (corrupt, encrypted, empty, unsupported) is refused with its reason
and the rest of the packet goes on; a page without readable text stays in the document's page
count and is listed, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from drafting.intake.classify import classify
from drafting.intake.extract.found import Document
from drafting.intake.extract.text import lines
from drafting.intake.reading import Page, Record, read_record
from drafting.intake.record_day import guessed_day
from guideline_index.ingest.errors import IngestError


@dataclass
class PacketDocument:
    id: str
    path: Path
    record: Record
    doc: Document
    title: str
    author: str | None
    dated_by_guess: bool = False

    @property
    def text(self) -> str:
        return self.record.text


@dataclass
class Packet:
    documents: list[PacketDocument] = field(default_factory=list)
    refused: list[IngestError] = field(default_factory=list)

    @property
    def unreadable_pages(self) -> list[tuple[PacketDocument, int, str]]:
        return [(d, p.number, p.problem or "") for d in self.documents
                for p in d.record.pages if p.problem]


def read_packet(paths: list[Path], ocr: bool = True, today: dt.date | None = None) -> Packet:
    packet = Packet()
    for path in paths:
        try:
            record = read_record(path, ocr=ocr)
        except IngestError as exc:
            packet.refused.append(exc)
            continue
        before: dt.date | None = None  # the day of the file's part before this one
        for part in documents_in(record):
            document = _classified(f"D{len(packet.documents) + 1}", path, part,
                                   today or dt.date.today(), before)
            packet.documents.append(document)
            before = document.doc.date
    return packet


# A banner line between documents of one text file: "----- Document 2: PT NOTE -----",
# "==== DOCUMENT 1 of 3 ====", "##### PHARMACY PRESCRIPTION HISTORY #####".
_BANNER = re.compile(r"^\s*([-=#*_~])\1{2,}\s*(?P<title>[^-=#*_~\s].*?)?\s*[-=#*_~]{3,}\s*$")
_DOCUMENT_NUMBER = re.compile(r"^document\s*\d+\s*(?:of\s*\d+)?\s*[:.-]?\s*", re.IGNORECASE)


# A document's last page footer ("Page 3 of 3"): a rule line after it opens the next document.
_LAST_PAGE = re.compile(r"^\s*page\s+(\d+)\s+of\s+(\d+)\s*$", re.IGNORECASE)
# What a shared header above the first banner holds: the practice's letterhead and the
# patient's identifying fields, no sentence of the record ("Patient: ...", "Treating: ...").
_HEADER_MOST_LINES = 8


def _closes_a_document(text_lines: list[str], index: int) -> bool:
    """A rule line right after the footer of a document's last page."""
    before = [line for line in text_lines[:index] if line.strip()]
    footer = _LAST_PAGE.match(before[-1]) if before else None
    return bool(footer and footer.group(1) == footer.group(2))


# A record's title line with its own date, under a rule line ("HARBOR SPINE - progress note
# (faxed w/ lab report)   05/06/26", "ADJUSTER FILE NOTE 10/19/2026", "Attached: LAST OFFICE
# VISIT 10/06/2026 (excerpt)"): the record after the rule is another, of that day.
_RECORD_WORD = re.compile(r"\b(?:note|report|visit|letter|addendum|summary|evaluation|consult"
                          r"(?:ation)?)\b", re.IGNORECASE)
_TITLE_LONGEST = 100


def _opens_a_dated_record(text_lines: list[str], index: int) -> bool:
    """The first line under the rule at ``index`` titles a record and gives its full date, and
    the lines above the rule tell a record of their own (more than a header)."""
    from drafting.deid.dates import find_dates

    below = next((line.strip() for line in text_lines[index + 1:] if line.strip()), "")
    above = [line for line in text_lines[:index] if line.strip()]
    return (len(below) <= _TITLE_LONGEST and bool(_RECORD_WORD.search(below))
            and next(find_dates(below), None) is not None and len(above) > _HEADER_MOST_LINES)


def _shared_header(lines_above: list[str]) -> bool:
    """Lines above the first banner that head every document below it (a few short lines,
    no prose): a letterhead and patient block, not a document of their own."""
    kept = [line for line in lines_above if line.strip()]
    return 0 < len(kept) <= _HEADER_MOST_LINES and not any(
        re.search(r"[a-z]{3,}[.!?]\s*$", line) for line in kept)


def documents_in(record: Record) -> list[Record]:
    """A text file holding several documents, each under a banner line (or after a rule line
    that follows a last page's footer, "Page 1 of 1"), as one record each; the banner's title
    (if any) heads its document, and a shared header above the first banner (letterhead and
    patient block) heads each. Anything else is one record."""
    if len(record.pages) != 1 or record.pages[0].problem:
        return [record]
    text_lines = record.pages[0].text.splitlines()
    cuts = [i for i, line in enumerate(text_lines) if _BANNER.match(line)]
    if len(cuts) == 1 and (_closes_a_document(text_lines, cuts[0])
                           or _opens_a_dated_record(text_lines, cuts[0])):
        cuts = [0, *cuts]  # the first document opens the file
    if len(cuts) < 2:
        return [record]
    parts = []
    header: list[str] = []
    if any(line.strip() for line in text_lines[:cuts[0]]):
        if _shared_header(text_lines[:cuts[0]]):
            header = text_lines[:cuts[0]]
        else:
            parts.append(text_lines[:cuts[0]])
    for start, end in zip(cuts, [*cuts[1:], len(text_lines)], strict=True):
        banner = _BANNER.match(text_lines[start])
        title = _DOCUMENT_NUMBER.sub("", (banner.group("title") or "") if banner else "").strip()
        body = text_lines[start + 1:end] if banner else text_lines[start:end]
        parts.append(header + ([title] if title else []) + body)
    return [Record(record.path, [Page(1, "\n".join(part).strip(), record.pages[0].method)])
            for part in parts if any(line.strip() for line in part)]


def _classified(doc_id: str, path: Path, record: Record, today: dt.date,
                before: dt.date | None = None) -> PacketDocument:
    readable = [(p.number, p.text) for p in record.pages if not p.problem]
    first = readable[0][1] if readable else ""
    found = classify(first, record.text)
    date, guessed = found.date, False
    if date is None:
        date, guessed = guessed_day(record.text, today, before), True
    page_lines = []
    section = ""
    for number, text in readable:
        page = lines(text, number, section)
        section = page[-1].section if page else section
        page_lines += page
    doc = Document(found.type, date, readable, page_lines, found.title)
    return PacketDocument(doc_id, path, record, doc, found.title, found.author, guessed)
