"""Grades of evidence a sentence attributes to a guideline: the levels (Level I to V) and the
strengths (strong, moderate, weak...) of evidence or recommendation it names must be ones the
cited excerpt gives, where the excerpt grades at all ("ASIPP rates it Level III" against an
excerpt that says Level I is an error; so is "strong evidence" against "weak or absent")."""

from __future__ import annotations

import re
from functools import lru_cache

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5}
# "Level I", "Level III to II", "level II-1", "Level 2", "Levels I and II"
_LEVEL = re.compile(r"\blevels?\s+(i{1,3}|iv|v|[1-5])\b"
                    r"(?:\s*(?:to|-|–|or|and)\s*(i{1,3}|iv|v|[1-5])\b)?", re.IGNORECASE)
_STRENGTHS = ("strong", "moderate", "weak", "limited", "fair", "good", "insufficient", "low",
              "high", "poor", "conclusive", "inconclusive", "absent")
_STRENGTH = "|".join(_STRENGTHS)
# A strength said of evidence or a recommendation: before it, past a few words ("strong
# evidence", "weak, Level III evidence", "a moderate to strong recommendation"), or after it
# ("the evidence was weak", "rated the evidence strong").
_GRADED = re.compile(
    rf"\b({_STRENGTH})(?:er|est)?\b(?=(?:[\s,-]+[\w-]+){{0,3}}?[\s,-]+(?:evidence|"
    rf"recommendations?|support|certainty)\b)"
    rf"|\b(?:evidence|recommendations?|support)\s+(?:(?:is|was|as|were|are|rated|graded|"
    rf"deemed)\s+){{1,2}}({_STRENGTH})\b", re.IGNORECASE)
_ANY_STRENGTH = re.compile(rf"\b({_STRENGTH})(?:er|est)?\b", re.IGNORECASE)


def _value(said: str) -> int:
    said = said.lower()
    return int(said) if said.isdigit() else _ROMAN[said]


@lru_cache(maxsize=4096)
def levels(text: str) -> frozenset[int]:
    """The levels of evidence a text names (a range by its ends)."""
    return frozenset(_value(g) for m in _LEVEL.finditer(text) for g in m.groups() if g)


@lru_cache(maxsize=4096)
def strengths(text: str, graded_only: bool = True) -> frozenset[str]:
    """The strengths of evidence or recommendation a text names (``graded_only``: only those
    said of evidence or a recommendation; else every strength word)."""
    pattern = _GRADED if graded_only else _ANY_STRENGTH
    return frozenset(g.lower() for m in pattern.finditer(text) for g in m.groups() if g)


def grade_problems(said: str, excerpts: str) -> list[str]:
    """Levels and strengths the sentence gives that the cited excerpts do not, where they give
    any of that kind."""
    problems = []
    given = levels(excerpts)
    wrong = sorted(levels(said) - given) if given else []
    if wrong:
        problems.append(f"evidence level(s) {', '.join(map(str, wrong))} not in the cited "
                        f"excerpt (it gives {', '.join(map(str, sorted(given)))})")
    stated = strengths(excerpts, graded_only=False)
    named = strengths(said) - stated if stated and strengths(excerpts) else frozenset()
    if named:
        problems.append(f"evidence or recommendation called {', '.join(sorted(named))}, which "
                        f"the cited excerpt does not say (it says "
                        f"{', '.join(sorted(strengths(excerpts)))})")
    return problems


def clear_caches() -> None:
    levels.cache_clear()
    strengths.cache_clear()
