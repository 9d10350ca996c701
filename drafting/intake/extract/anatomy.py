"""Sides and spinal levels named in a sentence."""

from __future__ import annotations

import re

from drafting.case.vocab import Laterality, normalize_level

_ANATOMY = (r"sided?|[CTLS]\d|lower|upper|lateral|medial|posterior|anterior|paraspinal|"
            r"sacroiliac|SI\b|facet|foramin|neural|paracentral|leg|arm|knee|foot|feet|ankle|"
            r"buttock|hip|thigh|calf|shin|shoulder|hand|wrist|elbow|neck|groin|great|big|toe|"
            r"gluteal|sciatic|radicular|dermatom|extensor|flexor|quadriceps|hamstring|achilles|"
            r"patellar|biceps|triceps|tibial|medial|gastrocnemius|L\d|S\d|C\d|T\d|paravertebral|"
            r"thumb|finger|digit|index|forearm|upper extremit|lower extremit|trapezius|deltoid|"
            r"scapula|brachioradialis|grip|ear|eye|face|chest|flank|groin")
_SIDE = re.compile(rf"\b(left|right)(?=[\s-]+(?:\w+[\s-]+)?(?:{_ANATOMY}))|"
                   r"\b(?:on|to|of) the (left|right)\b|\b(left|right)(?:ly)?-sided\b",
                   re.IGNORECASE)
# Chart shorthand: "L arm", "R knee", "on the L" (capital L or R only, never a level like L5).
_SIDE_ABBREVIATION = re.compile(rf"\b([LR])\b(?=\s+(?:\w+\s+)?(?:{_ANATOMY}))(?![\s]*\d)|"
                                r"\b(?:on|to) the ([LR])\b(?![\d-])")
_ABBREVIATED = {"L": "left", "R": "right"}
_BILATERAL = re.compile(r"\bbilateral(?:ly)?\b|\bboth (?:sides|legs|lower extremities|arms|"
                        r"upper extremities)\b", re.IGNORECASE)
_LEVEL = re.compile(r"(?<![\w-])([CTLS])\s?(\d{1,2})(?:\s*[-\u2013/]\s*([CTLS])?\s?(\d{1,2}))?"
                    r"(?![\w])")
# S1 as OCR reads it ("L5-Sl", "L5-SI", "S| root"). "SI" alone is the sacroiliac joint ("R SI
# joint dysfunction", "SI injection"), never a level, unless a segment's first level comes before
# it ("L5-SI") or a nerve root's words after it ("SI radiculopathy", "SI root").
_OCR_S1 = re.compile(r"\b([CTLS]\d\s*-\s*)?(?:S[l|](?=\b)|SI\b(?=(?:\s*(?:nerve\s+)?root|"
                     r"\s+radicul|\s+dermatom|\s+distribution)))|\b([CTLS]\d\s*-\s*)SI\b")


def laterality(text: str) -> Laterality | None:
    if _BILATERAL.search(text):
        return Laterality.bilateral
    sides = {next(g for g in m.groups() if g).lower() for m in _SIDE.finditer(text)}
    sides |= {_ABBREVIATED[next(g for g in m.groups() if g)]
              for m in _SIDE_ABBREVIATION.finditer(text)}
    if len(sides) == 2:
        return graded_side(text) or Laterality.bilateral
    if sides:
        return Laterality(sides.pop())
    return None


# A grade told for each side ("Biceps reflex 1+ on the L, 2+ on the R", "right EHL 4/5, left
# 5/5", "Grip 22 kg right and 30 kg left"): the finding is on the side whose grade is off (a
# reflex other than 2+, strength under 5/5, the weaker grip), not on both.
_PART = re.compile(r"[,;]|\band\b|\bvs\.?(?=\s)|\bversus\b", re.IGNORECASE)
_PART_SIDE = re.compile(r"\b(left|right)\b|\b([LR])\b(?![\d-])", re.IGNORECASE)
_GRADE = re.compile(r"(?<![\d/])(?:([0-5])([+-]?)/5\b|([0-4])\+(?![\d/])|"
                    r"(\d{1,3}(?:\.\d)?)\s?kg\b)", re.IGNORECASE)


def graded_side(text: str) -> Laterality | None:
    """The one side whose grade is off, when a sentence grades one test on each side."""
    off: dict[str, bool] = {}
    grips: dict[str, float] = {}
    for part in _PART.split(text):
        named = {(m.group(1) or _ABBREVIATED.get(m.group(2) or "", "")).lower()
                 for m in _PART_SIDE.finditer(part)
                 if m.group(1) or m.group(2) in _ABBREVIATED}
        grades = list(_GRADE.finditer(part))
        if len(named) != 1 or len(grades) != 1:
            continue
        side, grade = named.pop(), grades[0]
        if grade.group(1) is not None:
            bad = int(grade.group(1)) < 5 or grade.group(2) == "-"
        elif grade.group(3) is not None:
            bad = grade.group(3) != "2"
        else:
            grips[side] = min(grips.get(side, 1e9), float(grade.group(4)))
            continue
        off[side] = off.get(side, False) or bad
    if len(grips) == 2 and grips["left"] != grips["right"]:
        off = {side: grips[side] < max(grips.values()) for side in grips}
    if len(off) == 2 and sum(off.values()) == 1:
        return Laterality(next(side for side, bad in off.items() if bad))
    return None


def levels(text: str) -> list[str]:
    """Motion segments (L4-L5) and, when no segment is named, single levels (L5, S1)."""
    text = _OCR_S1.sub(lambda m: f"{m.group(1) or m.group(2) or ''}S1", text)
    found: list[str] = []
    for match in _LEVEL.finditer(text):
        region, first, second_region, second = match.groups()
        raw = f"{region}{first}" + (f"-{second_region or region}{second}" if second else "")
        for level in _expanded(raw):
            if level not in found:
                found.append(level)
    segments = [level for level in found if "-" in level]
    return segments or found


def _expanded(raw: str) -> list[str]:
    """A level, or the segments of a range written as one ("C5-C7" -> C5-C6, C6-C7)."""
    try:
        return [normalize_level(raw)]
    except ValueError:
        pass
    match = re.fullmatch(r"([CTLS])(\d{1,2})-([CTLS])(\d{1,2})", raw)
    if not match or match.group(1) != match.group(3):
        return []
    region, first, last = match.group(1), int(match.group(2)), int(match.group(4))
    if not 1 < last - first <= 4:
        return []
    try:
        return [normalize_level(f"{region}{n}-{region}{n + 1}") for n in range(first, last)]
    except ValueError:
        return []
