"""Turn citation markers into endnote numbers for export.

Every distinct marker that resolves gets one number, in order of first appearance across the whole
document; repeats reuse it. A marker with no entry in ``draft.sources``, or one the draft lists as
invalid for the section that cites it, is kept visible as ``[unresolved: F99]`` and reported as a
citation problem: nothing is ever silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drafting.draft import Draft, SectionDraft, Source

_WELL_FORMED = r"F[0-9]+|G:[a-z0-9][a-z0-9-]+"
NO_SOURCE = "no source is recorded for this marker"


@dataclass(frozen=True)
class Ref:
    """A reference to endnote ``number``."""

    number: int
    marker: str


@dataclass(frozen=True)
class Unresolved:
    """A marker that cannot be footnoted; shown as-is so a reviewer sees it."""

    marker: str

    @property
    def text(self) -> str:
        return f"[unresolved: {self.marker}]"


Piece = str | Ref | Unresolved


@dataclass(frozen=True)
class Note:
    number: int
    marker: str
    source: Source


@dataclass(frozen=True)
class Problem:
    section: int  # 1-based position of the section in the document
    title: str
    marker: str
    reason: str


@dataclass(frozen=True)
class Footnoted:
    sections: list[list[Piece]]  # parallel to draft.sections
    notes: list[Note]
    problems: list[Problem]


def _pattern(invalid: list[str]) -> re.Pattern[str]:
    """Well-formed markers plus, literally, any malformed ones the draft flagged in the section."""
    literal = [re.escape(m) for m in sorted(set(invalid), key=len, reverse=True)]
    return re.compile(r"\[(" + "|".join([*literal, _WELL_FORMED]) + r")\]")


def resolve_citations(draft: Draft) -> Footnoted:
    numbers: dict[str, int] = {}
    notes: list[Note] = []
    problems: dict[tuple[int, str], Problem] = {}
    pieces_by_section: list[list[Piece]] = []
    for index, section in enumerate(draft.sections, start=1):
        invalid = {c.marker: c.problem or "invalid citation" for c in section.invalid_citations}
        for marker, reason in invalid.items():  # listed even if the text no longer shows it
            problems.setdefault((index, marker), Problem(index, section.title, marker, reason))
        pieces: list[Piece] = []
        cursor = 0
        for match in _pattern(list(invalid)).finditer(section.text):
            marker = match.group(1)
            pieces.append(section.text[cursor:match.start()])
            cursor = match.end()
            source = draft.sources.get(marker)
            if marker in invalid or source is None:
                problems.setdefault((index, marker),
                                    Problem(index, section.title, marker, NO_SOURCE))
                pieces.append(Unresolved(marker))
                continue
            if marker not in numbers:
                numbers[marker] = len(numbers) + 1
                notes.append(Note(numbers[marker], marker, source))
            if isinstance(pieces[-1], str):  # the number sits against the word it follows
                pieces[-1] = pieces[-1].rstrip(" ")
            pieces.append(Ref(numbers[marker], marker))
        pieces.append(section.text[cursor:])
        pieces_by_section.append(_merge(pieces) or _placeholder(section))
    return Footnoted(pieces_by_section, notes, list(problems.values()))


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Drop empty strings and join adjacent ones."""
    merged: list[Piece] = []
    for piece in pieces:
        if isinstance(piece, str):
            if not piece:
                continue
            if merged and isinstance(merged[-1], str):
                merged[-1] += piece
                continue
        merged.append(piece)
    return merged


def _placeholder(section: SectionDraft) -> list[Piece]:
    if section.status == "failed":
        return [f"[This section could not be drafted: {section.error or 'unknown error'}]"]
    return ["[This section is empty.]"]


def as_text(pieces: list[Piece], ref: Callable[[Ref], str]) -> str:
    """Section text with each reference rendered by ``ref`` and unresolved markers shown."""
    return "".join(p if isinstance(p, str) else p.text if isinstance(p, Unresolved) else ref(p)
                   for p in pieces)
