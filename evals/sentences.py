"""A section's sentences and citation markers exactly as ``drafting.citations`` finds them
(``sentences``, ``find_citations``), found faster for the eval context.

drafting's sentence-end pattern begins with a lookbehind, so the engine tries it at every
character of a section; but each of its matches begins right after a full stop, question or
exclamation mark, or at a line break. Here the pattern (drafting's own) is tried only there, in
order, from the end of the last match on: the matches finditer finds. Where drafting's pattern
is not the one this was written for, drafting's own functions are used; and
tests/test_eval_sentences.py compares both on every example draft."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from drafting import citations

_END = citations._SENTENCE_END
_CANDIDATE = citations._CANDIDATE
# The sentence end this scan is written for, and where its matches can begin.
_SCANNED_END = r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(\[])|\n+"
_MAY_END = re.compile(r"[.!?\n]")
FAST = _END.pattern == _SCANNED_END and _END.flags == re.compile(_SCANNED_END).flags


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences (and list lines) of a section, as
    ``drafting.citations.sentences`` gives them."""
    if not FAST:
        return citations.sentences(text)
    spans, start = [], 0
    for mark in _MAY_END.finditer(text):
        at = mark.start()
        if text[at] != "\n":
            at += 1  # a sentence ends after its stop, a line at its break
        if at < start:
            continue  # inside the last end found
        end = _END.match(text, at)
        if end is not None:
            spans.append((start, end.start()))
            start = end.end()
    spans.append((start, len(text)))
    return tuple(s for s in spans if text[s[0]:s[1]].strip())


def find_citations(text: str) -> list[tuple[str, int]]:
    """Every citation-like marker with the index of the sentence it stands in, as
    ``drafting.citations.find_citations`` gives them."""
    if not FAST:
        return citations.find_citations(text)
    spans = sentences(text)
    starts = [a for a, _ in spans]
    found = []
    for match in _CANDIDATE.finditer(text):
        # the sentence starting at or before the marker (a marker in the gap after a
        # sentence belongs to it); before the first sentence, the first
        index = max(bisect.bisect_right(starts, match.start()) - 1, 0) if spans else 0
        found.append((match.group(1), index))
    return found
