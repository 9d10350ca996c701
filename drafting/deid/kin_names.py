"""Relatives named beside a word of kinship where the name is also a word the name rules set
aside:

- a given name that is also a month after a possessive and a relation ("his wife June, who",
  "her daughter May manages"): a month names no one after "his wife" unless a year or a day
  follows it ("his wife June 2024" is no one);
- a name of two or three words before a bracket that opens with a relation ("Arvid Frost
  (father, ninety-two)"), its surname a dictionary word ("Frost", "Miles"), its first word a
  given name or in no dictionary.

Found where they stand and learned for the record (a relative named once is named again)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.name_context import _KIN, _NAME, _plain, _words
from drafting.deid.names import given_months
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import is_word

MONTH_KIN = re.compile(
    rf"\b(?i:his|her|their|my|our|your|the[ ]patient['’]s|patient['’]s)[ ]{_KIN},?[ ]"
    r"(?P<name>[A-Z][a-z]+)(?![\w'’-])(?![ ,]*\d)(?![ ][A-Z])")
NAME_KIN = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})[ ]\((?=(?i:(?:his|her|their|the[ ]patient['’]s)[ ])?"
    rf"{_KIN}\b)")


def kin_names(text: str) -> Iterator[Span]:
    for match in MONTH_KIN.finditer(text):
        if match.group("name").lower() in given_months():
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in NAME_KIN.finditer(text):
        words = _words(match.group("name"))
        first = words[0] if words else ""
        if words and all(_plain(w) for w in words) and (
                is_given_name(first.title()) or not is_word(first)):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
