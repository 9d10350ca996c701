"""Token-aware, deterministic chunking that keeps headings, paragraphs and pages together.

Consecutive paragraphs under the same heading are packed into one chunk up to ``max_tokens``;
a chunk never spans two headings; a paragraph too long for one chunk is split at sentence ends
(and a sentence too long, at token boundaries). Each chunk keeps the page it starts and ends on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from guideline_index.ingest.blocks import Block
from guideline_index.tokens import count_tokens, encoding

DEFAULT_MAX_TOKENS = 256
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\"'•])")


@dataclass(frozen=True)
class ChunkText:
    text: str
    page: int | None
    page_end: int | None
    headings: tuple[str, ...]
    tokens: int


def _pieces(block: Block, max_tokens: int) -> list[tuple[str, int]]:
    """The block as (text, tokens) pieces, each within the budget."""
    tokens = count_tokens(block.text)
    if tokens <= max_tokens:
        return [(block.text, tokens)]
    pieces: list[tuple[str, int]] = []
    for sentence in _SENTENCE.split(block.text):
        size = count_tokens(sentence)
        if size <= max_tokens:
            pieces.append((sentence, size))
            continue
        ids = encoding().encode(sentence, disallowed_special=())
        for start in range(0, len(ids), max_tokens):
            part = encoding().decode(ids[start:start + max_tokens])
            pieces.append((part, count_tokens(part)))
    return pieces


def chunk_blocks(blocks: list[Block], max_tokens: int = DEFAULT_MAX_TOKENS) -> list[ChunkText]:
    chunks: list[ChunkText] = []
    parts: list[str] = []
    size = 0
    first: int | None = None
    last: int | None = None
    heading: tuple[str, ...] | None = None

    def flush() -> None:
        nonlocal parts, size, first, last
        if parts:
            text = " ".join(parts)
            chunks.append(ChunkText(text, first, last, heading or (), count_tokens(text)))
        parts, size, first, last = [], 0, None, None

    for block in blocks:
        if block.headings != heading:
            flush()
            heading = block.headings
        for text, tokens in _pieces(block, max_tokens):
            if parts and size + tokens + 1 > max_tokens:
                flush()
            parts.append(text)
            size += tokens + (1 if len(parts) > 1 else 0)
            first = block.page if first is None else first
            last = block.page if block.page is not None else last
    flush()
    return chunks
