"""The cue lexicon of ``evals/data/polarity.yaml``, compiled once: synonyms, negation cues of
every kind, status pairs (rose / fell, stopped / continued...) and the words never taken for a
concept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from evals.checks.polarity.words import BASE_NOT_CONCEPT

LEXICON = Path(__file__).resolve().parents[2] / "data" / "polarity.yaml"


@dataclass(frozen=True)
class Pair:
    name: str
    patient: bool  # about the patient as a whole: any two mentions compare
    complementary: bool  # denying one pole states the other
    hides: str  # the pole whose subject is not stated to be present ("ibuprofen was stopped")
    phrases: re.Pattern[str] | None  # its phrases of several words, group "a" or "b"
    actor: bool = False  # about who acts, not what is acted on ("the Board reversed the judge")


# Cue kinds, in the order they claim words: a status phrase of several words ("non-smoker")
# takes its cue words for itself, and a threshold ("no more than") is not a negation.
CUE_KINDS = ("phrase", "pseudo", "boundary", "transparent", "unsure", "after", "before", "verb",
             "weak")
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Lexicon:
    synonyms: re.Pattern[str]  # group sN: the word synonym_words[N]
    synonym_words: tuple[str, ...]
    synonym_names: dict[str, str]  # how a finding quotes a synonym's token
    synonym_starts: tuple[str, ...]  # how every synonym begins (a text without one is skipped)
    synonym_start: re.Pattern[str]  # a token beginning so, in " " + the space-joined tokens
    cues: re.Pattern[str]  # one group per cue kind
    pair_words: dict[str, tuple[tuple[int, str], ...]]  # a one-word phrase: (pair, pole)
    boundaries: frozenset[str]
    qualifiers: frozenset[str]
    fillers: frozenset[str]
    not_concepts: frozenset[str]
    record_heads: frozenset[str]
    phrase: int
    pairs: tuple[Pair, ...]


def _tokens_pattern(groups: dict[str, list[str]]) -> re.Pattern[str]:
    """One named group per list of patterns, each matching whole tokens of the space-joined
    text; longer patterns first, so "no more than" is tried before "no"."""
    def alternatives(patterns: list[str]) -> str:
        ordered = sorted(map(str, patterns), key=len, reverse=True) or ["(?!x)x"]
        return "|".join(f"(?:{p})" for p in ordered)
    return re.compile(r"(?<!\S)(?:" + "|".join(
        f"(?P<{name}>{alternatives(patterns)})" for name, patterns in groups.items()) +
        r")(?!\S)")


def _synonym_starts(synonyms: dict[str, dict[str, Any]]) -> tuple[str, ...]:
    """The letters every synonym pattern begins with ("straight" for "straight(?: - | )leg")."""
    starts = set()
    for pattern in (str(p) for entry in synonyms.values() for p in entry["patterns"]):
        m = _WORD.match(pattern)
        if not m:
            raise ValueError(f"a synonym must begin with letters: {pattern!r}")
        starts.add(m.group(0))
    return tuple(sorted(starts))


@cache
def lexicon(path: Path = LEXICON) -> Lexicon:
    """The cue lexicon, compiled once: one pattern for the synonyms, one for every cue, a
    table of one-word status phrases and one pattern per pair for its longer phrases."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    neg = data["negation"]
    words = tuple(data["synonyms"])
    bounds = [str(b) for b in data["boundaries"]]
    pairs: list[Pair] = []
    pair_words: dict[str, list[tuple[int, str]]] = {}
    longer: list[str] = []
    for i, p in enumerate(data["pairs"]):
        poles: dict[str, list[str]] = {}
        for pole in "ab":
            for phrase in map(str, p[pole]):
                if _WORD.fullmatch(phrase):
                    pair_words.setdefault(phrase, []).append((i, pole))
                else:
                    poles.setdefault(pole, []).append(phrase)
                    longer.append(phrase)
        pairs.append(Pair(p["name"], p.get("subject") == "patient", bool(p["complementary"]),
                          str(p.get("hides", "")), _tokens_pattern(poles) if poles else None,
                          p.get("subject") == "actor"))
    kinds = {"phrase": longer, "pseudo": neg["pseudo"],
             "boundary": [b for b in bounds if " " in b], "transparent": neg["transparent"],
             "unsure": data["unsure"], "after": neg["after"], "before": neg["before"],
             "verb": neg["verb"], "weak": neg["weak"]}
    return Lexicon(
        synonyms=_tokens_pattern({f"s{i}": data["synonyms"][w]["patterns"]
                                  for i, w in enumerate(words)}),
        synonym_words=words, synonym_starts=(starts := _synonym_starts(data["synonyms"])),
        synonym_start=re.compile(" (?:" + "|".join(map(re.escape, starts)) + ")"),
        synonym_names={w: str(data["synonyms"][w]["name"]) for w in words},
        cues=_tokens_pattern({k: kinds[k] for k in CUE_KINDS}),
        pair_words={k: tuple(v) for k, v in pair_words.items()},
        boundaries=frozenset(b for b in bounds if " " not in b),
        qualifiers=frozenset(neg["qualifiers"]), fillers=frozenset(neg["fillers"]),
        not_concepts=BASE_NOT_CONCEPT | frozenset(map(str, data["not_concepts"])),
        record_heads=frozenset(map(str, data["record_heads"])),
        phrase=int(data["phrase"]), pairs=tuple(pairs))
