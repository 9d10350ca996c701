"""An optional LLM judge for citation support, through the ``openai`` backend (any
OpenAI-compatible server). Off by default; its verdicts decide sentences the lexical and
embedding tests doubt, and add warnings elsewhere."""

from __future__ import annotations

import asyncio
import re

from drafting.backends.base import Backend, BackendError
from drafting.prompting import make_prompt, render_text

BATCH = 8  # pairs per call
_LINE = re.compile(r"^\s*(\d+)\s*[:.)]\s*(SUPPORTED|UNSUPPORTED)\b\s*[-:]*\s*(.*)$", re.I | re.M)

Verdict = tuple[bool, str] | None


def parse_verdicts(text: str, count: int) -> list[Verdict]:
    """Verdicts by pair number; a pair the reply skips or garbles gets None (no verdict)."""
    found: dict[int, tuple[bool, str]] = {}
    for number, word, reason in _LINE.findall(text):
        index = int(number) - 1
        if 0 <= index < count and index not in found:
            found[index] = (word.upper() == "SUPPORTED", reason.strip() or word.lower())
    return [found.get(i) for i in range(count)]


class LLMJudge:
    def __init__(self, backend: Backend, concurrency: int = 4) -> None:
        self.backend = backend
        self.concurrency = concurrency
        self.failures: list[str] = []
        # (sentence, source) -> verdict: a QA batch re-checks the same sentences (a draft
        # evaluated again after one edit) and the judge's answer at a fixed prompt is the same;
        # a pair without a verdict (failed or garbled) is asked again next time.
        self.known: dict[tuple[str, str], tuple[bool, str]] = {}
        self.calls = 0

    def verdicts(self, pairs: list[tuple[str, str]]) -> list[Verdict]:
        asked = list(dict.fromkeys(p for p in pairs if p not in self.known))
        if asked:
            for pair, verdict in zip(asked, asyncio.run(self._all(asked)), strict=True):
                if verdict is not None:
                    self.known[pair] = verdict
        return [self.known.get(p) for p in pairs]

    async def _all(self, pairs: list[tuple[str, str]]) -> list[Verdict]:
        gate = asyncio.Semaphore(self.concurrency)
        batches = [pairs[i:i + BATCH] for i in range(0, len(pairs), BATCH)]
        results = await asyncio.gather(*(self._batch(b, gate) for b in batches))
        close = getattr(self.backend, "aclose", None)
        if close is not None:
            await close()
        return [v for batch in results for v in batch]

    async def _batch(self, pairs: list[tuple[str, str]], gate: asyncio.Semaphore
                     ) -> list[Verdict]:
        prompt = make_prompt("judge", render_text("judge_system.j2", {}),
                             render_text("judge.j2", {"pairs": pairs}))
        async with gate:
            self.calls += 1
            try:
                completion = await self.backend.complete(prompt)
            except BackendError as exc:
                self.failures.append(str(exc))
                return [None] * len(pairs)
        return parse_verdicts(completion.text, len(pairs))
