"""The unit vectors the citation-support check compares: sentences and case facts are encoded
with the shipped MiniLM model; guideline excerpts are read from the guideline index, which
stored each excerpt's embedding when it was built, and encoded only when the index lacks a
current one (not built, built from an older text of the excerpt, or kept on a Chroma server,
which is not read here).

Either way an excerpt's vector is the embedding of ``embedding_text(excerpt)``, so the check's
result does not depend on whether an index is present, only its cost does. Every vector is
cached for the process; ``clear()`` drops them (a cold start), but keeps the model and the
index connection, which are loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from guideline_index.excerpt import Excerpt

Vector = Any  # one row of a float numpy array, unit length

_TEXTS: dict[str, Vector] = {}
_EXCERPTS: dict[tuple[str, str], Vector] = {}  # (excerpt id, embedded text) -> vector
_MAX_TEXTS = 4096
# Torch threads while encoding for a check. A check encodes a few short texts at a time (a
# draft's doubtful sentences and the facts they cite); on a 2-core machine a second thread made
# that about 1.5x faster when the machine was idle and 3-10x slower when another process was
# busy (threads waiting on each other), measured by benchmarks/eval_speed.py (results/
# eval_speed.txt, "encoding threads"). Set only around the check's own encoding.
ENCODE_THREADS = 1


def clear() -> None:
    _TEXTS.clear()
    _EXCERPTS.clear()


def default_index_dir() -> Path:
    """Where ``necessity`` keeps its guideline index (``Settings.index_dir``)."""
    from drafting.settings import Settings

    return Settings().index_dir


def load_model() -> None:
    """Load the embedding model now (it is loaded once per process, on first use)."""
    from guideline_index.embeddings import _model, shipped_model_path

    _model(str(shipped_model_path()))


def text_vectors(texts: list[str]) -> dict[str, Vector]:
    """A vector per distinct text, the missing ones encoded in one call."""
    from guideline_index.embeddings import embed

    wanted = list(dict.fromkeys(texts))
    found = {t: _TEXTS[t] for t in wanted if t in _TEXTS}
    missing = [t for t in wanted if t not in found]
    if missing:
        with _torch_threads(ENCODE_THREADS):
            found |= dict(zip(missing, embed(missing), strict=True))
    for text in missing:
        if len(_TEXTS) >= _MAX_TEXTS:
            _TEXTS.pop(next(iter(_TEXTS)))  # the oldest
        _TEXTS[text] = found[text]
    return found


@contextmanager
def _torch_threads(count: int) -> Iterator[None]:
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(count)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def excerpt_vectors(excerpts: list[Excerpt], index_dir: Path | None = None,
                    encode_also: tuple[str, ...] = ()
                    ) -> tuple[dict[str, Vector], dict[str, Vector]]:
    """A vector per excerpt id (from the index at ``index_dir``, default the user's, where it
    holds one for the excerpt's current text) and per text of ``encode_also``. Excerpts the
    index cannot give are encoded in the same model call as those texts."""
    from guideline_index.vectors import embedding_text

    keys = {e.id: (e.id, embedding_text(e)) for e in excerpts}
    found = {i: _EXCERPTS[k] for i, k in keys.items() if k in _EXCERPTS}
    wanted = [k for i, k in keys.items() if i not in found]
    if wanted:
        stored = _stored(index_dir or default_index_dir(), [i for i, _ in wanted])
        for excerpt_id, text in wanted:
            if excerpt_id in stored and stored[excerpt_id][0] == text:
                found[excerpt_id] = _EXCERPTS[(excerpt_id, text)] = stored[excerpt_id][1]
    unstored = [k for i, k in keys.items() if i not in found]
    encoded = text_vectors(list(encode_also) + [text for _, text in unstored])
    for key in unstored:
        found[key[0]] = _EXCERPTS[key] = encoded[key[1]]
    return found, {t: encoded[t] for t in encode_also}


def indexed(excerpts: list[Excerpt], index_dir: Path | None = None) -> int:
    """How many of ``excerpts`` the index holds a current vector for (opens the index)."""
    from guideline_index.vectors import embedding_text

    stored = _stored(index_dir or default_index_dir(), [e.id for e in excerpts])
    return sum(e.id in stored and stored[e.id][0] == embedding_text(e) for e in excerpts)


def _stored(index_dir: Path, ids: list[str]) -> dict[str, tuple[str, Vector]]:
    """(stored text, vector) per id the index holds; nothing if there is no readable index."""
    collection = _collection(index_dir)
    if collection is None:
        return {}
    try:
        got = collection.get(ids=ids, include=["embeddings", "documents"])
    except Exception:  # an unreadable index only means encoding instead
        return {}
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    return {i: (doc, vectors[row]) for row, (i, doc) in
            enumerate(zip(got["ids"], got["documents"], strict=True))}


@cache
def _collection(index_dir: Path) -> Any:
    """The index's Chroma collection, opened for reading once per process; None if the index
    was never built there (nothing is created) or cannot be read: excerpts are encoded then."""
    from guideline_index.search import vector_dir
    from guideline_index.vectors import existing_collection

    return existing_collection(vector_dir(index_dir))
