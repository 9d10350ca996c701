"""BM25 over the catalog (bm25s, English stemming), with filters applied as a weight mask."""

from __future__ import annotations

import bm25s
import numpy as np
import Stemmer

from guideline_index.excerpt import Excerpt

_STEMMER = Stemmer.Stemmer("english")
# Keep one-character tokens and digits too: levels (L5), sides and thresholds (50, 90) matter.
_TOKEN_PATTERN = r"(?u)\b\w+\b"


def searchable_text(excerpt: Excerpt) -> str:
    """What BM25 matches: the citation parts, topics, text and our note (the note helps finding;
    only ``text`` is ever cited as the guideline)."""
    return (f"{excerpt.short} {excerpt.section} {' '.join(excerpt.topics)} {excerpt.text} "
            f"{excerpt.note or ''}")


def _tokenize(texts: list[str]):  # type: ignore[no-untyped-def]
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, token_pattern=_TOKEN_PATTERN,
                          show_progress=False)


class LexicalIndex:
    def __init__(self, excerpts: list[Excerpt]):
        self.ids = [e.id for e in excerpts]
        self.model = bm25s.BM25()
        if excerpts:
            self.model.index(_tokenize([searchable_text(e) for e in excerpts]),
                             show_progress=False)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        if not self.ids:
            return []
        k = min(k, len(self.ids) if mask is None else int(mask.sum()))
        if k <= 0:
            return []
        docs, scores = self.model.retrieve(_tokenize([query]), k=k, show_progress=False,
                                           weight_mask=mask)
        return [(self.ids[d], float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0]
