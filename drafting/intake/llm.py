"""The optional language-model pass of intake: a model reads each de-identified page and proposes
facts the deterministic extractors did not find. Every proposal is checked before it is kept
(valid values, a statement found word for word on the page after its identifiers are put
back, each value written in that statement outside dates and ids and its date on the page, a
statement about the patient rather than a reviewer or a guideline, not a duplicate) and is
written with ``proposed: true`` until a reviewer accepts it.

Record text always goes through de-identification here, whatever the model's host: the model sees
placeholders only, and the local map restores the real values in what is written.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from drafting.backends.base import Backend, BackendError
from drafting.case import Fact, SourceRef
from drafting.case.tags import known_tags
from drafting.case.vocab import FactCategory, ProcedureFamily
from drafting.deid import Deidentifier
from drafting.intake.extract.found import Found
from drafting.intake.packet import Packet, PacketDocument
from drafting.intake.support import unsupported
from drafting.prompting import Prompt, environment, make_prompt

_JSON_ARRAY = re.compile(r"\[.*\]", re.S)
_SPACE = re.compile(r"\s+")


@dataclass
class Proposals:
    facts: list[tuple[PacketDocument, Found]] = field(default_factory=list)
    rejected: list[str] = field(default_factory=list)  # why each rejected proposal was dropped
    failed_pages: list[str] = field(default_factory=list)
    calls: int = 0


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def page_prompt(doc: PacketDocument, page: int, text: str, already: list[str],
                title: str) -> Prompt:
    """The prompt for one page; ``text``, ``already`` and ``title`` are de-identified."""
    env = environment()
    context = {
        "document": {"id": doc.id, "type": doc.doc.type.value, "date": doc.doc.date.isoformat(),
                     "title": title},
        "page": page, "text": text, "already_found": already,
        "categories": [c.value for c in FactCategory],
        "procedures": [p.value for p in ProcedureFamily], "tags": sorted(known_tags()),
    }
    system = env.get_template("intake_system.j2").render(**context).strip()
    user = env.get_template("intake_page.j2").render(**context).strip()
    return make_prompt("intake_facts", system, user)


def _parse(reply: str) -> list[Any]:
    match = _JSON_ARRAY.search(reply)
    if not match:
        raise ValueError("the reply holds no JSON array")
    data = json.loads(match.group(0))
    if not isinstance(data, list):
        raise ValueError("the reply is not a JSON array")
    return data


def _checked(entry: Any, doc: PacketDocument, page: int, page_text: str,
             deid: Deidentifier) -> Found:
    """A proposal as a fact, identifiers restored, or ValueError saying why it is refused."""
    if not isinstance(entry, dict):
        raise ValueError("not an object")
    entry = {k: v for k, v in entry.items() if v not in (None, "", [])}
    entry.setdefault("date", doc.doc.date.isoformat())
    as_sent = entry.get("statement") if isinstance(entry.get("statement"), str) else ""
    if isinstance(entry.get("statement"), str):
        entry["statement"] = " ".join(deid.restore(entry["statement"]).split())
    try:
        fact = Fact.model_validate({**entry, "id": "F1", "proposed": True,
                                    "source": SourceRef(document=doc.id, page=page)})
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ValueError(f"{where}: {first['msg']}") from None
    unknown = [t for t in fact.tags if t not in known_tags()]
    if unknown:
        raise ValueError(f"unknown tag(s) {', '.join(unknown)}")
    if _norm(fact.statement).rstrip(".") not in _norm(page_text):
        raise ValueError("statement not found on the page")
    why = unsupported(fact, page_text, doc.doc.date, as_sent)
    if why:
        raise ValueError(why)
    return Found(category=fact.category, date=fact.date, statement=fact.statement, page=page,
                 date_precision=fact.date_precision,
                 end_date=fact.end_date, procedure=fact.procedure, laterality=fact.laterality,
                 levels=list(fact.levels), measures=list(fact.measures),
                 percent_relief=fact.percent_relief, duration=fact.duration, dose=fact.dose,
                 mme=fact.mme, tags=list(fact.tags))


async def propose(packet: Packet, found: dict[str, list[Found]], backend: Backend,
                  deid: Deidentifier, concurrency: int = 4) -> Proposals:
    """Ask the model about every readable page; ``found`` maps document id -> facts so far."""
    deid.learn(doc.text for doc in packet.documents)
    result = Proposals()
    semaphore = asyncio.Semaphore(concurrency)

    async def one(doc: PacketDocument, page: int, text: str) -> None:
        here = [f for f in found.get(doc.id, []) if f.page == page]
        prompt = page_prompt(doc, page, deid.deidentify(text),
                             [deid.deidentify(f.statement) for f in here],
                             deid.deidentify(doc.title))
        where = f"{doc.id} ({doc.path.name}) page {page}"
        async with semaphore:
            try:
                completion = await backend.complete(prompt)
            except BackendError as exc:
                result.failed_pages.append(f"{where}: {exc}")
                return
        result.calls += 1
        try:
            entries = _parse(completion.text)
        except ValueError as exc:
            result.failed_pages.append(f"{where}: unusable reply ({exc})")
            return
        # the same words as a fact of the same kind; one sentence may state two kinds
        known = {(_norm(f.statement), f.category) for f in here}
        for entry in entries:
            try:
                fact = _checked(entry, doc, page, text, deid)
            except ValueError as exc:
                result.rejected.append(f"{where}: {exc}")
                continue
            if (_norm(fact.statement), fact.category) in known:
                result.rejected.append(f"{where}: already found")
                continue
            known.add((_norm(fact.statement), fact.category))
            result.facts.append((doc, fact))

    await asyncio.gather(*(one(doc, number, text) for doc in packet.documents
                           for number, text in doc.doc.pages))
    close = getattr(backend, "aclose", None)
    if close is not None:
        await close()
    order = {doc.id: i for i, doc in enumerate(packet.documents)}
    result.facts.sort(key=lambda pair: (order[pair[0].id], pair[1].page))
    return result
