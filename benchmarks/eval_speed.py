"""Eval harness speed: drafts checked per second, without the LLM judge, measured side by side
with and without the embedding-similarity stage, on cold caches (every claim cache cleared
before each pass, so no pass reuses another's work).

The drafts: every example case x every document type, drafted offline (60 drafts), plus the
same drafts each with one injected error (so the support check has doubtful sentences to embed,
as on real drafts). Target: >= 100 drafts/s without the judge.

Run: ``python benchmarks/eval_speed.py`` (writes ``benchmarks/results/eval_speed.txt``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting import citations  # noqa: E402
from drafting.backends.registry import create  # noqa: E402
from drafting.case import load_case  # noqa: E402
from drafting.case.vocab import DocumentType  # noqa: E402
from drafting.pipeline import as_document_type, draft_case  # noqa: E402
from drafting.settings import Settings  # noqa: E402
from evals import claims  # noqa: E402
from evals.checks import outcomes, support  # noqa: E402
from evals.context import EvalContext  # noqa: E402
from evals.harness import evaluate_draft  # noqa: E402
from evals.mutations import MUTATIONS  # noqa: E402
from guideline_index.corpus import excerpts_by_id  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "eval_speed.txt"
TARGET_PER_S = 100
PASSES = 3


def _clear_caches() -> None:
    for fn in (claims.dates, claims.levels, claims.sides, claims.numbers, claims.side_pairs,
               support.content_words, support.word_set):
        fn.cache_clear()
    support.clear_vectors()
    citations.sentences.cache_clear()
    outcomes.stated_outcome.cache_clear()


def main() -> None:
    excerpts = excerpts_by_id()
    settings = Settings()
    backend = create("offline", settings)
    drafts = []
    for path in sorted((ROOT / "examples" / "cases").glob("*.yaml")):
        case = load_case(path)
        for kind in DocumentType:
            variant = as_document_type(case, kind)
            drafts.append((asyncio.run(draft_case(variant, "x", backend, settings, excerpts)),
                           variant))
    rng = random.Random(5)
    mutated = []
    for draft, case in drafts:
        ctx = EvalContext(draft, case, excerpts)
        for mutation in rng.sample(MUTATIONS, len(MUTATIONS)):
            changed = mutation.apply(ctx, rng)
            if changed:
                mutated.append((changed[0], case))
                break
    evaluate_draft(*drafts[0], excerpts, use_embeddings=True)  # load the model once, untimed
    sentences = sum(evaluate_draft(d, c, excerpts).sentences for d, c in drafts)
    lines = [f"eval speed, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: {len(drafts)} clean "
             f"offline drafts ({sentences} sentences) + {len(mutated)} drafts with one injected "
             f"error; {PASSES} passes each, caches cleared before every pass; no LLM judge", "",
             f"{'drafts':<10}{'embeddings':<12}{'cold/s':>8}{'ms':>7}{'warm/s':>9}{'ms':>7}"]
    rates = {}
    for label, batch in (("clean", drafts), ("mutated", mutated)):
        for embeddings in (False, True):
            cold = warm = 0.0
            for _ in range(PASSES):
                _clear_caches()
                for run in ("cold", "warm"):  # warm: the same drafts again, caches kept
                    started = time.perf_counter()
                    for draft, case in batch:
                        evaluate_draft(draft, case, excerpts, use_embeddings=embeddings)
                    rate = len(batch) / (time.perf_counter() - started)
                    if run == "cold":
                        cold = max(cold, rate)
                    else:
                        warm = max(warm, rate)
            rates[(label, embeddings)] = cold
            lines.append(f"{label:<10}{'on' if embeddings else 'off':<12}{cold:>8.0f}"
                         f"{1000 / cold:>7.1f}{warm:>9.0f}{1000 / warm:>7.1f}")
    tracemalloc.start()
    _clear_caches()
    for draft, case in drafts:
        evaluate_draft(draft, case, excerpts)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    slowest = min(rates.values())
    lines += ["", "cold: every claim, word and embedding cache cleared first (a new draft of a "
                  "new case); warm: the same drafts checked again (a QA batch over drafts of "
                  "the same cases, or the mutation study)",
              f"ratio embeddings on / off (mutated drafts, cold): "
                  f"{rates[('mutated', True)] / rates[('mutated', False)]:.2f}",
              f"slowest configuration, cold: {slowest:.0f} drafts/s; target >= {TARGET_PER_S}/s: "
              f"{'met' if slowest >= TARGET_PER_S else 'MISSED'}",
              f"peak Python memory while checking the clean drafts: {peak / 2**20:.1f} MiB"]
    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
