"""Drafting speed and prompt economy, measured side by side in one run.

1. Concurrency: a 6-section draft through the openai backend against the fake OpenAI-compatible
   server on loopback with 300 ms injected latency per call, at concurrency 1 and 6; prints both
   wall times and the ratio of the concurrent draft to the slowest single call (target <= 1.3x).
2. Prompt economy: prompt tokens per draft with our per-section context vs a naive prompt that
   stuffs every fact and the top-20 excerpts into every section (target <= 50%).
3. Offline speed: warm offline draft time per example case (target < 1 s).

Run: ``python benchmarks/drafting.py`` (writes ``benchmarks/results/drafting.txt``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting.backends.registry import create  # noqa: E402
from drafting.case import load_case  # noqa: E402
from drafting.context import excerpt_data, fact_data  # noqa: E402
from drafting.prompting import render_prompt  # noqa: E402
from drafting.settings import Settings  # noqa: E402
from drafting.stages import StageRunner, draft_case, prepare  # noqa: E402
from guideline_index.corpus import excerpts_by_id  # noqa: E402
from guideline_index.filters import SearchFilters  # noqa: E402
from guideline_index.tokens import count_tokens  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "drafting.txt"
CASES = sorted((ROOT / "examples" / "cases").glob("*.yaml"))
LATENCY_S = 0.3
NAIVE_EXCERPTS = 20


def prompt_economy(index) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """(our prompt tokens, naive prompt tokens) summed over every example case's draft."""
    excerpts = excerpts_by_id()
    ours = naive = 0
    for path in CASES:
        case = load_case(path)
        prepared = prepare(case, excerpts, StageRunner()).sections
        query = " ".join(i.service for i in case.disputed_items)
        top = [excerpt_data(e) for e in index.search(
            query, SearchFilters(setting=case.setting.value), k=NAIVE_EXCERPTS)]
        every_fact = [fact_data(case, f) for f in case.facts]
        for section in prepared:
            ours += section.prompt_tokens
            stuffed = dict(section.prompt.context, facts=every_fact, excerpts=top)
            prompt = render_prompt(section.planned.spec.kind, stuffed)
            naive += count_tokens(f"{prompt.system}\n{prompt.user}")
    return ours, naive


def offline_times() -> list[float]:
    settings, excerpts = Settings(), excerpts_by_id()
    backend = create("offline", settings)
    times = []
    for path in CASES:
        case = load_case(path)
        asyncio.run(draft_case(case, "bench", backend, settings, excerpts))  # warm
        started = time.perf_counter()
        asyncio.run(draft_case(case, "bench", backend, settings, excerpts))
        times.append(time.perf_counter() - started)
    return times


def concurrency() -> tuple[float, float, float, int] | None:
    """(wall at concurrency 1, wall at 6, slowest single call, sections) against the fake
    server, or None when the fake server is not available."""
    try:
        sys.path.insert(0, str(ROOT / "tests"))
        from fakes.openai_server import FakeOpenAIServer, reply_fn
    except ImportError:
        return None
    case = load_case(ROOT / "examples" / "cases" / "medicare-lumbar-facet-rfa.yaml")
    excerpts = excerpts_by_id()
    walls: dict[int, float] = {}
    slowest = 0.0
    sections = 0
    with FakeOpenAIServer(reply_fn(echo_citations), latency_s=LATENCY_S) as server:
        for workers in (1, 6):
            settings = Settings(backend="openai", base_url=server.base_url, model="fake",
                                concurrency=workers, retries=0, api_key="bench")
            backend = create("openai", settings)
            started = time.perf_counter()
            draft = asyncio.run(draft_case(case, "bench", backend, settings, excerpts))
            walls[workers] = time.perf_counter() - started
            slowest = max(slowest, max(s.seconds for s in draft.sections))
            sections = len(draft.sections)
    return walls[1], walls[6], slowest, sections


def echo_citations(request: dict) -> str:
    """A well-behaved model: one sentence citing the first fact and excerpt it was given."""
    import json
    import re

    user = request["messages"][-1]["content"]
    data = json.loads(re.search(r"<case_record>\n(.*)\n</case_record>", user, re.S).group(1))
    facts = [f"[{f['id']}]" for f in data["facts"][:1]]
    excerpts = [f"[G:{e['id']}]" for e in data["excerpts"][:1]]
    return f"The record is summarised here {''.join(facts + excerpts)}."


def main() -> None:
    from tempfile import TemporaryDirectory

    from guideline_index.search import GuidelineIndex

    lines = [f"drafting benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC", ""]
    measured = concurrency()
    if measured is None:
        lines.append("concurrency: fake OpenAI-compatible server not available (tests/fakes)")
    else:
        serial, parallel, slowest, sections = measured
        lines.append(f"concurrency ({sections} sections, {LATENCY_S * 1000:.0f} ms injected "
                     f"latency per call): concurrency 1 {serial:.2f} s, concurrency 6 "
                     f"{parallel:.2f} s; slowest single call {slowest:.2f} s; ratio "
                     f"{parallel / slowest:.2f}x (target <= 1.3x: "
                     f"{'met' if parallel / slowest <= 1.3 else 'NOT met'})")
    with TemporaryDirectory() as tmp:
        index = GuidelineIndex(Path(tmp) / "index")
        index.build()
        ours, naive = prompt_economy(index)
    lines.append(f"prompt tokens over {len(CASES)} example drafts: ours {ours:,}, naive "
                 f"(every fact + top-{NAIVE_EXCERPTS} excerpts in every section) {naive:,}; "
                 f"ratio {ours / naive:.0%} (target <= 50%: "
                 f"{'met' if ours <= naive / 2 else 'NOT met'})")
    times = offline_times()
    lines.append(f"offline draft, warm, per case: median {statistics.median(times) * 1000:.0f} ms,"
                 f" max {max(times) * 1000:.0f} ms over {len(times)} cases (target < 1 s: "
                 f"{'met' if max(times) < 1 else 'NOT met'})")
    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
