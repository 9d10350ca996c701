"""What the sentence classifier sees of a draft sentence beside what it cites: the words of the
sentence that its cited facts and excerpts do not hold (and how many), the status words the
sources hold that the sentence drops, the balance of negations between them, a number the sources
do not hold, the section's kind and the markers' kinds; for a sentence without a marker, its own
words; for a sentence that negates, how much of it another fact of the record (one it does not
cite) restates, as a record that contradicts "no ... documented" would. Training
(benchmarks/eval_sentence_model.py) and the check (``evals/checks/learned.py``) use this one
function."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from drafting.case import Fact
from evals.context import MARKER
from guideline_index.excerpt import Excerpt

_TOKEN = re.compile(r"[a-z][a-z']*|\d+(?:[.,/]\d+)*%?")
_DIGIT = re.compile(r"\d")
# Function words: never counted as words a sentence adds to its source.
_STOP = frozenset(
    "the a an of and or to in on at for with by from as is was were be been are this that these "
    "those it its his her their he she they which who whom than then there here has have had do "
    "does did so such into over under about after before within per also both any all each one"
    .split())
_NEGATION = re.compile(r"\b(?:no|not|never|none|without|neither|nor|denied|denies|negative|"
                       r"absent|lacks?|lacking|failed|fails|unable|nothing|cannot)\b")
# Status words whose absence from the sentence, where its source holds them, may reverse it.
_STATUS = frozenset({"denied", "deni", "approv", "improv", "worse", "wors", "stop", "continu",
                     "return", "increas", "decreas", "positiv", "negativ", "normal", "abnormal"})
_SHORT = 3  # words of fewer letters are not content words
_STEPS = {"novel": (2, 6), "share": (0.1, 9), "overlap": (0.15, 5), "length": (6, 8)}


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=16384)
def words(text: str) -> tuple[str, ...]:
    """A text's words, lower case, stemmed, without citation markers ("didn't": "did not")."""
    text = (MARKER.sub(" ", text) if "[" in text else text).lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = text.replace("n't", " not")
    return tuple([t if t[0].isdigit() else _stem(t) for t in _TOKEN.findall(text)])


def _content(tokens: Iterable[str]) -> list[str]:
    # (the same test as "a digit first, or no stop word and long enough", cheapest part first)
    return [t for t in tokens if (len(t) >= _SHORT and t not in _STOP) or t[0].isdigit()]


# The fields ``fact_text`` reads (only they are dumped).
_FACT_FIELDS: set[str] = {"statement", "procedure", "laterality", "category", "date", "levels",
                          "dose", "duration", "percent_relief", "mme", "measures"}


def fact_text(fact: Fact) -> str:
    """A fact as the classifier reads it: its statement and its structured fields."""
    data = fact.model_dump(mode="json", exclude_none=True, include=_FACT_FIELDS)
    parts = [str(data.get("statement", ""))]
    parts += [str(data[k]) for k in ("procedure", "laterality", "category", "date") if data.get(k)]
    if data.get("levels"):
        parts.append(" ".join(map(str, data["levels"])))
    parts += [json.dumps(data[k], sort_keys=True)
              for k in ("dose", "duration", "percent_relief", "mme") if data.get(k) is not None]
    parts += [json.dumps(m, sort_keys=True) for m in data.get("measures") or []]
    return " ".join(parts)


def excerpt_text(excerpt: Excerpt) -> str:
    return " ".join(str(x or "") for x in (excerpt.short, excerpt.guideline, excerpt.edition,
                                            excerpt.section, excerpt.text,
                                            excerpt.recommendation))


def clear_caches() -> None:
    words.cache_clear()
    _stem.cache_clear()
    text_words.cache_clear()
    negates.cache_clear()
    _source_side.cache_clear()


@lru_cache(maxsize=16384)
def negates(text: str) -> bool:
    """Whether the sentence holds a negation (only then are ``other_facts`` read; cached: the
    check asks before reading the features, which ask again)."""
    return bool(_NEGATION.search(" ".join(words(text))))


@lru_cache(maxsize=4096)
def text_words(text: str) -> frozenset[str]:
    """The content words of a fact's text (``fact_text``), as ``other_facts`` takes them."""
    return frozenset(_content(words(text)))


def fact_words(fact: Fact) -> frozenset[str]:
    return text_words(fact_text(fact))


@lru_cache(maxsize=4096)
def _source_side(source: str) -> tuple[frozenset[str], int]:
    """What the features read of the cited sources' joined text: its words, and how many
    negations it holds (cached: many sentences cite the same sources)."""
    source_words = words(source)
    return frozenset(source_words), len(_NEGATION.findall(" ".join(source_words)))


def _bucket(value: float, name: str) -> int:
    step, top = _STEPS[name]
    return min(int(value // step), top)


def sentence_features(text: str, kind: str, cited_facts: list[str],
                      cited_excerpts: list[Excerpt],
                      other_facts: Iterable[frozenset[str]]) -> Counter[str]:
    """``cited_facts``: the text (``fact_text``) of each fact the sentence cites;
    ``other_facts``: the content words (``fact_words``) of each fact it does not cite."""
    tokens = words(text)
    content = _content(tokens)
    out: Counter[str] = Counter({f"k:{kind}": 1, f"len:{_bucket(len(tokens), 'length')}": 1,
                                 f"mf:{min(len(cited_facts), 2)}": 1,
                                 f"mg:{min(len(cited_excerpts), 2)}": 1})
    plain = " ".join(tokens)
    # (each feature added with ``dict.update`` is new to ``out``: its own prefix, from a set;
    # so it gives what Counter.update would, in the same order, without its loop in Python)
    if cited_facts or cited_excerpts:
        held, source_negations = _source_side(
            " ".join([*cited_facts, *(excerpt_text(e) for e in cited_excerpts)]))
        novel = [t for t in content if t not in held]
        dict.update(out, {f"nv:{t}": 1 for t in set(novel)})
        out[f"nn:{_bucket(len(novel), 'novel')}"] = 1
        out[f"ns:{_bucket(len(novel) / max(1, len(content)), 'share')}"] = 1
        said = set(tokens)
        dropped = {t for t in held - said if len(t) >= _SHORT and t not in _STOP}
        dict.update(out, {f"ms:{t}": 1 for t in dropped if _NEGATION.fullmatch(t) or t in _STATUS})
        balance = len(_NEGATION.findall(plain)) - source_negations
        out[f"nd:{max(-2, min(2, balance))}"] = 1
        if any(t[0].isdigit() and t not in held for t in tokens):
            out["dig:novel"] = 1
        if cited_facts and not cited_excerpts:
            out["only:F"] = 1
    else:
        dict.update(out, {f"u:{t}": 1 for t in set(content)})
        if any(t[0].isdigit() for t in tokens):
            out["u:digit"] = 1
    if negates(text):  # (the same test on the same words as ``plain``)
        out["neg"] = 1
        mine = set(content)
        best = 0.0
        for theirs in other_facts:
            if theirs and mine:
                best = max(best, len(mine & theirs) / len(mine))
        out[f"absov:{_bucket(best, 'overlap')}"] = 1
    return out
