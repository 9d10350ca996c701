"""Read a packet of record files into classified documents, reporting what could not be read.

A file that cannot be read (corrupt, encrypted, empty, unsupported) is refused with its reason
and the rest of the packet goes on; a page without readable text stays in the document's page
count and is listed, never silently dropped.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from drafting.intake.classify import classify
from drafting.intake.extract.facts import Document
from drafting.intake.extract.text import lines
from drafting.intake.reading import Record, read_record
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
        packet.documents.append(_classified(f"D{len(packet.documents) + 1}", path, record,
                                            today or dt.date.today()))
    return packet


def _classified(doc_id: str, path: Path, record: Record, today: dt.date) -> PacketDocument:
    readable = [(p.number, p.text) for p in record.pages if not p.problem]
    first = readable[0][1] if readable else ""
    found = classify(first, record.text)
    date, guessed = found.date, False
    if date is None:
        from drafting.deid.dates import find_dates

        dates = [d.date for d in find_dates(record.text) if d.date <= today]
        date, guessed = (max(dates) if dates else today), True
    page_lines = []
    section = ""
    for number, text in readable:
        page = lines(text, number, section)
        section = page[-1].section if page else section
        page_lines += page
    doc = Document(found.type, date, readable, page_lines)
    return PacketDocument(doc_id, path, record, doc, found.title, found.author, guessed)
