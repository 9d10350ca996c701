"""Text as the polarity check reads it: normalised tokens (straight apostrophes, "not" for
"n't", dotted abbreviations closed up, synonyms as one token), light stems, and which tokens
can be a concept."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from evals.checks.polarity.lexicon import lexicon

_TRANSLATE = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "—": " ; ",
                            "–": "-", "‑": "-", "\u00a0": " "})
_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}(?![a-z])")  # b.i.d. -> bid
_DOTTED_HINT = re.compile(r"\.[a-z]\.")  # in every dotted abbreviation
_TITLES = re.compile(r"\b(dr|vs|approx|mr|mrs|ms|st|fig)\.(?= [a-z0-9])")
_NOT = re.compile(r"\b(?:(can)'?t|(won)'t|(\w+)n't)\b")
_POSSESSIVE = re.compile(r"'s\b")
_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?|[;:,.()?!/%+-]")


def normalise(text: str) -> list[str]:
    """Lower-case tokens, with straight apostrophes, "not" for "n't", dotted abbreviations closed
    up and the lexicon's synonyms written as one token ("straight-leg raise" -> "slr")."""
    text = (text if text.isascii() else text.translate(_TRANSLATE)).lower()
    if "." in text.rstrip(" ."):  # the patterns below are slow: run them where they can match
        if _DOTTED_HINT.search(text):
            text = _DOTTED.sub(lambda m: m.group(0).replace(".", ""), text)
        if _title(text):
            text = _TITLES.sub(r"\1", text)
    if "'" in text:
        text = _NOT.sub(lambda m: "can not" if m.group(1) else "will not" if m.group(2) else
                        f"{m.group(3)} not", text)
        text = _POSSESSIVE.sub("", text)
    tokens = _TOKEN.findall(text.replace("cannot", "can not"))
    lex = lexicon()
    joined = " ".join(tokens)
    if not lex.synonym_start.search(f" {joined}"):  # no token begins as a synonym does
        return tokens
    return lex.synonyms.sub(lambda m: lex.synonym_words[int(m.lastgroup[1:])],  # type: ignore[index]
                            joined).split()


def _title(text: str) -> bool:
    """Whether the text may hold a title's abbreviation ("dr.") that _TITLES closes up."""
    return ("dr." in text or "vs." in text or "approx." in text or "mr." in text or
            "mrs." in text or "ms." in text or "st." in text or "fig." in text)


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    """A light stem: plural and -ed / -ing endings off ("tests", "tested" -> "test";
    "reduce", "reduced" -> "reduc"), but "percent" is not "percentage"."""
    if len(word) > 4 and word.endswith(("ies", "ied")):  # "testified" is "testify"
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[:-len(suffix)]
            break
    return word[:-1] if len(word) > 4 and word.endswith("e") else word


@lru_cache(maxsize=16384)
def is_concept(token: str) -> bool:
    return len(token) > 2 and token[0].isalpha() and not token.endswith("ly") and \
        token not in lexicon().not_concepts


def token_start_matches(pattern: re.Pattern[str], joined: str, starts: list[int]
                        ) -> Iterator[re.Match[str]]:
    """``pattern.finditer(joined)`` for a pattern every match of which begins where a token
    does (``starts``: where each token of the space-joined text begins): tried only there, in
    order, it finds the same matches several times faster than tried at every character.
    Where it matches nowhere (most texts, for most patterns), one ``search`` says so; where it
    does, the tokens are tried from its first match on (no match begins before it)."""
    first = pattern.search(joined)
    if first is None:
        return
    end = 0  # where the last match ended: the next begins after it
    for start in starts[bisect.bisect_left(starts, first.start()):]:
        if start >= end and (m := pattern.match(joined, start)) is not None:
            if m.end() == start:  # (an empty match: never one of these patterns)
                yield from pattern.finditer(joined, start)
                return
            yield m
            end = m.end()
