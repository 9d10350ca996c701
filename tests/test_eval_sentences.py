"""drafting.citations splits a section by trying its sentence-end pattern only where a match can
begin (after a stop, at a line break), not at every character as ``finditer`` does: it finds the
same sentences as the plain ``finditer`` reading of the same rules, on every section of an
offline draft of every example case in every document type, and on texts built to sit on its
edges. The eval context reads each sentence and its markers from that same split."""

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
from evals.context import EvalContext
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


def test_the_eval_context_reads_sentences_and_markers_as_drafting_splits_them() -> None:
    case = load_case(EXAMPLES / "wc-lumbar-esi-defense.yaml")
    excerpts = excerpts_by_id()
    draft = asyncio.run(draft_case(case, "split", create("offline", SETTINGS), SETTINGS,
                                   excerpts))
    section = draft.sections[0]
    section.text = ("Dr. Lee saw the patient on p. 3 of the note [F2]. Relief was 60%. [F9, F10] "
                    "No. The second injection, i.e. at L5-S1, was requested [F11].")
    ctx = EvalContext(draft, case, excerpts, use_embeddings=False)
    read = [(s.text, s.markers, s.plain) for s in ctx.sentences if s.section is section]
    assert read == [
        ("Dr. Lee saw the patient on p. 3 of the note [F2].", ("F2",),
         "Dr. Lee saw the patient on p. 3 of the note ."),
        ("Relief was 60%. [F9, F10]", ("F9", "F10"), "Relief was 60%."),
        ("No.", (), "No."),
        ("The second injection, i.e. at L5-S1, was requested [F11].", ("F11",),
         "The second injection, i.e. at L5-S1, was requested ."),
    ]
