"""Drafting into the draft store: the draft is begun in the store first, every section is saved
the moment it is drafted (with its model call: tokens, cost, timing), and the draft is finished
with its criteria, sources and provenance. A crash keeps every section already saved."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any, TypeVar

from drafting.backends.base import Backend
from drafting.case import Case
from drafting.context import Retriever
from drafting.criteria.results import ItemResult
from drafting.draft import Draft, SectionDraft
from drafting.outline import load_outline
from drafting.pipeline import PreparedSection, Progress, draft_case
from drafting.settings import Settings
from drafting.stages import StageLog
from drafting.store import DraftStore
from guideline_index.excerpt import Excerpt

T = TypeVar("T")


def begin_stored_draft(store: DraftStore, case: Case, case_path: Path | str | None,
                       case_text: str | None, case_hash: str, backend: Backend, *, actor: str,
                       options: dict[str, Any] | None = None, run_id: str | None = None,
                       conn: sqlite3.Connection | None = None) -> str:
    """Record the draft as begun (with the case file's text) and return its id; inside the
    transaction ``conn`` if one is given, else in a transaction of its own."""
    begin = store.begin_draft if conn is None else functools.partial(store.begin_in, conn)
    return begin(
        case, case_path, case_hash, case.document_type.value, case.perspective.value,
        backend.name, backend.model, backend.base_url_host, backend.external,
        language_model=backend.language_model, title=load_outline(case.document_type).title,
        actor=actor, case_text=case_text, options=options, run_id=run_id)


async def draft_into_store(store: DraftStore, draft_id: str, case: Case, case_hash: str,
                           backend: Backend, settings: Settings, excerpts: dict[str, Excerpt],
                           retrieve: Retriever | None = None, *, actor: str,
                           progress: Progress | None = None,
                           prepared: tuple[list[ItemResult], list[PreparedSection]] | None = None,
                           log: StageLog | None = None, semaphore: asyncio.Semaphore | None = None,
                           reuse: dict[str, SectionDraft] | None = None,
                           close_backend: bool = True, writer: Executor | None = None,
                           after_save: Callable[[SectionDraft], None] | None = None) -> Draft:
    """Draft the case into the begun draft ``draft_id`` and finish it in the store. Sections in
    ``reuse`` (already stored, e.g. before a crash) are not drafted again. Store writes run on
    ``writer`` (default: asyncio's thread pool), never blocking the event loop; ``after_save``
    sees each section once it is stored."""
    log = log or StageLog()

    async def store_call(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(
            writer, functools.partial(fn, *args, **kwargs))

    if prepared is None:
        from drafting.pipeline import prepare

        prepared = prepare(case, excerpts, retrieve, log)
    positions = {section.planned.key: n for n, section in enumerate(prepared[1])}

    async def save(section: SectionDraft) -> None:
        await store_call(store.save_section, draft_id, section, backend.name,
                         position=positions.get(section.key))
        if after_save is not None:
            after_save(section)

    draft = await draft_case(case, case_hash, backend, settings, excerpts, retrieve, progress,
                             prepared=prepared, log=log, semaphore=semaphore, on_section=save,
                             reuse=reuse, close_backend=close_backend)
    await store_call(store.finish_draft, draft_id, draft, actor=actor)
    return draft


def reusable(stored: list[SectionDraft]) -> dict[str, SectionDraft]:
    """Stored sections a resumed draft keeps: all but the failed ones (those are drafted again,
    as their next version)."""
    return {section.key: section for section in stored if section.status != "failed"}
