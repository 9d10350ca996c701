"""Intake end to end: read the packet, extract facts, optionally ask a model for more (on
de-identified text), and assemble the draft case with the header a reviewer reads first."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from drafting.backends.base import Backend
from drafting.case.vocab import DocumentType, Perspective, Setting
from drafting.intake.assemble import Drafted, assemble, deterministic_facts
from drafting.intake.casefile import header_lines
from drafting.intake.deid import Deidentifier, PhiMap
from drafting.intake.llm import Proposals, propose
from drafting.intake.packet import Packet, read_packet


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
    found = deterministic_facts(packet)
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
    notes = list(drafted.notes)
    if proposals:
        notes += [f"model pass: {line}" for line in proposals.failed_pages]
    header = header_lines(len(paths), today, len(proposals.facts) if proposals else 0,
                          unreadable, refused, notes)
    return IntakeOutcome(packet, drafted, proposals, header, phi_map)
