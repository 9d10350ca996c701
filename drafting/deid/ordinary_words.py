"""A capitalised ordinary word is no name where the record itself writes it in lower case.

A label, a cue or a learned name can take a word that opens a sentence or a field for a name
("Re: Our client: ...", "Veteran prefers afternoon calls", "Plaintiff seeks ..."). Such a span
is dropped when it is one word, a word of the dictionary (``words.py``) and neither a given name
nor a surname of the Census lists, a word in lower case follows it, and the same text writes
that word in lower case elsewhere ("our", "the veteran", "plaintiff's"): a record that writes a
person's name in capitals writes it so every time. A name written in lower case throughout (a
text thread's "lola") is not touched: only capitalised spans are.
"""

from __future__ import annotations

import re

from drafting.deid.given_names import is_given_name, is_surname
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import english

_WORD = re.compile(r"[A-Z][a-z]+")
_LOWER_NEXT = re.compile(r"[ ][a-z]+\b")


def _ordinary(word: str, text: str, end: int) -> bool:
    words = english()
    key = word.lower()
    return (words is not None and key in words and not is_given_name(word)
            and not is_surname(word) and _LOWER_NEXT.match(text, end) is not None
            and re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text) is not None)


def without_ordinary_words(spans: list[Span], text: str) -> list[Span]:
    """``spans`` without the single-word names that the text writes as ordinary words."""
    return [s for s in spans if not (s.kind is PhiKind.name and _WORD.fullmatch(s.text(text))
                                     and _ordinary(s.text(text), text, s.end))]
