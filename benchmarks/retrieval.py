"""Retrieval quality and speed, measured side by side in one run.

1. Quality: the labelled queries of ``benchmarks/retrieval_queries.yaml`` (criterion phrasing ->
   excerpt ids a reviewer accepts) against the bundled corpus: recall@5 and MRR for BM25 alone,
   vectors alone and hybrid (reciprocal rank fusion). Target: hybrid recall@5 >= 0.95.
2. Scale: the corpus plus deterministic synthetic filler, 10,000 entries in all: build time and
   p50/p95 latency of filtered hybrid queries. Target: p50 < 30 ms on the 2-core machine.

Run: ``python benchmarks/retrieval.py`` (writes ``benchmarks/results/retrieval.txt``).
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guideline_index.corpus import load_corpus  # noqa: E402
from guideline_index.excerpt import Excerpt  # noqa: E402
from guideline_index.filters import SearchFilters  # noqa: E402
from guideline_index.search import GuidelineIndex  # noqa: E402

QUERIES = ROOT / "benchmarks" / "retrieval_queries.yaml"
RESULT = ROOT / "benchmarks" / "results" / "retrieval.txt"
SCALE = 10_000
K = 5


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))["queries"]


def to_filters(raw: dict | None) -> SearchFilters:
    raw = raw or {}
    on = raw.get("on", raw.get(True))  # YAML 1.1 reads a bare `on:` key as the boolean True
    return SearchFilters(raw.get("setting"), raw.get("procedure"), raw.get("guideline"),
                         dt.date.fromisoformat(str(on)) if on else None)


def quality(index: GuidelineIndex, queries: list[dict]) -> dict[str, tuple[float, float]]:
    scores = {}
    for mode in ("lexical", "vector", "hybrid"):
        recalls, reciprocal = [], []
        for q in queries:
            relevant = set(q["relevant"])
            hits = index.search_hits(q["query"], to_filters(q.get("filters")), k=K, mode=mode)
            ranked = [h.excerpt.id for h in hits]
            recalls.append(len(relevant & set(ranked)) / len(relevant))
            first = next((r for r, i in enumerate(ranked, start=1) if i in relevant), None)
            reciprocal.append(1 / first if first else 0.0)
        scores[mode] = (statistics.mean(recalls), statistics.mean(reciprocal))
    return scores


VOCAB = ("patient pain lumbar cervical thoracic injection therapy relief weeks months dose "
         "function imaging report trial device nerve block physician review criteria guideline "
         "opioid exercise program documented evidence outcome assessment follow-up clinic visit "
         "medication response level side bilateral left right surgery stimulation catheter pump "
         "fluoroscopy contrast needle sedation tolerance activity work sleep mood anxiety").split()


def filler(count: int, seed: int = 7) -> list[Excerpt]:
    """Deterministic synthetic chunks shaped like ingested documents (not real guidance)."""
    rng = random.Random(seed)
    settings = ["ca_workers_comp", "medicare", "commercial", "personal_injury"]
    out = []
    for n in range(count):
        words = " ".join(rng.choice(VOCAB) for _ in range(rng.randint(60, 160)))
        start = dt.date(2005, 1, 1) + dt.timedelta(days=rng.randint(0, 6000))
        out.append(Excerpt(
            id=f"filler-{n:05d}", guideline="Synthetic filler", short="Filler", edition="bench",
            source="benchmarks/retrieval.py", section=f"Filler section {n % 97}",
            page=n % 300 + 1, procedures=["general"], settings=rng.sample(settings, 2),
            effective_from=start, text=words.capitalize() + ".", origin="ingested"))
    return out


def scale(queries: list[dict]) -> dict[str, float]:
    corpus = load_corpus()
    extra = filler(SCALE - len(corpus))
    with tempfile.TemporaryDirectory() as tmp:
        index = GuidelineIndex(Path(tmp) / "index")
        started = time.perf_counter()
        index.build(corpus)
        index.insert(extra)
        index.search_hits("warm up", SearchFilters(), k=K)  # builds BM25 and loads the model
        build = time.perf_counter() - started
        latencies = []
        for q in (queries * 3)[:150]:
            t0 = time.perf_counter()
            index.search_hits(q["query"], to_filters(q.get("filters")), k=K)
            latencies.append((time.perf_counter() - t0) * 1000)
        latencies.sort()
        return {"entries": index.stats()["excerpts"], "build_s": build,
                "p50_ms": latencies[len(latencies) // 2],
                "p95_ms": latencies[int(len(latencies) * 0.95) - 1], "queries": len(latencies)}


def main() -> None:
    queries = load_queries()
    lines = [f"retrieval benchmark, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC, "
             f"{len(queries)} labelled queries, k={K}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        index = GuidelineIndex(Path(tmp) / "index")
        index.build()
        scores = quality(index, queries)
    lines.append(f"{'retriever':<10} {'recall@5':>9} {'MRR':>7}")
    for mode, (recall, mrr) in scores.items():
        lines.append(f"{mode:<10} {recall:>9.3f} {mrr:>7.3f}")
    hybrid = scores["hybrid"][0]
    lines.append(f"hybrid recall@5 target >= 0.95: {'met' if hybrid >= 0.95 else 'NOT met'}")
    lines.append("")
    s = scale(queries)
    lines.append(f"scale: {s['entries']:,} entries (corpus + synthetic filler); build "
                 f"{s['build_s']:.1f} s; filtered hybrid query over {s['queries']} queries: "
                 f"p50 {s['p50_ms']:.1f} ms, p95 {s['p95_ms']:.1f} ms")
    lines.append(f"p50 target < 30 ms: {'met' if s['p50_ms'] < 30 else 'NOT met'}")
    text = "\n".join(lines) + "\n"
    RESULT.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
