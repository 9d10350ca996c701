"""Drafting use cases: prepare (a dry run, a budget estimate), begin a draft in the store, draft
it section by section into the store (each section saved the moment it is drafted, the draft
finished with its criteria, sources and provenance), or draft in memory (eval suites). A crash
keeps every section already saved."""

from __future__ import annotations

import asyncio
import functools
import sqlite3
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from dataclasses import dataclass

from drafting.backends.base import Backend
from drafting.backends.registry import create
from drafting.case import Case, DraftRequestError, recast
from drafting.criteria.results import ItemResult
from drafting.draft import Draft, SectionDraft
from drafting.outline import load_outline, supports
from drafting.pricing import FIRST_GUESS_COMPLETION_TOKENS, Prices
from drafting.service.defaults import Defaults
from drafting.service.requests import DraftRequest
from drafting.settings import Settings
from drafting.sources import GuidelineSources
from drafting.stages import (
    EvaluateCriteria,
    Grounding,
    Prepared,
    Progress,
    Retrieve,
    SaveSection,
    StageRunner,
    draft_case,
    prepare,
)
from drafting.stages.store import on_writer
from drafting.store import DraftStore


@dataclass(frozen=True)
class Estimate:
    prompt_tokens: int
    completion_tokens: int
    cost_usd: float


@dataclass(frozen=True)
class Preparation:
    """A case prepared to draft (criteria, plan, prompts), with the runner that recorded it."""

    case: Case
    prepared: Prepared
    runner: StageRunner


def reusable(stored: list[SectionDraft]) -> dict[str, SectionDraft]:
    """Stored sections a resumed draft keeps: all but the failed ones (those are drafted again,
    as their next version)."""
    return {section.key: section for section in stored if section.status != "failed"}


class Drafting:
    def __init__(self, settings: Settings, sources: GuidelineSources, defaults: Defaults,
                 store: Callable[[], DraftStore]):
        self.settings = settings
        self.sources = sources
        self.defaults = defaults
        self._store = store
        self.prices = Prices.of(settings)

    @property
    def store(self) -> DraftStore:
        return self._store()

    def backend(self, name: str | None = None) -> Backend:
        """The named backend (default: the settings'); raises KeyError for an unknown name and
        BackendError for one that may not be used (an external host without consent)."""
        return create(name or self.settings.backend, self.settings)

    def case_of(self, request: DraftRequest) -> Case:
        """The request's case as the document type and perspective asked for (DraftRequestError
        if the type is not written from that perspective, or is an appeal of a case that
        records no denial)."""
        case = recast(request.loaded.case, request.document_type, request.perspective)
        if not supports(case, case.document_type):
            raise DraftRequestError(
                f"an {case.document_type.value} answers a denial, and case {case.id} records "
                "none (no dates.denial, and no prior_decision that denied or modified a "
                "request); add the denial to the case file, or draft a pre-denial dossier "
                "instead: --type predenial_dossier")
        return case

    def retrieval(self, asked: bool | None, *, bulk: bool = False) -> bool:
        if asked is not None:
            return asked
        return self.defaults.bulk_retrieval if bulk else self.defaults.retrieval

    def criteria(self, case: Case) -> list[ItemResult]:
        """The criteria engine's results for every disputed item (``necessity criteria check``)."""
        return EvaluateCriteria().run(case)

    def ground(self, case: Case, retrieval: bool, runner: StageRunner) -> Grounding:
        stage = Retrieve(self.sources, retrieval)
        with runner.record(stage.name):
            return stage.run(case)

    def prepare(self, case: Case, retrieval: bool) -> Preparation:
        runner = StageRunner()
        prepared = prepare(case, self.ground(case, retrieval, runner), runner)
        return Preparation(case, prepared, runner)

    def estimate(self, prepared: Prepared) -> Estimate:
        """What drafting the prepared sections may cost (a dry run prints this)."""
        completion = FIRST_GUESS_COMPLETION_TOKENS * len(prepared.sections)
        return Estimate(prepared.prompt_tokens, completion,
                        self.prices.cost(prepared.prompt_tokens, completion))

    def begin(self, request: DraftRequest, case: Case, backend: Backend, retrieval: bool, *,
              conn: sqlite3.Connection | None = None) -> str:
        """Record the draft as begun (with its case file's text and how it is made) and return
        its id; inside the transaction ``conn`` if one is given, else in its own."""
        loaded = request.loaded
        begin = self.store.begin_draft if conn is None else functools.partial(
            self.store.begin_in, conn)
        return begin(case, loaded.name, loaded.case_hash, case.document_type.value,
                     case.perspective.value, backend.name, backend.model,
                     backend.base_url_host, backend.external,
                     language_model=backend.language_model,
                     title=load_outline(case.document_type).title, actor=request.actor,
                     case_text=loaded.text, run_id=request.run_id,
                     options={"retrieval": retrieval, **request.options})

    async def into_store(self, draft_id: str, case: Case, case_hash: str, backend: Backend,
                         *, actor: str, retrieval: bool = False,
                         preparation: Preparation | None = None,
                         progress: Progress | None = None,
                         semaphore: asyncio.Semaphore | None = None,
                         reuse: Mapping[str, SectionDraft] | None = None,
                         close_backend: bool = True, writer: Executor | None = None,
                         after_save: Callable[[SectionDraft], None] | None = None) -> Draft:
        """Draft the case into the begun draft ``draft_id`` and finish it in the store. Sections
        in ``reuse`` (already stored, e.g. before a crash) are not drafted again. Store writes
        run on ``writer`` (default: asyncio's thread pool), never blocking the event loop;
        ``after_save`` sees each section once it is stored."""
        preparation = preparation or self.prepare(case, retrieval)
        runner = preparation.runner
        positions = {s.planned.key: n for n, s in enumerate(preparation.prepared.sections)}
        save = SaveSection(self.store, draft_id, backend.name, positions, runner, writer,
                           after_save)

        async def saved(section: SectionDraft) -> None:
            await save.run(section)

        prepared = preparation.prepared
        draft = await draft_case(case, case_hash, backend, self.settings, prepared.grounding,
                                 progress, prepared=prepared, runner=runner,
                                 semaphore=semaphore, on_section=saved, reuse=reuse,
                                 close_backend=close_backend)
        with runner.record(save.name):
            await on_writer(writer, self._finish, draft_id, draft, actor)
        return draft

    def _finish(self, draft_id: str, draft: Draft, actor: str) -> None:
        self.store.finish_draft(draft_id, draft, actor=actor)

    def draft(self, request: DraftRequest, *, backend: Backend | None = None,
              progress: Progress | None = None,
              on_begun: Callable[[str, int], None] | None = None,
              interrupted_because: str = "drafting stopped") -> tuple[str, Draft]:
        """Begin and draft one request in the store (with ``backend`` if already made, else the
        request's); returns its id and the draft. ``on_begun`` hears the new id and the number of
        sections. If drafting stops (an error, Ctrl-C) the draft is kept as incomplete with the
        sections already stored, and the error propagates."""
        case = self.case_of(request)
        backend = backend or self.backend(request.backend)
        retrieval = self.retrieval(request.retrieval)
        preparation = self.prepare(case, retrieval)
        draft_id = self.begin(request, case, backend, retrieval)
        if on_begun is not None:
            on_begun(draft_id, len(preparation.prepared.sections))
        try:
            draft = asyncio.run(self.into_store(
                draft_id, case, request.loaded.case_hash, backend, actor=request.actor,
                preparation=preparation, progress=progress))
        except BaseException:
            self.store.interrupt_draft(draft_id, request.actor, interrupted_because)
            raise
        return draft_id, draft

    def in_memory(self, case: Case, case_hash: str, backend: Backend,
                  retrieval: bool = False) -> Draft:
        """Draft without storing (eval suites draft every case and document type this way)."""
        runner = StageRunner()
        grounding = self.ground(case, retrieval, runner)
        return asyncio.run(draft_case(case, case_hash, backend, self.settings, grounding,
                                      runner=runner))

    def resume(self, draft_id: str, actor: str) -> dict[str, SectionDraft]:
        """Take over an unfinished draft whose process died: the sections it keeps."""
        return reusable(self.store.resume_draft(draft_id, actor))
