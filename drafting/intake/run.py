"""Intake end to end: read the packet, extract facts, optionally ask a model for more (on
de-identified text), and assemble the draft case with the header a reviewer reads first."""

from __future__ import annotations

import asyncio
import datetime as dt
import re
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drafting.backends.base import Backend
from drafting.case.vocab import DocumentType, Perspective, Setting
from drafting.deid import Deidentifier, PhiMap
from drafting.intake.assemble import Drafted, assemble, deterministic_facts
from drafting.intake.casefile import header_lines
from drafting.intake.llm import Proposals, propose
from drafting.intake.packet import Packet, read_packet


@dataclass(frozen=True)
class InventoryRow:
    """One record of the packet as the inventory shows it."""

    id: str
    file: str
    type: str
    date: dt.date
    pages: int
    ocr_pages: list[int]
    unreadable: list[tuple[int, str]]  # (page, why it has no usable text)
    facts: int


@dataclass
class IntakeOutcome:
    packet: Packet
    drafted: Drafted
    proposals: Proposals | None
    header: list[str]
    phi_map: PhiMap | None = None


def run_intake(paths: list[Path], *, case_id: str, document_type: DocumentType | None = None,
               perspective: Perspective | None = None, setting: Setting | None = None,
               ocr: bool = True, backend: Backend | None = None, concurrency: int = 4,
               phi_map: PhiMap | None = None, today: dt.date | None = None) -> IntakeOutcome:
    today = today or dt.date.today()
    packet = read_packet(paths, ocr=ocr, today=today)
    failures: list[str] = []
    found = deterministic_facts(packet, failures)
    proposals = None
    if backend is not None and packet.documents:
        phi_map = phi_map if phi_map is not None else PhiMap()
        if hasattr(backend, "deidentify"):
            backend.deidentify = False  # the pages are de-identified here, with this map
        proposals = asyncio.run(propose(packet, found, backend, Deidentifier(phi_map),
                                        concurrency))
    drafted = assemble(packet, case_id=case_id, document_type=document_type,
                       perspective=perspective, setting=setting, found=found,
                       proposed=proposals.facts if proposals else [], today=today)
    unreadable = [f"{doc.id} {doc.path.name} page {page}: {problem}"
                  for doc, page, problem in packet.unreadable_pages]
    refused = [f"{exc.file}: {exc.problem}" for exc in packet.refused]
    drafted.notes[:0] = failures  # printed as "check:" lines and kept in the case's header
    notes = list(drafted.notes)
    if proposals:
        notes += [f"model pass: {line}" for line in proposals.failed_pages]
    header = header_lines(len(paths), today, len(proposals.facts) if proposals else 0,
                          unreadable, refused, notes,
                          learned=sum(f.learned for facts in found.values() for f in facts))
    return IntakeOutcome(packet, drafted, proposals, header, phi_map)


def run_intake_uploads(files: list[tuple[str, bytes]], **options: Any
                       ) -> tuple[IntakeOutcome, dict[str, bytes]]:
    """``run_intake`` on uploaded files, given as (name, content): each is written under its
    own name to a private temporary directory for reading and removed afterwards (records hold
    identifiers). Returns the outcome and each read document's content by document id."""
    with tempfile.TemporaryDirectory(prefix="necessity-intake-") as tmp:
        paths: list[Path] = []
        for index, (name, content) in enumerate(files):
            folder = Path(tmp) / str(index)  # two uploads of the same name stay apart
            folder.mkdir()
            paths.append(folder / (Path(name).name or f"record-{index + 1}"))
            paths[-1].write_bytes(content)
        outcome = run_intake(paths, **options)
    by_path = {path: content for path, (_, content) in zip(paths, files, strict=True)}
    return outcome, {doc.id: by_path[doc.path] for doc in outcome.packet.documents}


def case_id_for(name: str) -> str:
    """A case id from a file name: its stem as a slug, at least three characters."""
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return slug if len(slug) >= 3 else f"intake-{slug or 'case'}"


def inventory(outcome: IntakeOutcome) -> list[InventoryRow]:
    per_doc = Counter(f["source"]["document"] for f in outcome.drafted.data["facts"])
    return [InventoryRow(doc.id, doc.path.name, doc.doc.type.value, doc.doc.date,
                         len(doc.record.pages), doc.record.ocr_pages,
                         [(p.number, p.problem) for p in doc.record.pages if p.problem],
                         per_doc[doc.id])
            for doc in outcome.packet.documents]
