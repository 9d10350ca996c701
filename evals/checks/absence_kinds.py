"""What an absence claim names, read as the entities lexicon reads it (#19
absence_contradicted): its one-token synonyms spelled out ("no odi score" is "no Oswestry index
score"), a measure's score as the measure, only the first item of a list as what may leave some
out ("no Oswestry score or other measure" denies the Oswestry index), and the words a fact
records before any denial (a place a claim names, "no home TENS trial", must be one of them)."""

from __future__ import annotations

import re
from functools import lru_cache

from evals.checks.entities import Lexicon, words

LIST_BREAK = re.compile(r",|\s(?:or|and|nor)\s")
# What a measure's value is called: its score is the measure itself.
MEASURE_WORDS = frozenset({"score", "scores", "result", "results"})
_PART = re.compile(r"[,;:.]\s+|\s+(?:but|and then|although|though)\s+")
_DENIERS = frozenset({"no", "not", "never", "without", "none"})


def spelled_out(claim: str) -> str:
    """A claim made of the polarity check's tokens with its one-token synonyms spelled out
    ("no odi score" -> "no Oswestry index score"), as the entities lexicon names them."""
    from evals.checks.polarity.lexicon import lexicon as cues

    names = cues().synonym_names
    return " ".join(names.get(t, t) for t in claim.split(" "))


def names_a_measure(lex: Lexicon, claim: str) -> bool:
    """The first thing a claim names is a measure ("no Oswestry score")."""
    first = next((said for said, _ in lex.mentions(claim)), frozenset())
    return any(lex.concepts[cid].kind == "measure" for cid in first)


@lru_cache(maxsize=4096)
def recorded_words(statement: str) -> frozenset[str]:
    """The words of a fact's parts before any denial in that part ("clinic TENS ...; no home
    TENS use" records no home)."""
    found: set[str] = set()
    for part in _PART.split(statement):
        for w in words(part.lower()):
            if w in _DENIERS:
                break
            found.add(w)
    return frozenset(found)


_PART_TOKENS = frozenset({",", ";", ":", ".", "but"})


def planned_at(tokens: tuple[str, ...], k: int, not_done: frozenset[str]) -> bool:
    """Token k of a fact is in a part that orders, plans or requests rather than records ("the
    physician ordered purchase of a TENS unit for daily home use": no home use recorded)."""
    lo = k
    while lo > 0 and tokens[lo - 1] not in _PART_TOKENS:
        lo -= 1
    hi = k
    while hi < len(tokens) and tokens[hi] not in _PART_TOKENS:
        hi += 1
    return not not_done.isdisjoint(tokens[lo:hi])
