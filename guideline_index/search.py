"""The guideline index: a catalog of excerpts, a BM25 index and a Chroma collection over the same
entries, searched together by reciprocal rank fusion with metadata filters."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np

from guideline_index.catalog import Catalog
from guideline_index.corpus import load_corpus
from guideline_index.excerpt import Excerpt
from guideline_index.filters import FilterColumns, SearchFilters
from guideline_index.ingest.document import DocumentSpec, ingest_file
from guideline_index.lexical import LexicalIndex
from guideline_index.vectors import VectorIndex

Mode = Literal["hybrid", "lexical", "vector"]
RRF_K = 60  # the usual reciprocal-rank-fusion constant (Cormack et al., 2009)


@dataclass(frozen=True)
class Hit:
    excerpt: Excerpt
    score: float
    lexical_rank: int | None
    vector_rank: int | None


@dataclass(frozen=True)
class AddResult:
    path: Path
    content_hash: str
    added: bool
    excerpt_ids: list[str]
    empty_pages: list[int]


def vector_dir(directory: Path) -> Path:
    """Where an index at ``directory`` keeps its embedded Chroma store."""
    return directory / "chroma"


class GuidelineIndex:
    def __init__(self, directory: Path, chroma_host: str | None = None,
                 chroma_port: int | None = None):
        self.directory = directory
        self.catalog = Catalog.open(directory)
        self.vectors = VectorIndex(vector_dir(directory), chroma_host, chroma_port)
        self._lexical: LexicalIndex | None = None
        self._columns: FilterColumns | None = None

    # ------------------------------------------------------------------ building
    def build(self, corpus: tuple[Excerpt, ...] | None = None) -> int:
        """(Re)load the bundled corpus: add new and changed excerpts, drop retired ones, keep
        ingested documents. Returns the number of bundled excerpts."""
        corpus = load_corpus() if corpus is None else corpus
        current = {e.id for e in corpus}
        retired = [i for i, e in self.catalog.excerpts.items()
                   if e.origin == "corpus" and i not in current]
        for excerpt_id in retired:
            del self.catalog.excerpts[excerpt_id]
        self.catalog.excerpts.update({e.id: e for e in corpus})
        self.vectors.delete(retired)
        self.vectors.upsert(list(corpus))
        self._commit()
        return len(corpus)

    def add(self, path: Path, spec: DocumentSpec) -> AddResult:
        """Ingest a document; adding the same content again changes nothing."""
        document = ingest_file(path, spec)
        known = self.catalog.ingested.get(document.content_hash)
        if known:
            return AddResult(path, document.content_hash, False, known["excerpt_ids"],
                             known["empty_pages"])
        ids = [e.id for e in document.excerpts]
        self.catalog.ingested[document.content_hash] = {
            "file": path.name, "source": spec.source, "excerpt_ids": ids,
            "empty_pages": document.empty_pages,
        }
        self.insert(document.excerpts)
        return AddResult(path, document.content_hash, True, ids, document.empty_pages)

    def insert(self, excerpts: list[Excerpt]) -> None:
        """Index excerpts (both retrievers) and persist the catalog."""
        self.vectors.upsert(excerpts)
        self.catalog.excerpts.update({e.id: e for e in excerpts})
        self._commit()

    def _commit(self) -> None:
        self.catalog.save()
        self._lexical = None

    # ------------------------------------------------------------------ reading
    def get(self, excerpt_id: str) -> Excerpt:
        try:
            return self.catalog.excerpts[excerpt_id]
        except KeyError:
            raise KeyError(f"no excerpt '{excerpt_id}' in the index at {self.directory}") from None

    def _lexical_index(self) -> tuple[LexicalIndex, FilterColumns]:
        if self._lexical is None or self._columns is None:
            ordered = self.catalog.ordered()
            self._lexical, self._columns = LexicalIndex(ordered), FilterColumns(ordered)
        return self._lexical, self._columns

    def search_hits(self, query: str, filters: SearchFilters | None = None, k: int = 5,
                    mode: Mode = "hybrid") -> list[Hit]:
        filters = filters or SearchFilters()
        depth = max(4 * k, 20)
        lexical: list[tuple[str, float]] = []
        vector: list[tuple[str, float]] = []
        index, columns = self._lexical_index()
        mask = columns.mask(filters)
        if mode in ("hybrid", "lexical"):
            lexical = index.search(query, depth, mask.astype(np.float32))
        if mode in ("hybrid", "vector"):
            admitted = {index.ids[i] for i in np.flatnonzero(mask)}
            vector = self.vectors.search(query, depth, filters, admitted)
        lexical_rank = {i: r for r, (i, _) in enumerate(lexical, start=1)}
        vector_rank = {i: r for r, (i, _) in enumerate(vector, start=1)}
        fused: dict[str, float] = {}
        for ranks in (lexical_rank, vector_rank):
            for excerpt_id, rank in ranks.items():
                fused[excerpt_id] = fused.get(excerpt_id, 0.0) + 1.0 / (RRF_K + rank)
        ranked = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:k]
        return [Hit(self.catalog.excerpts[i], score, lexical_rank.get(i), vector_rank.get(i))
                for i, score in ranked if i in self.catalog.excerpts]

    def search(self, query: str, filters: SearchFilters | None = None,
               k: int = 5) -> list[Excerpt]:
        return [hit.excerpt for hit in self.search_hits(query, filters, k)]

    def stats(self) -> dict[str, object]:
        excerpts = self.catalog.ordered()
        by_guideline: dict[str, int] = {}
        for excerpt in excerpts:
            by_guideline[excerpt.short] = by_guideline.get(excerpt.short, 0) + 1
        return {
            "directory": str(self.directory),
            "excerpts": len(excerpts),
            "bundled": sum(e.origin == "corpus" for e in excerpts),
            "ingested": sum(e.origin == "ingested" for e in excerpts),
            "documents_ingested": len(self.catalog.ingested),
            "vectors": self.vectors.count(),
            "by_guideline": dict(sorted(by_guideline.items())),
        }
