"""Vector search in Chroma: embedded ``PersistentClient`` by default, ``HttpClient`` for a team's
server. The collection always uses our shipped-model embedding function."""

from __future__ import annotations

from pathlib import Path

import chromadb

from guideline_index.embeddings import MiniLMEmbedding, embed_query
from guideline_index.excerpt import Excerpt
from guideline_index.filters import SearchFilters, to_metadata

COLLECTION = "guideline_excerpts"
BATCH = 1000
# Unfiltered candidates fetched per wanted result before filtering in memory.
OVERSAMPLE = 20
MIN_CANDIDATES = 200


def embedding_text(excerpt: Excerpt) -> str:
    return f"{excerpt.section}. {excerpt.text} {excerpt.note or ''}".strip()


def existing_collection(directory: Path):  # type: ignore[no-untyped-def]
    """The collection of the embedded store at ``directory`` for reading, creating nothing;
    None if there is none, or a store this chromadb cannot read."""
    if not directory.is_dir():
        return None
    try:
        client = chromadb.PersistentClient(
            path=str(directory), settings=chromadb.Settings(anonymized_telemetry=False))
        return client.get_collection(COLLECTION, embedding_function=MiniLMEmbedding())
    except Exception:
        return None


class VectorIndex:
    def __init__(self, directory: Path | None = None, host: str | None = None,
                 port: int | None = None):
        settings = chromadb.Settings(anonymized_telemetry=False)
        if host:
            self.client = chromadb.HttpClient(host=host, port=port or 8000, settings=settings)
        else:
            assert directory is not None, "a directory or a host is needed"
            self.client = chromadb.PersistentClient(path=str(directory), settings=settings)
        self.collection = self.client.get_or_create_collection(
            COLLECTION,
            embedding_function=MiniLMEmbedding(),
            configuration={"hnsw": {"space": "cosine"}},
        )

    def upsert(self, excerpts: list[Excerpt]) -> None:
        for start in range(0, len(excerpts), BATCH):
            batch = excerpts[start:start + BATCH]
            self.collection.upsert(
                ids=[e.id for e in batch],
                documents=[embedding_text(e) for e in batch],
                metadatas=[to_metadata(e) for e in batch],
            )

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), BATCH):
            self.collection.delete(ids=ids[start:start + BATCH])

    def ids(self) -> set[str]:
        return set(self.collection.get(include=[])["ids"])

    def count(self) -> int:
        return self.collection.count()

    def search(self, query: str, k: int, filters: SearchFilters,
               admitted: set[str] | None = None) -> list[tuple[str, float]]:
        """Top ``k`` by cosine similarity among entries the filters admit.

        With ``admitted`` (the ids the filters admit, computed by the caller from its catalog),
        Chroma is asked for an oversampled unfiltered neighbour list and filtered here, which is
        several times faster than a ``where`` clause; if too few survive, the filtered query
        runs as before.
        """
        total = self.count()
        if k <= 0 or total == 0:
            return []
        vector = embed_query(query)
        where = filters.chroma_where()
        if where is not None and admitted is not None:
            oversample = min(total, max(OVERSAMPLE * k, MIN_CANDIDATES))
            result = self.collection.query(query_embeddings=[vector], n_results=oversample,
                                           include=["distances"])
            hits = [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0],
                                                 strict=True) if i in admitted]
            if len(hits) >= min(k, len(admitted)) or oversample >= total:
                return hits[:k]
        result = self.collection.query(query_embeddings=[vector], n_results=min(k, total),
                                       where=where, include=["distances"])
        return [(i, 1.0 - d) for i, d in zip(result["ids"][0], result["distances"][0],
                                             strict=True)]
