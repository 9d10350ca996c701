"""drafting.citations splits a section by trying its sentence-end pattern only where a match can
begin (after a stop, at a line break), not at every character as ``finditer`` does: it finds the
same sentences as the plain ``finditer`` reading of the same rules, on every section of an
offline draft of every example case in every document type, and on texts built to sit on its
edges. The eval context uses that same split."""

from __future__ import annotations

import asyncio
import random

import pytest

from drafting import citations
from drafting.abbreviations import ends_in_abbreviation
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


def _reference(text: str) -> tuple[tuple[int, int], ...]:
    """The same rules read the plain way: every match of the sentence-end pattern, in order."""
    spans, start = [], 0
    for end in citations._SENTENCE_END.finditer(text):
        stop, after = end.start(), end.end()
        if stop < start:
            continue
        if "\n" not in end.group():
            if text[stop - 1] == "." and ends_in_abbreviation(text[start:stop], text[after:]):
                continue
            trailing = citations._TRAILING_MARKERS.match(text, after)
            if trailing is not None:
                stop, after = trailing.start() + len(trailing.group().rstrip()), trailing.end()
        spans.append((start, stop))
        start = after
    spans.append((start, len(text)))
    return tuple(s for s in spans if text[s[0]:s[1]].strip())


def _edge_texts() -> list[str]:
    pieces = ["Pain rose.", "Dr. Lee", " ", "  ", "\n", "\n\n", "!", "?", "...", '"', "”", "’",
              ")", "(", "[F3]", "[G:mtus-x]", "[F 2]", "a", "A", "9", "“Quoted.”", ". ",
              "x.\nY", "e.g. the", "I2. Item", "\t", "-", ":", "No. 5", "No. The", "J. Smith",
              "Cal. Code Regs.", "M.D. She", ". [F4] ", "[G:a. B]", "(e.g. PT)", "p. 4"]
    rng = random.Random(19)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
            for _ in range(5000)]


def test_the_scan_finds_what_finditer_finds(section_texts: list[str]) -> None:
    for text in section_texts + _edge_texts():
        assert citations.sentences(text) == _reference(text), text


def test_the_eval_context_splits_as_drafting_splits(section_texts: list[str]) -> None:
    for text in section_texts[:50] + _edge_texts()[:500]:
        assert sentences.sentences(text) == citations.sentences(text), text
        assert sentences.find_citations(text) == citations.find_citations(text), text
