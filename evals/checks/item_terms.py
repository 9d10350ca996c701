"""The side and level of a requested item, named with the item ("a bilateral L3-L4
transforaminal injection [F5]" of a denial that does not repeat them): the case file states
them, so a sentence naming the item may give them whatever it cites. A side or level anywhere
else in the sentence is read against the sources as usual."""

from __future__ import annotations

import re
from functools import lru_cache

from drafting.case.vocab import normalize_level
from evals import claims
from evals.claim_patterns import LEVEL
from evals.context import EvalContext

# Words of a service's name that do not name the procedure ("Repeat right L5-S1 ... under
# fluoroscopy").
_NOT_PROCEDURE = frozenset("""left right bilateral both sides side repeat under with without
and of the a an at to for on in lumbar cervical thoracic sacral level levels single first
second third""".split())
# A side or a level, and up to two words before what it goes with.
_TERM = re.compile(r"\b(left|right|bilateral|[CTLS]\d{1,2}(?:\s*[-/]\s*[CTLS]?\d{1,2})?)\b"
                   r"(?=((?:[\s-]+[\w/-]+){1,3}))", re.IGNORECASE)


@lru_cache(maxsize=256)
def _item(service: str, levels: tuple[str, ...], side: str | None
          ) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """An item's sides, levels and the words that name its procedure (cut to six letters)."""
    sides = set(claims.sides(service)) | ({side} if side else set())
    known = set(claims.levels(service)) | set(levels)
    words = {w[:6] for w in re.findall(r"[a-z]{4,}", service.lower()) if w not in _NOT_PROCEDURE}
    return frozenset(sides), frozenset(known), frozenset(words)


def _items(ctx: EvalContext) -> list[tuple[frozenset[str], frozenset[str], frozenset[str]]]:
    found = []
    for item in ctx.case.disputed_items:
        side = item.details.laterality
        found.append(_item(item.service, tuple(item.details.levels),
                           getattr(side, "value", side)))
    return found


def _level(text: str) -> str | None:
    try:
        return normalize_level(text)
    except ValueError:
        return None


# A sentence about the request itself ("the request was for blocks at C4-5, C5-6 and C6-7",
# "the plan declined ...", "the added level").
_REQUEST = re.compile(r"\b(?:request(?:s|ed)?|sought|asked for|ordered|denial|denied|declined|"
                      r"approv(?:al|e|ed)|authori[sz](?:ation|e|ed)|non-?certifi\w+|"
                      r"added level|at issue|in dispute)\b", re.IGNORECASE)


def _requested(ctx: EvalContext, text: str) -> tuple[set[str], set[str]]:
    """The item's sides and levels a sentence about the request gives anywhere, where it names
    the item's procedure ("the request was for medial branch blocks at C4-5 and C5-6"): its
    levels only where the sentence gives every one of them."""
    if not _REQUEST.search(text):
        return set(), set()
    named = {w[:6] for w in re.findall(r"[a-z]{4,}", text.lower())}
    said = {lv for t in LEVEL.findall(text) if (lv := _level(t))}
    sides_said = set(claims.sides(text))
    items = [(s, lv) for s, lv, words in _items(ctx) if words & named]
    # (the item's levels only where it gives all of them: "requested at L4-L5 and L5-S1 only"
    # of a three-level request misstates it)
    return ({side for item_sides, _ in items for side in sides_said & item_sides},
            {lv for _, item_levels in items if item_levels <= said for lv in item_levels})


def item_terms(ctx: EvalContext, text: str) -> tuple[set[str], set[str]]:
    """The sides and levels of a requested item that the sentence gives with the item: a side
    or level of the item followed, within three words, by a word naming the item's procedure
    or (for a side) by the item's level; and the item's levels anywhere in a sentence about
    the request that names the item's procedure."""
    sides, levels = _requested(ctx, text)
    for m in _TERM.finditer(text):
        term = m.group(1)
        after = m.group(2).lower()
        following = [w[:6] for w in re.findall(r"[a-z]{4,}", after)]
        after_levels = {lv for t in LEVEL.findall(m.group(2)) if (lv := _level(t))}
        for item_sides, item_levels, words in _items(ctx):
            named = any(w in words for w in following)
            if term.lower() in ("left", "right", "bilateral"):
                if term.lower() in item_sides and (named or after_levels & item_levels):
                    sides.add(term.lower())
            elif (level := _level(term)) in item_levels and named:
                levels.add(level)
    return sides, levels
