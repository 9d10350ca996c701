"""A number paired with the wrong thing (#19 wrong_guideline, wrong_number): a source that
gives one number for one case and another for another ("about three months for degenerative
spondylolisthesis, and six to twelve months ... when discogenic pain ... is covered"; "72% in
randomized trials and 82% in observational studies"; a fact's "7 mm in flexion and 3 mm in
extension (4 mm of translation)") is misread when a sentence gives the second number for the
first case. Read against all a sentence cites, facts and excerpts; percentages, spans and
millimetres only (a count, "two blocks", is not compared).

Both texts are cut into clauses (at commas, semicolons and "and", "while", "whereas"). A
sentence clause is flagged when it names a word that only one clause of the excerpt has, that
clause gives numbers and none of the sentence clause's, and every number of the sentence
clause is one the excerpt gives in another clause, unless another word of the sentence clause
belongs to a clause that gives them all (the sentence then follows that clause)."""

from __future__ import annotations

import re
from functools import lru_cache

from evals import claims
from evals.claim_patterns import DAYS_PER, PERCENT, TENS, WORD_NUMBERS

_CLAUSE = re.compile(r"[,;:()]|\.\s|\s(?:and|while|whereas|but|respectively)\s", re.IGNORECASE)
_WORD = re.compile(r"[a-z][a-z-]{4,}")
_MM = re.compile(r"(\d+(?:\.\d+)?)\s*mm\b")
# Words of a requirement or a count: never what a number belongs to.
_COMMON = frozenset("""about least after before under their which there these those would
should could other every often commonly usually typically generally months weeks years
percent patients patient guideline guidelines policy policies plans require requires
required found their within""".split())
_NUMBER_WORDS = frozenset([*TENS, *WORD_NUMBERS])


def _clauses(text: str) -> list[str]:
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(w[:7] for w in _WORD.findall(text.lower()) if w not in _COMMON)


Quantities = frozenset[tuple[str, float]]


def _quantities(text: str) -> Quantities:
    """A text's percentages and spans (in days): numbers of a kind a guideline pairs with a
    case (a count, "two blocks", is not compared)."""
    return frozenset({("%", float(v)) for v in PERCENT.findall(text)} |
                     {("days", round(v * DAYS_PER[u], 1)) for v, u in claims.durations(text)} |
                     {("mm", float(v)) for v in _MM.findall(text)})


@lru_cache(maxsize=4096)
def _excerpt_clauses(excerpt: str) -> tuple[tuple[frozenset[str], Quantities], ...]:
    return tuple((_words(c), _quantities(c)) for c in _clauses(excerpt))


def _kinds(q: Quantities) -> frozenset[str]:
    return frozenset(k for k, _ in q)


@lru_cache(maxsize=16384)
def pairing_problems(sentence: str, excerpt: str) -> tuple[str, ...]:
    """What a sentence gives a number for that the excerpt gives another number for."""
    parts = _excerpt_clauses(excerpt)
    numbered = [(w, n) for w, n in parts if n]
    if len(numbered) < 2:
        return ()
    # a word only one clause of the excerpt has
    count: dict[str, int] = {}
    for w, _ in parts:
        for word in w:
            count[word] = count.get(word, 0) + 1
    found = []
    for clause in _clauses(sentence):
        said = _quantities(clause)
        if not said:
            continue
        words = _words(clause)
        own = [(w, n) for w, n in numbered if w & words and any(count[x] == 1 for x in w & words)]
        if any(said <= n for _, n in own):
            continue  # the sentence follows a clause that gives its numbers
        elsewhere = frozenset().union(*(n for _, n in numbered))
        for w, n in own:
            # (a number word links a sentence to the clause giving that number, but is no
            # subject of another: "three years" and "three months" share no subject)
            distinct = sorted(x for x in w & words if count[x] == 1 and x not in _NUMBER_WORDS)
            same = frozenset(q for q in said if q[0] in _kinds(n))  # of a kind the clause gives
            if distinct and same and not same & n and same <= elsewhere:
                found.append(f"gives {_say(same)} with '{distinct[0]}', for which the cited "
                             f"source gives {_say(n)}")
                break
    return tuple(found)


def _say(q: Quantities) -> str:
    return ", ".join(f"{v:g}%" if k == "%" else f"{v:g} {k}" for k, v in sorted(q))
