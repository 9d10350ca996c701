"""The cited fact or excerpt actually supports the sentence: lexical overlap of content words,
and (when enabled) embedding similarity with the shipped MiniLM model."""

from __future__ import annotations

import re

from evals.context import EvalContext
from evals.findings import Finding

STOPWORDS = set("""a an the and or of to in on for with at by from as is was were be been are this
that these those it its their his her they he she which who whom than then there here into onto
about after before during over under not no nor but if so such per each any all both more most
other some only same very can could may might must should would will shall has have had do does
did done also""".split())
LEXICAL_FLOOR = 0.35  # share of the sentence's content words found in the cited source
SEMANTIC_FLOOR = 0.45  # cosine similarity with the cited source, when embeddings are used


def content_words(text: str) -> list[str]:
    return [w[:6] for w in re.findall(r"[a-z][a-z0-9-]+", text.lower())
            if w not in STOPWORDS and len(w) > 2]


def lexical_support(sentence: str, source: str) -> float:
    words = content_words(sentence)
    if not words:
        return 1.0
    have = set(content_words(source))
    return sum(w in have for w in words) / len(words)


def check_support(ctx: EvalContext, use_embeddings: bool = False) -> list[Finding]:
    findings = []
    pending = []
    for sentence in ctx.sentences:
        texts = [t for t in (ctx.source_text(m) for m in sentence.markers) if t]
        if not texts:
            continue
        source = " ".join(texts)
        score = lexical_support(sentence.plain, source)
        if score < LEXICAL_FLOOR:
            pending.append((sentence, source, score))
    similarity = _similarities([(s.plain, src) for s, src, _ in pending]) if (
        use_embeddings and pending) else [0.0] * len(pending)
    for (sentence, _, score), cosine in zip(pending, similarity, strict=True):
        if cosine >= SEMANTIC_FLOOR:
            continue
        detail = f"; embedding similarity {cosine:.2f}" if use_embeddings else ""
        findings.append(Finding(
            check="citation_support", severity="error", section=sentence.section.key,
            sentence=sentence.index, text=sentence.text,
            message=f"the cited source does not support the sentence (word overlap "
                    f"{score:.0%}{detail})"))
    return findings


def _similarities(pairs: list[tuple[str, str]]) -> list[float]:
    from guideline_index.embeddings import embed

    left = embed([a for a, _ in pairs])
    right = embed([b for _, b in pairs])
    return [float(x @ y) for x, y in zip(left, right, strict=True)]
