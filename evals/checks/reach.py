"""A cited guideline is not stated wider than it is written (#19 wrong_guideline): a sentence
that gives an excerpt's rule as unconditional ("covers replacement whenever the patient reports
pain", "exempt from the necessity requirement", "regardless of the diagnosis") where the excerpt
uses no word that makes it so; nor narrower, where a sentence says the excerpt limits what it
grants ("limits benefits to care that restores full duty") and the excerpt has no word of limit.
Coverage rules are conditional (criteria, thresholds, exceptions); the words are data
(``evals/data/guideline_reach.yaml``)."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data" / "guideline_reach.yaml"


@cache
def _universals() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    entries = _entries()
    # (never at the sentence's start: "Whatever the clinical intent, ..." concedes a point
    # about the case)
    return tuple((re.compile(rf"(?<=\w)\W+\b(?:{e['says']})\b", re.I),
                  re.compile(rf"\b(?:{e['granted_by']})\b", re.I)) for e in entries)


@cache
def _entries() -> list[dict[str, Any]]:
    """The entries of ``guideline_reach.yaml``: the unconditional words, then the limiting ones
    (``narrows``)."""
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [*data["universals"], *({**e, "narrows": True} for e in data.get("limits") or ())]


def widened(sentence: str, excerpts: list[tuple[str, str]]) -> str:
    """Why the sentence states its cited excerpts ((id, text) pairs) wider than they are, or ""
    when it does not: the first unconditional word no cited excerpt grants."""
    if not excerpts:
        return ""
    texts = [text for _, text in excerpts]
    for entry, word in _unconditional(sentence):
        if not any(_grants(entry, text) for text in texts):
            ids = ", ".join(i for i, _ in excerpts)
            if _entries()[entry].get("narrows"):
                return (f"says '{word}' of {ids}, which states no such limit: the guideline "
                        "is stated narrower than it is written")
            return (f"says '{word}' of {ids}, which states no such unconditional rule: the "
                    "guideline is stated wider than it is written")
    return ""


@lru_cache(maxsize=16384)
def _unconditional(sentence: str) -> tuple[tuple[int, str], ...]:
    """Each unconditional word the sentence uses, with its entry's place in the data, in the
    data's order (cached per sentence: drafts restate a guideline's rule in the same words)."""
    found = []
    for entry, (says, _) in enumerate(_universals()):
        match = says.search(sentence)
        if match:
            found.append((entry, match.group(0).lstrip(" ,;:-").strip()))
    return tuple(found)


@lru_cache(maxsize=16384)
def _grants(entry: int, text: str) -> bool:
    """Whether an excerpt's text uses a word of the entry that makes its rule unconditional
    (cached per excerpt: the same excerpts are cited by many sentences)."""
    return _universals()[entry][1].search(text) is not None


def clear_caches() -> None:
    """Forget every sentence and excerpt read (for timing on cold caches)."""
    _unconditional.cache_clear()
    _grants.cache_clear()
