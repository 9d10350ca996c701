"""Sides in a cited sentence against what it cites (the consistency check's side problems): the
sides a sentence gives less those it says the record lacks, the sides it may give (its sources',
a named diagnosis's, the requested item's), and each side with the anatomy it goes with."""

from __future__ import annotations

import re
from itertools import pairwise

from evals import claims
from evals.checks.item_terms import item_terms
from evals.claims import Claims
from evals.context import EvalContext


def sides_said(said: Claims) -> Claims:
    """The sentence less its clauses saying the record lacks something ("there is no surgery on
    the left side in this record"): a side denied there is the absences check's to read."""
    if not said.sides:
        return said
    from evals.checks.absence_claims import absence_clauses

    text = said.text
    for _, missing in absence_clauses(text):
        for claim in missing:  # "no surgery on the left side": the words after "no"
            phrase = claim.split(" ", 1)[1] if " " in claim else ""
            at = text.lower().find(phrase)
            if phrase and at >= 0:
                text = text[:at] + " " + text[at + len(phrase):]
    return said if text == said.text else claims.scan(text)


def sides_known(ctx: EvalContext, said: Claims, cited: Claims) -> Claims | frozenset[str]:
    """The sides a sentence may give: its sources', and the side of a diagnosis of the case it
    names ("carpal tunnel syndrome on both sides" where the case's diagnosis is bilateral)."""
    if not said.sides or said.sides <= cited.sides:
        return cited
    lower = said.text.lower()
    extra = {side for d in ctx.case.diagnoses for side in _diagnosis_sides(d)
             if _names_diagnosis(lower, d.text)}
    extra |= item_terms(ctx, said.text)[0]  # the requested item's, named with the item
    return cited if not extra else cited.sides | extra


def _diagnosis_sides(diagnosis: object) -> set[str]:
    side = getattr(diagnosis, "laterality", None)
    value = getattr(side, "value", side)
    return {str(value)} if value in ("left", "right", "bilateral") else set()


_WORD = re.compile(r"[a-z]+")
_GENERIC = frozenset("""with without and or of the a an on in at to for status post after
pain left right bilateral side sides both syndrome disorder""".split())


def _names_diagnosis(lower: str, diagnosis: str) -> bool:
    """The sentence says "diagnosis", or two words in a row of the diagnosis's own name
    ("carpal tunnel")."""
    if "diagnos" in lower:
        return True
    words = _WORD.findall(diagnosis.lower())
    return any(a not in _GENERIC and b not in _GENERIC and f"{a} {b}" in lower
               for a, b in pairwise(words))


# Symptoms in both limbs, the plain way a patient or a lay summary says what a note records
# without a side ("radiating into both legs", "numbness in both feet").
_BOTH_LIMBS = re.compile(r"\bboth (?:legs|arms|feet|hands|lower extremities|upper extremities)\b",
                         re.IGNORECASE)
_BILATERAL = re.compile(r"\b(?:bilateral(?:ly)?|both sides?|each side)\b", re.IGNORECASE)


def _only_both_limbs(text: str) -> bool:
    """The sentence's only side is symptoms in both limbs: it names no bilateral procedure or
    finding ("bilateral L5 radiculopathy", "on both sides"), which the source must give."""
    return bool(_BOTH_LIMBS.search(text)) and not _BILATERAL.search(text)


def side_problems(said: Claims, cited: Claims | frozenset[str]) -> list[str]:
    if not said.sides:
        return []  # no side, so no side with its anatomy either
    known = cited if isinstance(cited, frozenset) else cited.sides
    wrong = sorted(s for s in said.sides if s not in known)
    if wrong == ["bilateral"] and not known and _only_both_limbs(said.text):
        wrong = []  # "pain into both legs" where the source gives no side at all
    if wrong:
        there = ", ".join(sorted(known)) or "no side"
        return [f"side {', '.join(wrong)} but the source says {there}"]
    if isinstance(cited, frozenset):
        return []  # a side of a diagnosis the sentence names: no anatomy to pair it with
    # Both sides appear in the source: each side must go with the same anatomy it does there.
    source_pairs = cited.side_pairs
    problems = []
    for side, part in sorted(said.side_pairs - source_pairs):
        sides_there = sorted({s for s, p in source_pairs if p == part})
        if sides_there and side not in sides_there:
            problems.append(f"{side} {part}... but the source says {', '.join(sides_there)} "
                            f"{part}...")
    return problems
