"""Where a sentence puts things against its source (the consistency check's reading of
position): a place relative to a landmark ("proximal to the scar", "8 cm above the lateral
malleolus") must be on the landmark's side the source gives, and a nerve root a sentence names
("the traversing S1 root") must be a root the source names, where the source names any."""

from __future__ import annotations

import re
from functools import lru_cache

# Relations to a landmark, each read as one of three places.
_RELATIONS = {"above": "above", "proximal": "above", "superior": "above", "below": "below",
              "distal": "below", "inferior": "below", "at the level of": "at",
              "level with": "at"}
_RELATION = re.compile(r"\b(above|below|proximal|distal|superior|inferior|at the level of|"
                       r"level with)(?:\s+to)?\s+(?:the\s+|its\s+|his\s+|her\s+|my\s+)"
                       r"((?:[a-z]+\s+)?[a-z]+)", re.IGNORECASE)
# Words that end a landmark's name rather than belong to it ("the incision, with ...").
_NOT_LANDMARK = frozenset("and or with but in on at of for to by while".split())
_MODIFIERS = frozenset("lateral medial left right upper lower anterior posterior fibular tibial "
                       "proximal distal superficial deep same".split())
_ROOT = re.compile(r"\b([CTLS]\d)\s+(?:nerve\s+)?roots?\b")


@lru_cache(maxsize=4096)
def landmarks(text: str) -> frozenset[tuple[str, str]]:
    """(place, landmark) pairs: ("above", "scar") for "proximal to the scar", ("above",
    "malleolus") for "8 cm above the lateral malleolus"."""
    found = set()
    for m in _RELATION.finditer(text):
        # either word may be the landmark ("the lateral malleolus", "the incision sent")
        for word in m.group(2).lower().split():
            if word not in _NOT_LANDMARK and word not in _MODIFIERS:
                found.add((_RELATIONS[m.group(1).lower()], word))
    return frozenset(found)


def landmark_problems(said: str, cited: str) -> list[str]:
    """A place the sentence gives against a landmark the source places the other way."""
    mine = landmarks(said)
    if not mine:
        return []
    theirs = landmarks(cited)
    problems = []
    for place, landmark in sorted(mine):
        there = sorted({p for p, m in theirs if m == landmark})
        if there and place not in there:
            problems.append(f"{place} the {landmark}, but the source says "
                            f"{' or '.join(there)} the {landmark}")
    return problems


@lru_cache(maxsize=4096)
def roots(text: str) -> frozenset[str]:
    return frozenset(r.upper() for r in _ROOT.findall(text))


def root_problems(said: str, cited: str) -> list[str]:
    """A nerve root the sentence names that the source, naming roots, does not."""
    mine = roots(said)
    if not mine:
        return []
    theirs = roots(cited)
    wrong = sorted(mine - theirs) if theirs else []
    if not wrong:
        return []
    return [f"nerve root {', '.join(wrong)} but the source names {', '.join(sorted(theirs))}"]


# One side measured against the other ("the right response is half the amplitude of the left",
# "left triceps 1+ against 2+ on the right", "half that of the other side").
_COMPARED = re.compile(r"\b(left|right)\b(?:(?![.;]|\b(?:left|right)\b).){1,80}?"
                       r"\b(?:of|than|against|versus|vs|compared with|compared to)\s+"
                       r"(?:that of\s+|those of\s+|\d\+?\s+on\s+)?"
                       r"(?:the\s+|her\s+|his\s+|my\s+)?(left|right|other|opposite)\b",
                       re.IGNORECASE)
_OTHER = {"left": "right", "right": "left"}


@lru_cache(maxsize=4096)
def comparisons(text: str) -> frozenset[tuple[str, str]]:
    """(side measured, side it is measured against) for each comparison of the two sides."""
    found = set()
    for m in _COMPARED.finditer(text):
        side, against = m.group(1).lower(), m.group(2).lower()
        against = _OTHER[side] if against in ("other", "opposite") else against
        if against != side:
            found.add((side, against))
    return frozenset(found)


def comparison_problems(said: str, cited: str) -> list[str]:
    """Two sides compared the other way round from the source ("the left response is half the
    right" where the source says the right is half the left)."""
    mine = comparisons(said)
    if not mine:
        return []
    theirs = comparisons(cited)
    return [f"the {a} measured against the {b}, but the source measures the {b} against the "
            f"{a}" for a, b in sorted(mine) if (b, a) in theirs and (a, b) not in theirs]


def clear_caches() -> None:
    landmarks.cache_clear()
    roots.cache_clear()
    comparisons.cache_clear()
