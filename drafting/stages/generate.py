"""Stage ``generate``: one backend call per section (bounded by a semaphore shared across a
draft, or across a batch), its citations checked at once (stage ``check_citations``), one repair
round if a language model cited something it was not given, and the section stored as soon as it
is drafted (stage ``store``). A backend failure marks the section failed, never the draft."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import ClassVar

from drafting.backends.base import Backend, BackendError
from drafting.draft import SectionDraft
from drafting.pricing import Prices
from drafting.prompting import Prompt, render_text, section_template_hash
from drafting.stages.check import CheckCitations
from drafting.stages.render import PreparedSection
from drafting.stages.runner import StageRunner

Progress = Callable[[str, str], None]  # (section key, event)
# Called with each section as soon as it is drafted (e.g. to store it before the rest finish).
SectionHook = Callable[[SectionDraft], Awaitable[None]]


def _quiet(key: str, event: str) -> None:
    return None


class Generate:
    name: ClassVar[str] = "generate"

    def __init__(self, backend: Backend, check: CheckCitations, prices: Prices,
                 semaphore: asyncio.Semaphore, runner: StageRunner,
                 progress: Progress | None = None, on_section: SectionHook | None = None):
        self.backend = backend
        self.check = check
        self.prices = prices
        self.semaphore = semaphore
        self.runner = runner
        self.progress = progress or _quiet
        self.on_section = on_section

    async def run(self, section: PreparedSection) -> SectionDraft:
        planned, context = section.planned, section.prompt.context
        draft = SectionDraft(
            key=planned.key, kind=planned.spec.kind, title=planned.title,
            item_id=planned.item.id if planned.item else None,
            fact_ids=[f["id"] for f in context["facts"]],
            excerpt_ids=[e["id"] for e in context["excerpts"]],
            prompt_hash=section.prompt.hash,
            template_hash=section_template_hash(planned.spec.kind))
        backend = self.backend
        async with self.semaphore:
            self.progress(planned.key, "started")
            started = time.perf_counter()
            try:
                completion = await backend.complete(section.prompt)
                draft.attempts = completion.attempts
                self.prices.charge(draft.usage, completion.prompt_tokens,
                                   completion.completion_tokens, backend.language_model)
                draft.text = completion.text.strip()
                with self.runner.record(CheckCitations.name):
                    draft.citations = self.check.run(draft)
                if draft.invalid_citations and backend.language_model:
                    await self._repair(draft, section.prompt)
            except BackendError as exc:
                draft.status, draft.error = "failed", str(exc)
                draft.attempts = exc.attempts
                self.runner.timing(self.name).errors.append(f"{planned.key}: {exc}")
            draft.seconds = round(time.perf_counter() - started, 4)
        if self.on_section is not None:  # outside the semaphore: storing never holds a call slot
            await self.on_section(draft)
        self.progress(planned.key, draft.status)
        return draft

    async def _repair(self, draft: SectionDraft, prompt: Prompt) -> None:
        """One round asking the backend to fix only the invalid citations."""
        request = render_text("repair.j2", {"invalid": draft.invalid_citations,
                                            "text": draft.text, "fact_ids": draft.fact_ids,
                                            "excerpt_ids": draft.excerpt_ids})
        repair = Prompt(kind="repair", system=prompt.system, user=request, hash=prompt.hash,
                        context=prompt.context)
        completion = await self.backend.complete(repair)
        self.prices.charge(draft.usage, completion.prompt_tokens, completion.completion_tokens)
        repaired = draft.model_copy(update={"text": completion.text.strip()})
        with self.runner.record(CheckCitations.name):
            citations = self.check.run(repaired)
        if repaired.text and len([c for c in citations if not c.valid]) < len(
                draft.invalid_citations):
            draft.text, draft.citations = repaired.text, citations
            draft.status = "repaired"
