"""Inject known errors into clean drafts, one at a time, to measure what the checks catch.

Each mutation edits one sentence (or one item section) of a copy of the draft and says which
section it touched; a mutation is detected when an error finding lands in that section.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from drafting.draft import Draft
from evals import claims
from evals.context import EvalContext, Sentence

Mutated = tuple[Draft, str] | None


@dataclass(frozen=True)
class Mutation:
    name: str
    apply: Callable[[EvalContext, random.Random], Mutated]


def _replace_sentence(ctx: EvalContext, sentence: Sentence, new: str) -> Mutated:
    if new == sentence.text:
        return None
    draft = ctx.draft.model_copy(deep=True)
    section = next(s for s in draft.sections if s.key == sentence.section.key)
    section.text = section.text.replace(sentence.text, new, 1)
    return draft, section.key


def _pick(ctx: EvalContext, rng: random.Random, keep: Callable[[Sentence], bool]
          ) -> Sentence | None:
    candidates = [s for s in ctx.sentences if keep(s)]
    return rng.choice(candidates) if candidates else None


def _cites_fact(s: Sentence) -> bool:
    return any(m.startswith("F") for m in s.markers)


def swap_side(ctx: EvalContext, rng: random.Random) -> Mutated:
    side = claims.SIDE_BEFORE_ANATOMY
    s = _pick(ctx, rng, lambda s: _cites_fact(s) and bool(side.search(s.plain)))
    if s is None:
        return None
    swapped = side.sub(lambda m: "right" if m.group(1).lower() == "left" else "left", s.text,
                       count=1)
    return _replace_sentence(ctx, s, swapped)


def shift_level(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, lambda s: _cites_fact(s) and bool(claims.levels(s.plain)))
    if s is None:
        return None
    match = re.search(r"\b([CTL])(\d{1,2})-([CTLS])(\d{1,2})\b", s.text)
    if not match:
        return None
    region, upper = match.group(1), int(match.group(2))
    shifted = f"{region}{upper - 1}-{region}{upper}" if upper > 1 else f"{region}2-{region}3"
    return _replace_sentence(ctx, s, s.text.replace(match.group(0), shifted, 1))


def change_number(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, lambda s: bool(s.markers) and bool(re.search(
        r"(?<![\w.-])\d+(?![\w-])", claims_text(s))))
    if s is None:
        return None
    plain = claims_text(s)
    number = re.findall(r"(?<![\w.-])(\d+)(?![\w-])", plain)[0]
    changed = str(int(number) * 3 + 7)
    return _replace_sentence(ctx, s, re.sub(rf"(?<![\w.-]){number}(?![\w-])", changed, s.text,
                                            count=1))


def claims_text(s: Sentence) -> str:
    """The sentence with dates and levels removed (numbers there belong to other mutations)."""
    text = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", " ", s.plain)
    text = re.sub(r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b", " ", text)
    return re.sub(r"\b[CTLS]\d{1,2}(-[CTLS]?\d{1,2})?\b", " ", text)


def change_date(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, lambda s: _cites_fact(s) and bool(claims.dates(s.text)))
    if s is None:
        return None
    original = sorted(claims.dates(s.text))[0]
    moved = original + dt.timedelta(days=37)
    text = s.text.replace(original.isoformat(), moved.isoformat(), 1)
    long_form = f"{original.day} {original:%B %Y}"
    text = text.replace(long_form, f"{moved.day} {moved:%B %Y}", 1)
    return _replace_sentence(ctx, s, text)


def drop_citation(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, lambda s: _cites_fact(s) and bool(claims.numbers(s.plain)) and
              not any(m.startswith("G:") for m in s.markers))
    if s is None:
        return None
    return _replace_sentence(ctx, s, re.sub(r"\s*\[F\d+\]", "", s.text))


def corrupt_citation(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, _cites_fact)
    if s is None:
        return None
    return _replace_sentence(ctx, s, re.sub(r"\[F\d+\]", "[F987]", s.text, count=1))


def unrelated_excerpt(ctx: EvalContext, rng: random.Random) -> Mutated:
    s = _pick(ctx, rng, lambda s: any(m.startswith("G:") for m in s.markers))
    if s is None:
        return None
    cited = next(m[2:] for m in s.markers if m.startswith("G:"))
    others = sorted(i for i, e in ctx.excerpts.items() if i not in s.section.excerpt_ids
                    and not set(e.procedures) & set(ctx.excerpts[cited].procedures))
    if not others:
        return None
    return _replace_sentence(ctx, s, s.text.replace(f"[G:{cited}]", f"[G:{rng.choice(others)}]",
                                                    1))


_FLIPS = [("not shown to be medically necessary", "medically necessary"),
          ("not medically necessary", "medically necessary"),
          ("medically necessary", "not medically necessary")]


def flip_outcome(ctx: EvalContext, rng: random.Random) -> Mutated:
    sections = [s for s in ctx.draft.sections if s.item_id]
    if not sections:
        return None
    chosen = rng.choice(sections)
    draft = ctx.draft.model_copy(deep=True)
    section = next(s for s in draft.sections if s.key == chosen.key)
    for old, new in _FLIPS:
        index = section.text.rfind(old)
        if index >= 0:
            section.text = section.text[:index] + new + section.text[index + len(old):]
            return draft, section.key
    return None


_CLAIMS = Path(__file__).parent / "data" / "unsupported_claims.yaml"


@cache
def unsupported_claims() -> list[str]:
    return list(yaml.safe_load(_CLAIMS.read_text(encoding="utf-8"))["claims"])


def unsupported_claim(ctx: EvalContext, rng: random.Random) -> Mutated:
    sections = [s for s in ctx.draft.sections if s.item_id and s.fact_ids]
    if not sections:
        return None
    chosen = rng.choice(sections)
    claim = rng.choice(unsupported_claims()).format(fact=rng.choice(chosen.fact_ids))
    draft = ctx.draft.model_copy(deep=True)
    section = next(s for s in draft.sections if s.key == chosen.key)
    paragraphs = section.text.split("\n\n")
    at = rng.randrange(len(paragraphs))
    paragraphs[at] = f"{paragraphs[at].rstrip()} {claim}"
    section.text = "\n\n".join(paragraphs)
    return draft, section.key


MUTATIONS = [Mutation(f.__name__, f) for f in (
    swap_side, shift_level, change_number, change_date, drop_citation, corrupt_citation,
    unrelated_excerpt, flip_outcome, unsupported_claim)]
