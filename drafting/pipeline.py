"""The drafting pipeline: case + index -> criteria -> section prompts -> backend -> citation
check -> draft. Each stage is timed; every backend call's tokens are counted."""

from __future__ import annotations

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass

from drafting.backends.base import Backend, BackendError, Prompt
from drafting.case import Case, DisputedItem
from drafting.case.vocab import PERSPECTIVES_BY_TYPE, DocumentType, Perspective
from drafting.citations import check_citations
from drafting.context import Retriever, build_context, fact_label
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult
from drafting.draft import (
    OFFLINE_LABEL,
    Draft,
    Provenance,
    SectionDraft,
    Source,
    StageTiming,
    Usage,
)
from drafting.outline import PlannedSection, load_outline, plan_sections
from drafting.prompting import render_prompt, render_text, section_template_hash
from drafting.settings import Settings
from drafting.stages import StageLog
from guideline_index.excerpt import Excerpt
from guideline_index.tokens import count_prompt_tokens

Progress = Callable[[str, str], None]  # (section key, event)
# Called with each section as soon as it is drafted (e.g. to store it before the rest finish).
SectionHook = Callable[[SectionDraft], Awaitable[None]]


class DraftRequestError(ValueError):
    """The request cannot be drafted as asked (e.g. a perspective the document type forbids)."""


@dataclass(frozen=True)
class PreparedSection:
    planned: PlannedSection
    prompt: Prompt
    prompt_tokens: int


def with_overrides(case: Case, document_type: DocumentType | None,
                   perspective: Perspective | None) -> Case:
    document_type = document_type or case.document_type
    perspective = perspective or case.perspective
    if perspective not in PERSPECTIVES_BY_TYPE[document_type]:
        allowed = ", ".join(sorted(p.value for p in PERSPECTIVES_BY_TYPE[document_type]))
        raise DraftRequestError(f"a {document_type.value} is not written from the "
                                f"{perspective.value} perspective; use one of: {allowed}")
    return case.model_copy(update={"document_type": document_type, "perspective": perspective})


def as_document_type(case: Case, document_type: DocumentType) -> Case:
    """The case as another document type, keeping its perspective where that type allows it,
    else taking the type's first allowed perspective (how suites and tests draft every type)."""
    allowed = PERSPECTIVES_BY_TYPE[document_type]
    chosen = case.perspective if case.perspective in allowed else sorted(allowed)[0]
    return with_overrides(case, document_type, chosen)


def prepare(case: Case, excerpts: dict[str, Excerpt], retrieve: Retriever | None,
            log: StageLog, results: list[ItemResult] | None = None
            ) -> tuple[list[ItemResult], list[PreparedSection]]:
    """Criteria results (evaluated unless given, e.g. with a reviewer's overrides applied) and
    every section's rendered prompt."""
    with log.stage("criteria"):
        results = evaluate_case(case) if results is None else results
    with log.stage("prompts") as timing:
        prepared = []
        for planned in plan_sections(case, case.document_type):
            context = build_context(planned, case, results, excerpts, retrieve)
            prompt = render_prompt(planned.spec.kind, context)
            tokens = count_prompt_tokens(f"{prompt.system}\n{prompt.user}")
            timing.prompt_tokens += tokens
            prepared.append(PreparedSection(planned, prompt, tokens))
    return results, prepared


async def draft_section(section: PreparedSection, backend: Backend, case: Case,
                        known_excerpts: set[str], semaphore: asyncio.Semaphore,
                        settings: Settings, progress: Progress,
                        on_section: SectionHook | None = None) -> SectionDraft:
    """Draft one prepared section (one backend call, and one repair round if a language model
    cited something it was not given); a backend failure marks the section failed."""
    planned, context = section.planned, section.prompt.context
    draft = SectionDraft(
        key=planned.key, kind=planned.spec.kind, title=planned.title,
        item_id=planned.item.id if planned.item else None,
        fact_ids=[f["id"] for f in context["facts"]],
        excerpt_ids=[e["id"] for e in context["excerpts"]],
        prompt_hash=section.prompt.hash, template_hash=section_template_hash(planned.spec.kind))
    facts = {f.id for f in case.facts}
    async with semaphore:
        progress(planned.key, "started")
        started = time.perf_counter()
        try:
            completion = await backend.complete(section.prompt)
            draft.attempts = completion.attempts
            _add_usage(draft.usage, completion.prompt_tokens, completion.completion_tokens,
                       settings, backend.language_model)
            draft.text = completion.text.strip()
            draft.citations = check_citations(
                draft.text, case_facts=facts, known_excerpts=known_excerpts,
                supplied_facts=draft.fact_ids, supplied_excerpts=draft.excerpt_ids)
            if draft.invalid_citations and backend.language_model:
                await _repair(draft, section.prompt, backend, facts, known_excerpts, settings)
        except BackendError as exc:
            draft.status, draft.error = "failed", str(exc)
            draft.attempts = exc.attempts
        draft.seconds = round(time.perf_counter() - started, 4)
    if on_section is not None:  # outside the semaphore: storing never holds a call slot
        await on_section(draft)
    progress(planned.key, draft.status)
    return draft


async def _repair(draft: SectionDraft, prompt: Prompt, backend: Backend, facts: set[str],
                  known_excerpts: set[str], settings: Settings) -> None:
    """One round asking the backend to fix only the invalid citations."""
    request = render_text("repair.j2", {"invalid": draft.invalid_citations, "text": draft.text,
                                        "fact_ids": draft.fact_ids,
                                        "excerpt_ids": draft.excerpt_ids})
    repair = Prompt(kind="repair", system=prompt.system, user=request, hash=prompt.hash,
                    context=prompt.context)
    completion = await backend.complete(repair)
    _add_usage(draft.usage, completion.prompt_tokens, completion.completion_tokens, settings)
    text = completion.text.strip()
    citations = check_citations(text, case_facts=facts, known_excerpts=known_excerpts,
                                supplied_facts=draft.fact_ids, supplied_excerpts=draft.excerpt_ids)
    if text and len([c for c in citations if not c.valid]) < len(draft.invalid_citations):
        draft.text, draft.citations = text, citations
        draft.status = "repaired"


def _add_usage(usage: Usage, prompt_tokens: int, completion_tokens: int, settings: Settings,
               charged: bool = True) -> None:
    usage.prompt_tokens += prompt_tokens
    usage.completion_tokens += completion_tokens
    if charged:  # the offline composer costs nothing
        usage.cost_usd = round(usage.cost_usd + prompt_tokens / 1000 * settings.price_prompt_per_1k
                               + completion_tokens / 1000 * settings.price_completion_per_1k, 6)


def _sources(case: Case, sections: list[SectionDraft],
             excerpts: dict[str, Excerpt]) -> dict[str, Source]:
    facts = {f.id: f for f in case.facts}
    sources: dict[str, Source] = {}
    for citation in (c for s in sections for c in s.citations if c.valid):
        if citation.marker in sources:
            continue
        if citation.kind == "fact":
            fact = facts[citation.target]
            sources[citation.marker] = Source(marker=citation.marker, kind="fact",
                                              label=f"{fact.id}: {fact_label(case, fact)}",
                                              text=fact.statement)
        else:
            excerpt = excerpts[citation.target]
            sources[citation.marker] = Source(marker=citation.marker, kind="excerpt",
                                              label=excerpt.citation, text=excerpt.text)
    return sources


async def draft_case(case: Case, case_hash: str, backend: Backend, settings: Settings,
                     excerpts: dict[str, Excerpt], retrieve: Retriever | None = None,
                     progress: Progress | None = None, *,
                     prepared: tuple[list[ItemResult], list[PreparedSection]] | None = None,
                     log: StageLog | None = None, semaphore: asyncio.Semaphore | None = None,
                     on_section: SectionHook | None = None,
                     reuse: Mapping[str, SectionDraft] | None = None,
                     close_backend: bool = True) -> Draft:
    """Draft every section of the case and assemble the draft.

    ``prepared`` (from ``prepare``, with its ``log``) skips preparing again; ``semaphore`` bounds
    backend calls (default: ``settings.concurrency`` for this draft alone; a batch shares one);
    ``on_section`` sees each section as it is drafted; sections in ``reuse`` (by key, e.g. stored
    before a crash) are taken as they are instead of being drafted again; ``close_backend=False``
    leaves a backend shared with other drafts open."""
    log = log or StageLog()
    results, prepared_sections = prepared or prepare(case, excerpts, retrieve, log)
    semaphore = semaphore or asyncio.Semaphore(settings.concurrency)
    reuse = reuse or {}
    report = progress or (lambda key, event: None)
    known_excerpts = set(excerpts)

    async def one(section: PreparedSection) -> SectionDraft:
        kept = reuse.get(section.planned.key)
        if kept is not None:
            report(section.planned.key, "reused")
            return kept
        return await draft_section(section, backend, case, known_excerpts, semaphore, settings,
                                   report, on_section)

    with log.stage("backend") as timing:
        sections = await asyncio.gather(*(one(s) for s in prepared_sections))
        close = getattr(backend, "aclose", None)
        if close is not None and close_backend:  # release pooled connections in this loop
            await close()
        timing.prompt_tokens = sum(s.usage.prompt_tokens for s in sections)
        timing.completion_tokens = sum(s.usage.completion_tokens for s in sections)
    with log.stage("citations"):
        sources = _sources(case, list(sections), excerpts)
    usage = Usage(cost_usd=round(sum(s.usage.cost_usd for s in sections), 6))
    for section in sections:
        usage.prompt_tokens += section.usage.prompt_tokens
        usage.completion_tokens += section.usage.completion_tokens
    provenance = Provenance(
        backend=backend.name, model=backend.model,
        base_url_host=backend.base_url_host, external=backend.external,
        language_model=backend.language_model,
        prompt_hashes={s.key: s.prompt_hash for s in sections},
        template_hashes={s.key: s.template_hash for s in sections},
        excerpt_ids=sorted({e for s in sections for e in s.excerpt_ids}),
        usage=usage, stages=[StageTiming(**t.model_dump()) for t in log.stages])
    return Draft(
        case_id=case.id, case_hash=case_hash, title=load_outline(case.document_type).title,
        document_type=case.document_type.value, perspective=case.perspective.value,
        setting=case.setting.value, created_at=dt.datetime.now(dt.UTC),
        label=None if backend.language_model else OFFLINE_LABEL, sections=list(sections),
        criteria=results, sources=sources, provenance=provenance)


def service_day(case: Case, item: DisputedItem | None) -> dt.date | None:
    if item is not None:
        return item.date_of_service
    return case.dates.request or case.dates.review or None
