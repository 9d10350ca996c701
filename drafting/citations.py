"""Find and check citation markers: ``[F12]`` for a case fact, ``[G:excerpt-id]`` for a guideline
excerpt. A marker is valid only if it names something that exists and was supplied to the section
that cites it; anything bracketed that looks like a citation but is malformed is invalid too."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection
from functools import lru_cache

from drafting.abbreviations import LONGEST, ends_in_abbreviation
from drafting.draft import Citation

# Anything that looks like an attempt at a citation, well-formed or not.
_CANDIDATE = re.compile(r"\[(F\s*-?\s*\d*[^\]\s]*|G\s*:[^\]]*)\]")
# Several markers in one bracket, as models often write them: "[F3, F4]", "[F3; G:mtus-x]".
_ONE = r"(?:F\s*\d+|G\s*:\s*[a-z0-9][a-z0-9-]*)"
_GROUP = re.compile(r"\[\s*(" + _ONE + r"(?:\s*[,;]\s*" + _ONE + r")+)\s*\]")
_BRACKETED = re.compile(_GROUP.pattern + "|" + _CANDIDATE.pattern)
# A marker opened and never closed: "[F3 [F4]]", "relief [F3. The next ..." (no "]" before the
# next bracket or the line's end).
_OPENED = re.compile(r"\[(?=F\s*\d|G\s*:)")
_UNCLOSED = re.compile(r"\[(F\s*\d+|G\s*:\s*[a-z0-9-]*)[^\[\]\n]*(?=\[|\n|$)")
_FACT = re.compile(r"^F[1-9][0-9]*$")
_EXCERPT = re.compile(r"^G:([a-z0-9][a-z0-9-]+)$")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“(\[])|\n+")


# Where a sentence-end match can begin: right after a full stop, question or exclamation mark,
# or at a line break. The pattern begins with a lookbehind, so ``finditer`` would try it at every
# character; trying it only there, in order, finds the same matches (tests/test_eval_sentences.py
# compares the two) several times faster.
_MAY_END = re.compile(r"[.!?\n]")
# Markers written after a sentence's full stop ("... 50% relief. [F3]") belong to that sentence,
# as a reader takes them, not to the next one.
_TRAILING_MARKERS = re.compile(r"(?:(?:" + _BRACKETED.pattern + r")[ \t]*)+")


@lru_cache(maxsize=4096)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) offsets of the sentences (and list lines) of a section (cached: a section
    is split by the citation check, the eval context and the exporters alike). A line break
    always ends one; a full stop does unless it ends an abbreviation ("Dr. Lee", "e.g. the",
    "No. 5", "Cal. Code Regs.": drafting/abbreviations.py)."""
    spans, start = [], 0
    for mark in _MAY_END.finditer(text):
        at = mark.start()
        if text[at] != "\n":
            at += 1  # a sentence ends after its stop, a line at its break
        if at < start:
            continue  # inside the last end found
        end = _SENTENCE_END.match(text, at)
        if end is None:
            continue
        stop, after = end.start(), end.end()
        if "\n" not in end.group():
            if text[stop - 1] == "." and ends_in_abbreviation(
                    text[max(start, stop - LONGEST - 2):stop], text[after:after + 1]):
                continue
            if text[after:after + 1] == "[":
                trailing = _TRAILING_MARKERS.match(text, after)
                if trailing is not None:
                    stop = trailing.start() + len(trailing.group().rstrip())
                    after = trailing.end()
        spans.append((start, stop))
        start = after
    spans.append((start, len(text)))
    return tuple(s for s in spans if text[s[0]:s[1]].strip())


def marker_spans(text: str) -> list[tuple[int, int, list[str]]]:
    """Every bracketed citation of ``text`` in order: its (start, end) and the markers it holds:
    one ("F3", or a malformed "F-2"), several where one bracket lists them ("[F3, F4]"), or one
    written as "[F3" where the bracket is never closed."""
    found, taken = [], set()
    for match in _BRACKETED.finditer(text):
        if match.group(1) is not None:  # a group
            markers = [m.strip() for m in re.split(r"[,;]", match.group(1))]
        else:
            markers = [match.group(2)]
        found.append((match.start(), match.end(), markers))
        taken.add(match.start())
    if "[" in text:
        for opened in _OPENED.finditer(text):
            if opened.start() in taken:
                continue
            unclosed = _UNCLOSED.match(text, opened.start())
            if unclosed is not None:
                found.append((unclosed.start(), unclosed.end(), ["[" + unclosed.group(1)]))
        found.sort()
    return found


def find_citations(text: str) -> list[tuple[str, int]]:
    """Every citation-like marker with the index of the sentence it stands in."""
    return list(citation_places(text))


@lru_cache(maxsize=4096)
def citation_places(text: str) -> tuple[tuple[str, int], ...]:
    """``find_citations`` (cached like ``sentences``: the drafts of a case share sections)."""
    spans = sentences(text)
    starts = [a for a, _ in spans]
    found = []
    for start, _, markers in marker_spans(text):
        # the sentence starting at or before the marker (a marker in the gap after a
        # sentence belongs to it); before the first sentence, the first
        index = max(bisect.bisect_right(starts, start) - 1, 0) if spans else 0
        found += [(marker, index) for marker in markers]
    return tuple(found)


def check_citations(text: str, *, case_facts: Collection[str], known_excerpts: Collection[str],
                    supplied_facts: Collection[str],
                    supplied_excerpts: Collection[str]) -> list[Citation]:
    checked = []
    for marker, sentence in find_citations(text):
        if _FACT.match(marker):
            problem = (None if marker in supplied_facts else
                       f"{marker} was not given to this section" if marker in case_facts else
                       f"{marker} is not a fact in this case")
            checked.append(Citation(marker=marker, kind="fact", target=marker, sentence=sentence,
                                    valid=problem is None, problem=problem))
            continue
        excerpt = _EXCERPT.match(marker)
        if excerpt:
            target = excerpt.group(1)
            problem = (None if target in supplied_excerpts else
                       f"excerpt {target} was not given to this section" if target in
                       known_excerpts else f"excerpt {target} is not in the guideline index")
            checked.append(Citation(marker=marker, kind="excerpt", target=target,
                                    sentence=sentence, valid=problem is None, problem=problem))
            continue
        kind = "excerpt" if marker.lstrip("[").startswith("G") else "fact"
        problem = (f"citation marker {marker} is never closed" if marker.startswith("[") else
                   f"malformed citation marker [{marker}]")
        checked.append(Citation(marker=marker, kind=kind, target=marker, sentence=sentence,
                                valid=False, problem=problem))
    return checked
