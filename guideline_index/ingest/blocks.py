"""Blocks: paragraphs with the page they start on and the headings they sit under."""

from __future__ import annotations

import re
from dataclasses import dataclass

_BULLET = re.compile(r"^\s*(?:[•▪◦●o\-–*]|\d{1,2}[.)])\s+")
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
_NUMBERED_HEADING = re.compile(
    r"^(?:(?:Recommendation|Box|Table|Figure|Appendix|Section|Chapter)\s+\d+|\d+(?:\.\d+)*\.?\s+[A-Z])"
)
# A line ending in one of these words continues onto the next line: it is not a heading.
_CONTINUES = {"and", "or", "of", "the", "a", "an", "to", "in", "for", "with", "by", "on", "at"}
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$")


@dataclass(frozen=True)
class Block:
    text: str
    page: int | None
    headings: tuple[str, ...]


def looks_like_heading(line: str, previous: str) -> bool:
    """A short line that does not end a sentence, after a blank or a finished sentence."""
    words = line.split()
    if not 1 <= len(words) <= 10 or not 4 <= len(line) <= 70 or line.isdigit():
        return False
    if sum(ch.isdigit() for ch in line) > 0.1 * len(line) or words[-1].lower() in _CONTINUES:
        return False
    if not (line[0].isupper() or line[0].isdigit()) or line.endswith((".", ",", ";", ":")):
        return False
    after_break = not previous or bool(_SENTENCE_END.search(previous))
    if _NUMBERED_HEADING.match(line):
        return after_break
    capitalised = sum(1 for w in words if w[0].isupper() or not w[0].isalpha())
    return after_break and capitalised >= max(1, len(words) * 0.6)


def page_blocks(pages: list[tuple[int, str]]) -> list[Block]:
    """Blocks from cleaned page texts (PDF): lines are joined into paragraphs; short title-like
    lines become the current heading."""
    blocks: list[Block] = []
    heading: tuple[str, ...] = ()
    buffer: list[str] = []
    start_page: int | None = None

    def flush() -> None:
        nonlocal buffer, start_page
        text = " ".join(buffer).strip()
        if text:
            blocks.append(Block(re.sub(r"\s+", " ", text), start_page, heading))
        buffer, start_page = [], None

    previous = ""
    for page, text in pages:
        for raw in text.splitlines():
            line = raw.strip()
            if not line:
                flush()
                previous = ""
                continue
            if looks_like_heading(line, previous):
                flush()
                heading = (line,)
            else:
                if _BULLET.match(line) or (buffer and _SENTENCE_END.search(previous)
                                           and len(" ".join(buffer)) > 600):
                    flush()
                if start_page is None:
                    start_page = page
                buffer.append(line)
            previous = line
    flush()
    return blocks


def markdown_blocks(text: str) -> list[Block]:
    """Blocks from Markdown (or plain text): '#' headings nest; blank lines end paragraphs;
    form feeds start a new page (plain-text exports of paged documents use them)."""
    blocks: list[Block] = []
    path: list[str] = []
    buffer: list[str] = []
    paged = "\f" in text
    page = 1

    def flush() -> None:
        nonlocal buffer
        joined = re.sub(r"\s+", " ", " ".join(buffer)).strip()
        if joined:
            blocks.append(Block(joined, page if paged else None, tuple(path)))
        buffer = []

    for chunk_index, page_text in enumerate(text.split("\f")):
        page = chunk_index + 1
        for line in page_text.splitlines():
            match = _MD_HEADING.match(line)
            if match:
                flush()
                level = len(match.group(1))
                path[:] = [*path[: level - 1], match.group(2)]
            elif not line.strip():
                flush()
            else:
                buffer.append(line.strip())
        flush()
    return blocks
