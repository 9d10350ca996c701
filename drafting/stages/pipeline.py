"""The drafting pipeline run by one ``StageRunner``: retrieve -> criteria -> plan -> context ->
render -> generate (check_citations and store per section) -> the assembled draft. (Export runs
after, on the finished draft: ``Export``.) Every stage's time, tokens and errors go into the
draft's provenance."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from drafting.backends.base import Backend, LearnsCase
from drafting.case import Case
from drafting.criteria.results import ItemResult
from drafting.draft import OFFLINE_LABEL, Draft, Provenance, SectionDraft, StageTiming, Usage
from drafting.outline import load_outline
from drafting.pricing import Prices
from drafting.settings import Settings
from drafting.stages.check import CheckCitations, collect_sources
from drafting.stages.context import BuildContexts
from drafting.stages.criteria import EvaluateCriteria
from drafting.stages.generate import Generate, Progress, SectionHook
from drafting.stages.plan import Plan
from drafting.stages.render import PreparedSection, Render
from drafting.stages.retrieve import Grounding, fixed
from drafting.stages.runner import StageRunner
from guideline_index.excerpt import Excerpt


@dataclass(frozen=True)
class Prepared:
    """A case ready to generate: its grounding, criteria results and rendered section prompts."""

    grounding: Grounding
    results: list[ItemResult]
    sections: list[PreparedSection]

    @property
    def prompt_tokens(self) -> int:
        return sum(s.prompt_tokens for s in self.sections)


def grounded(source: Grounding | Mapping[str, Excerpt], runner: StageRunner) -> Grounding:
    """``source`` as a Grounding; plain excerpts (no retrieval) still pass the retrieve stage."""
    if isinstance(source, Grounding):
        return source
    with runner.record("retrieve"):
        return fixed(source)


def prepare(case: Case, source: Grounding | Mapping[str, Excerpt], runner: StageRunner,
            results: list[ItemResult] | None = None) -> Prepared:
    """Criteria results (evaluated unless given, e.g. with a reviewer's overrides applied), the
    plan, each section's context and its rendered prompt."""
    grounding = grounded(source, runner)
    criteria = EvaluateCriteria(results)
    with runner.record(criteria.name):
        results = criteria.run(case)
    plan = Plan()
    with runner.record(plan.name):
        planned = plan.run(case)
    contexts = BuildContexts(case, results, grounding)
    with runner.record(contexts.name):
        built = contexts.run(planned)
    render = Render()
    with runner.record(render.name) as timing:
        sections = render.run(built)
        timing.prompt_tokens += sum(s.prompt_tokens for s in sections)
    return Prepared(grounding, results, sections)


async def generate(prepared: Prepared, case: Case, backend: Backend, prices: Prices,
                   runner: StageRunner, semaphore: asyncio.Semaphore, *,
                   progress: Progress | None = None, on_section: SectionHook | None = None,
                   reuse: Mapping[str, SectionDraft] | None = None,
                   keys: set[str] | None = None) -> list[SectionDraft]:
    """Draft the prepared sections (only ``keys`` if given); sections in ``reuse`` (by key,
    e.g. stored before a crash) are taken as they are instead of being drafted again."""
    reuse = reuse or {}
    if isinstance(backend, LearnsCase):  # before the first call, not from prompts already sent
        backend.learn_case(case.id, case_texts(case))
    stage = Generate(backend, CheckCitations({f.id for f in case.facts},
                                            set(prepared.grounding.excerpts)), prices,
                     semaphore, runner, progress, on_section)

    async def one(section: PreparedSection) -> SectionDraft:
        kept = reuse.get(section.planned.key)
        if kept is not None:
            stage.progress(section.planned.key, "reused")
            return kept
        return await stage.run(section)

    chosen = [s for s in prepared.sections if keys is None or s.planned.key in keys]
    with runner.record(stage.name) as timing:
        sections = list(await asyncio.gather(*(one(s) for s in chosen)))
        timing.prompt_tokens += sum(s.usage.prompt_tokens for s in sections)
        timing.completion_tokens += sum(s.usage.completion_tokens for s in sections)
    return sections


def case_texts(case: Case) -> Iterator[str]:
    """Every string of the case (patient, documents and their authors, facts, items, prior
    decision, record texts): what a protecting backend learns names and numbers from."""
    def strings(value: object) -> Iterator[str]:
        if isinstance(value, str):
            yield value
        elif isinstance(value, Mapping):
            for item in value.values():
                yield from strings(item)
        elif isinstance(value, list | tuple):
            for item in value:
                yield from strings(item)
    yield from strings(case.model_dump(mode="json"))


def assemble(case: Case, case_hash: str, backend: Backend, prepared: Prepared,
             sections: list[SectionDraft], runner: StageRunner) -> Draft:
    """The draft: sections, criteria results, footnote sources and provenance."""
    with runner.record(CheckCitations.name):
        sources = collect_sources(case, sections, prepared.grounding.excerpts)
    usage = Usage(cost_usd=round(sum(s.usage.cost_usd for s in sections), 6),
                  prompt_tokens=sum(s.usage.prompt_tokens for s in sections),
                  completion_tokens=sum(s.usage.completion_tokens for s in sections))
    provenance = Provenance(
        backend=backend.name, model=backend.model,
        base_url_host=backend.base_url_host, external=backend.external,
        language_model=backend.language_model,
        prompt_hashes={s.key: s.prompt_hash for s in sections},
        template_hashes={s.key: s.template_hash for s in sections},
        excerpt_ids=sorted({e for s in sections for e in s.excerpt_ids}),
        usage=usage, stages=[StageTiming(**t.model_dump()) for t in runner.stages])
    return Draft(
        case_id=case.id, case_hash=case_hash, title=load_outline(case.document_type).title,
        document_type=case.document_type.value, perspective=case.perspective.value,
        setting=case.setting.value, created_at=dt.datetime.now(dt.UTC),
        label=None if backend.language_model else OFFLINE_LABEL, sections=sections,
        criteria=prepared.results, sources=sources, provenance=provenance)


async def draft_case(case: Case, case_hash: str, backend: Backend, settings: Settings,
                     source: Grounding | Mapping[str, Excerpt],
                     progress: Progress | None = None, *, prepared: Prepared | None = None,
                     runner: StageRunner | None = None,
                     semaphore: asyncio.Semaphore | None = None,
                     on_section: SectionHook | None = None,
                     reuse: Mapping[str, SectionDraft] | None = None,
                     close_backend: bool = True) -> Draft:
    """Draft every section of the case and assemble the draft (in memory; the service stores
    it). ``prepared`` (from ``prepare``, with its ``runner``) skips preparing again;
    ``semaphore`` bounds backend calls (default: ``settings.concurrency`` for this draft alone;
    a batch shares one); ``close_backend=False`` leaves a backend shared with other drafts
    open."""
    runner = runner or StageRunner()
    prepared = prepared or prepare(case, source, runner)
    try:
        sections = await generate(prepared, case, backend, Prices.of(settings), runner,
                                  semaphore or asyncio.Semaphore(settings.concurrency),
                                  progress=progress, on_section=on_section, reuse=reuse)
    finally:
        close = getattr(backend, "aclose", None)
        if close is not None and close_backend:  # release pooled connections in this loop
            await close()
    return assemble(case, case_hash, backend, prepared, sections, runner)
