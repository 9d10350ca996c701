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
# Levels before a structure: "the L5 nerve root", "L3 and L4 medial branches", "L5 dorsal rami".
_STRUCTURE = re.compile(r"\b((?:[CTLS]\d+(?:\s*(?:,|and|&)\s*|\s+))*[CTLS]\d+)\s+"
                        r"((?:nerve\s+)?roots?|medial\s+branch(?:es)?|dorsal\s+ram(?:i|us))\b")
_LEVEL = re.compile(r"[CTLS]\d+")
_KINDS = {"root": "root", "roots": "root", "branch": "medial branch",
          "branches": "medial branch", "rami": "dorsal ramus", "ramus": "dorsal ramus"}


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
    """The levels of the nerve roots, medial branches and dorsal rami a text names, each with
    its structure ("L5 root", "L4 medial branch": "the L3 and L4 medial branches" is two)."""
    found = set()
    for m in _STRUCTURE.finditer(text):
        if m.start() and text[m.start() - 1] in "-/":
            continue  # a joint's segment ("L4-L5 and L5-S1 medial branch blocks"), no branch
        kind = _KINDS[m.group(2).lower().split()[-1]]
        found |= {f"{level.upper()} {kind}" for level in _LEVEL.findall(m.group(1))}
    return frozenset(found)


def root_problems(said: str, cited: str) -> list[str]:
    """A nerve root, medial branch or dorsal ramus the sentence names at a level the source,
    naming that structure, does not."""
    mine = roots(said)
    if not mine:
        return []
    theirs = roots(cited)
    kinds = {r.split(" ", 1)[1] for r in theirs}
    wrong = sorted(r for r in mine - theirs if r.split(" ", 1)[1] in kinds)
    if not wrong:
        return []
    return [f"{', '.join(wrong)} but the source names "
            f"{', '.join(sorted(r for r in theirs if r.split(' ', 1)[1] in kinds))}"]


# A place qualified within a region ("the upper thoracic level" against "lower thoracic").
_QUALIFIED = re.compile(r"\b(upper|lower|mid)[\s-]+(thoracic|lumbar|cervical|back|leg|arm|limb|"
                        r"extremity|extremities|abdomen|quadrant)\b", re.IGNORECASE)


def qualifier_problems(said: str, cited: str) -> list[str]:
    """An upper, lower or mid part of a region the source gives as another part."""
    mine = {(q.lower(), r.lower()) for q, r in _QUALIFIED.findall(said)}
    if not mine:
        return []
    theirs = {(q.lower(), r.lower()) for q, r in _QUALIFIED.findall(cited)}
    return [f"{q} {r}, but the source says {', '.join(sorted(o for o, s in theirs if s == r))} "
            f"{r}" for q, r in sorted(mine - theirs) if any(s == r for _, s in theirs)]


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
