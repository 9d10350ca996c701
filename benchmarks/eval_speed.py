"""Eval harness speed: drafts checked per second, without the LLM judge, measured side by side
with and without the embedding-similarity stage, on cold caches (every claim, word and vector
cache cleared before each pass, so no pass reuses another's work). The embedding model and the
guideline index are opened once per process, before timing, as in any long-running checker;
excerpt vectors are read from the index (where it holds current ones), sentences and facts are
encoded in the timed pass. The index is built for the run in a temporary directory (untimed,
as ``necessity index build`` does once), so the result does not depend on the state of the
user's index.

The drafts: every example case x every document type, drafted offline (60 drafts), plus the
same drafts each with one injected error (so the support check has doubtful sentences to embed,
as on real drafts). Target: >= 100 drafts/s without the judge.

Run: ``python benchmarks/eval_speed.py`` (writes ``benchmarks/results/eval_speed.txt``).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting import citations  # noqa: E402
from drafting.backends.registry import create  # noqa: E402
from drafting.case import (  # noqa: E402
    Case,
    as_document_type,
    load_case,
)
from drafting.case.vocab import DocumentType  # noqa: E402
from drafting.draft import Draft  # noqa: E402
from drafting.settings import Settings  # noqa: E402
from drafting.stages import draft_case  # noqa: E402
from evals import checks, collector, vectors  # noqa: E402
from evals.checks import support  # noqa: E402
from evals.context import EvalContext  # noqa: E402
from evals.harness import evaluate_draft  # noqa: E402
from evals.learned import model as learned_model  # noqa: E402
from evals.mutations import MUTATIONS  # noqa: E402
from guideline_index.corpus import excerpts_by_id  # noqa: E402
from guideline_index.excerpt import Excerpt  # noqa: E402
from guideline_index.search import GuidelineIndex  # noqa: E402

RESULT = ROOT / "benchmarks" / "results" / "eval_speed.txt"
TARGET_PER_S = 100
PASSES = 3


def _clear_caches() -> None:
    checks.clear_caches()  # every claim, word and sentence the checks read, and their findings
    support.clear_vectors()
    citations.sentences.cache_clear()


def _rates(batch: list[tuple[Draft, Case]], excerpts: dict[str, Excerpt], embeddings: bool,
           index_dir: Path) -> tuple[float, float]:
    """Drafts per second, cold and warm, the best of PASSES passes each."""
    cold, warm, _ = _passes(batch, excerpts, embeddings, index_dir)
    return cold, warm


def _passes(batch: list[tuple[Draft, Case]], excerpts: dict[str, Excerpt], embeddings: bool,
            index_dir: Path) -> tuple[float, float, float]:
    """Drafts per second: cold and warm, the best of PASSES passes each, and the worst cold."""
    cold = warm = 0.0
    worst = float("inf")
    for _ in range(PASSES):
        _clear_caches()
        for run in ("cold", "warm"):  # warm: the same drafts again, caches kept
            started = time.perf_counter()
            for draft, case in batch:
                evaluate_draft(draft, case, excerpts, use_embeddings=embeddings,
                               index_dir=index_dir)
            rate = len(batch) / (time.perf_counter() - started)
            if run == "cold":
                cold, worst = max(cold, rate), min(worst, rate)
            else:
                warm = max(warm, rate)
    return cold, warm, worst


def _torch_threads() -> int:
    import torch

    return torch.get_num_threads()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        index_dir = Path(tmp) / "index"
        GuidelineIndex(index_dir).build()
        measure(index_dir)


def measure(index_dir: Path) -> None:
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
    vectors.load_model()  # once per process, untimed, like opening the index here:
    indexed = vectors.indexed(list(excerpts.values()), index_dir)
    sentences = sum(evaluate_draft(d, c, excerpts).sentences for d, c in drafts)
    load_before = os.getloadavg()[0]
    lines = [f"eval speed, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: {len(drafts)} clean "
             f"offline drafts ({sentences} sentences) + {len(mutated)} drafts with one injected "
             f"error; {PASSES} passes each, caches cleared before every pass; no LLM judge", "",
             f"{'drafts':<10}{'embeddings':<12}{'cold/s':>8}{'ms':>7}{'warm/s':>9}{'ms':>7}"]
    rates = {}
    for label, batch in (("clean", drafts), ("mutated", mutated)):
        for embeddings in (False, True):
            cold, warm = _rates(batch, excerpts, embeddings, index_dir)
            rates[(label, embeddings)] = cold
            lines.append(f"{label:<10}{'on' if embeddings else 'off':<12}{cold:>8.0f}"
                         f"{1000 / cold:>7.1f}{warm:>9.0f}{1000 / warm:>7.1f}")
    chosen, by_threads = vectors.ENCODE_THREADS, {}
    for threads in (1, 2):
        vectors.ENCODE_THREADS = threads
        by_threads[threads] = _rates(mutated, excerpts, True, index_dir)[0]
    vectors.ENCODE_THREADS = chosen
    by_collector = {}  # (mutated drafts, embeddings on, cold) CPython's collector as it comes
    for tuned in (False, True):
        collector.set_tuned(tuned)
        best, _, worst = _passes(mutated, excerpts, True, index_dir)
        by_collector[tuned] = (best, worst)
    by_classifier = {}  # (mutated drafts, embeddings on) the sentence classifier's check off / on
    for env in ("off", ""):
        os.environ[learned_model.ENV] = env
        learned_model._load.cache_clear()
        by_classifier[env or "on"] = _rates(mutated, excerpts, True, index_dir)
    os.environ.pop(learned_model.ENV)
    tracemalloc.start()
    _clear_caches()
    for draft, case in drafts:
        evaluate_draft(draft, case, excerpts)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    slowest = min(rates.values())
    lines += ["", "cold: every claim, word and vector cache cleared first (a new draft of a "
                  "new case): the doubtful sentences and the facts they cite are encoded in the "
                  "timed pass; excerpt vectors are read from the guideline index, which stored "
                  f"them when it was built ({indexed} of {len(excerpts)} excerpts; any other "
                  "is encoded in the pass); the embedding model is loaded and the index opened "
                  "once per process, before timing",
              "warm: the same drafts checked again (a QA batch over drafts of the same cases, "
                  "or the mutation study)",
              f"encoding threads (mutated drafts, embeddings on, cold): {by_threads[1]:.0f} "
                  f"drafts/s with 1 torch thread, {by_threads[2]:.0f}/s with 2; the check "
                  f"encodes with {chosen} (evals/vectors.py ENCODE_THREADS; torch's own default "
                  f"here: {_torch_threads()})",
              f"garbage collector (mutated drafts, embeddings on, cold; best / worst of "
                  f"{PASSES} passes): {by_collector[False][0]:.0f} / "
                  f"{by_collector[False][1]:.0f} drafts/s with CPython's defaults, "
                  f"{by_collector[True][0]:.0f} / {by_collector[True][1]:.0f} with "
                  f"evals/collector.py (long-lived objects frozen once loaded, the youngest "
                  f"generation collected every {collector.CHECK_THRESHOLD:,} allocations while "
                  f"checking; the table above uses it)",
              f"load average (1 min, this process included) before / after timing: "
                  f"{load_before:.2f} / {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores",
              f"sentence classifier (evals/learned/; mutated drafts, embeddings on): off "
                  f"{by_classifier['off'][0]:.0f} cold / {by_classifier['off'][1]:.0f} warm "
                  f"drafts/s, on {by_classifier['on'][0]:.0f} / {by_classifier['on'][1]:.0f}; "
                  f"ratio on / off cold {by_classifier['on'][0] / by_classifier['off'][0]:.2f}, "
                  f"warm {by_classifier['on'][1] / by_classifier['off'][1]:.2f} (the table "
                  f"above has it on)",
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
