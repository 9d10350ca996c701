"""The eval context splits sections and finds their citation markers exactly as
drafting.citations does (evals/sentences.py scans faster): on every section of an offline draft
of every example case in every document type, and on texts built to sit on its edges."""

from __future__ import annotations

import asyncio
import random

import pytest

from drafting import citations
from drafting.backends.registry import create
from drafting.case import as_document_type, load_case
from drafting.case.vocab import DocumentType
from drafting.settings import Settings
from drafting.stages import draft_case
from evals import sentences
from guideline_index.corpus import excerpts_by_id
from tests.conftest import EXAMPLES

SETTINGS = Settings()


@pytest.fixture(scope="module")
def section_texts() -> list[str]:
    excerpts = excerpts_by_id()
    backend = create("offline", SETTINGS)
    texts = []
    for path in sorted(EXAMPLES.glob("*.yaml")):
        case = load_case(path)
        for kind in DocumentType:
            draft = asyncio.run(draft_case(as_document_type(case, kind), "split", backend,
                                           SETTINGS, excerpts))
            texts += [s.text for s in draft.sections]
    return texts


def _edge_texts() -> list[str]:
    pieces = ["Pain rose.", "Dr. Lee", " ", "  ", "\n", "\n\n", "!", "?", "...", '"', "”", "’",
              ")", "(", "[F3]", "[G:mtus-x]", "[F 2]", "a", "A", "9", "“Quoted.”", ". ",
              "x.\nY", "e.g. the", "I2. Item", "\t", "-", ":"]
    rng = random.Random(19)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
            for _ in range(5000)]


def test_the_fast_scan_is_in_use() -> None:
    assert sentences.FAST, "drafting's sentence-end pattern changed: update evals/sentences.py"


def test_sections_split_as_drafting_splits_them(section_texts: list[str]) -> None:
    for text in section_texts + _edge_texts():
        assert sentences.sentences(text) == citations.sentences(text), text
        assert sentences.find_citations(text) == citations.find_citations(text), text
