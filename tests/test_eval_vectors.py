"""Where the citation-support check gets its vectors: excerpts from a real Chroma index (built
here in a temporary directory) when it holds their current text, else encoded; sentences and
facts encoded with the shipped model. The check's verdicts do not depend on the index."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from drafting.backends.registry import create
from drafting.case import case_file_hash, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import vectors
from evals.checks import support
from evals.checks.support import check_support
from evals.context import EvalContext
from guideline_index.corpus import excerpts_by_id
from guideline_index.embeddings import embed
from guideline_index.search import GuidelineIndex
from guideline_index.vectors import embedding_text
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.slow  # loads the embedding model

EXCERPTS = excerpts_by_id()
CASE_PATH = EXAMPLES / "wc-lumbar-esi-plaintiff.yaml"
INDEXED = ("mtus-cp-esi-repeat-therapeutic", "mtus-cp-esi-diagnostic-phase")
OTHER = "mtus-cp-massage"  # also indexed; the tests below change its stored vector


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> GuidelineIndex:
    built = GuidelineIndex(tmp_path_factory.mktemp("data") / "index")
    built.build(tuple(EXCERPTS[i] for i in (*INDEXED, OTHER)))
    return built


@pytest.fixture(autouse=True)
def cold():
    vectors.clear()
    yield
    vectors.clear()


def _basis(k: int) -> list[float]:
    row = np.zeros(384, dtype=np.float32)
    row[k] = 1.0
    return row.tolist()


def test_an_excerpt_vector_is_read_from_the_index_not_encoded(index):
    excerpt = EXCERPTS[OTHER]
    # A vector no encoding produces, stored beside the excerpt's current text.
    index.vectors.collection.upsert(ids=[OTHER], embeddings=[_basis(0)],
                                    documents=[embedding_text(excerpt)])
    got, _ = vectors.excerpt_vectors([excerpt], index.directory)
    assert np.allclose(got[OTHER], _basis(0))
    assert vectors.indexed([excerpt, EXCERPTS[INDEXED[0]]], index.directory) == 2


def test_a_vector_stored_for_an_older_text_is_not_used(index):
    excerpt = EXCERPTS[OTHER]
    index.vectors.collection.upsert(ids=[OTHER], embeddings=[_basis(1)],
                                    documents=["an older wording of the massage provision"])
    got, _ = vectors.excerpt_vectors([excerpt], index.directory)
    fresh = embed([embedding_text(excerpt)])[0]
    assert float(got[OTHER] @ fresh) == pytest.approx(1.0, abs=1e-5)
    assert vectors.indexed([excerpt], index.directory) == 0


def test_without_an_index_excerpts_are_encoded_and_nothing_is_created(tmp_path):
    excerpt = EXCERPTS[INDEXED[0]]
    got, texts = vectors.excerpt_vectors([excerpt], tmp_path / "index",
                                         encode_also=("left leg pain",))
    fresh = embed([embedding_text(excerpt), "left leg pain"])
    assert float(got[excerpt.id] @ fresh[0]) == pytest.approx(1.0, abs=1e-5)
    assert float(texts["left leg pain"] @ fresh[1]) == pytest.approx(1.0, abs=1e-5)
    assert not (tmp_path / "index").exists()


@pytest.fixture(scope="module")
def case():
    return load_case(CASE_PATH)


@pytest.fixture(scope="module")
def draft(case) -> Draft:
    settings = Settings()
    return asyncio.run(draft_case(case, case_file_hash(CASE_PATH.read_bytes()),
                                  create("offline", settings), settings, EXCERPTS))


def _with_sentence(draft: Draft, sentence: str) -> tuple[Draft, str]:
    changed = draft.model_copy(deep=True)
    section = next(s for s in changed.sections if s.item_id == "I1")
    section.text += " " + sentence
    return changed, section.key


def _support_errors(ctx: EvalContext, key: str) -> list[str]:
    """What the support check doubts in the section: an error where another source supports
    the sentence better, a warning where none does (both read the same overlap and vectors)."""
    return [f.message for f in check_support(ctx) if f.section == key]


def test_a_paraphrase_of_a_fact_passes_only_with_embeddings(case, draft, monkeypatch):
    # Few words in common with F5 (the MRI), the same meaning. (The lexical floor is raised so
    # that the sentence is doubtful whatever the word rules let through: the embedding stage is
    # what is tested.)
    monkeypatch.setattr(support, "LEXICAL_FLOOR", 0.99)
    changed, key = _with_sentence(draft, "The scan revealed a herniated disc compressing the "
                                         "right-sided nerve at the bottom of the lumbar spine "
                                         "[F5].")
    without = _support_errors(EvalContext(changed, case, EXCERPTS), key)
    assert len(without) == 1 and "word overlap" in without[0]
    assert _support_errors(EvalContext(changed, case, EXCERPTS, use_embeddings=True), key) == []


def test_the_verdict_on_an_excerpt_does_not_depend_on_the_index(case, draft, index, tmp_path,
                                                               monkeypatch):
    # Loosely related to the cited provision: doubtful words, a similarity below the floor.
    monkeypatch.setattr(support, "LEXICAL_FLOOR", 0.99)
    changed, key = _with_sentence(draft, "A repeat block should follow only if the first cut "
                                         "pain substantially for a good while and reduced "
                                         "reliance on tablets "
                                         "[G:mtus-cp-esi-diagnostic-phase].")
    read = _support_errors(EvalContext(changed, case, EXCERPTS, use_embeddings=True,
                                       index_dir=index.directory), key)
    vectors.clear()
    encoded = _support_errors(EvalContext(changed, case, EXCERPTS, use_embeddings=True,
                                          index_dir=tmp_path / "no-index"), key)
    assert len(read) == 1 and "embedding similarity" in read[0]
    assert read == encoded
