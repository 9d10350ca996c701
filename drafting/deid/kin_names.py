"""Relatives named beside a word of kinship where the name is also a word the name rules set
aside:

- a given name that is also a month after a possessive and a relation ("his wife June, who",
  "her daughter May manages"), a stop, a relative clause or a verb of the third person after
  it: not "his wife June 2024", nor the modal "her mother May visit";
- a name of two or three words before a bracket that opens with a relation ("Arvid Frost
  (father, ninety-two)"), its surname a dictionary word ("Frost", "Miles"), its first word a
  given name or in no dictionary.

A relation and its name in a note's shorthand or a sentence that names it ("wife = Carol", "his
wife's name is Carol").

And the parties a court's caption names before their role, in capitals or title case, joined by
"and" ("RUSSELL A. FROST and JUNE M. FROST,\n    Plaintiffs,"): a spouse is often the second.

Found where they stand and learned for the record (a relative named once is named again)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.name_context import _KIN, _NAME, _plain, _words
from drafting.deid.names import _INSURER, _is_stop, given_months
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import is_word

MONTH_KIN = re.compile(
    rf"\b(?i:his|her|their|my|our|your|the[ ]patient['’]s|patient['’]s)[ ]{_KIN},?[ ]"
    r"(?P<name>[A-Z][a-z]+)(?![\w'’-])(?![ ,]*\d)"
    # then a stop, a relative clause or a verb of the third person ("June manages"), not the
    # modal's verb ("her mother May visit")
    r"(?=[ \t]*[,.;:)!?\n]|[ ](?:who|and|is|was|has|had|also|still|does|did|will|would)\b"
    r"|[ ][a-z]{2,}(?<!s)s\b)")
NAME_KIN = re.compile(
    rf"(?<![\w'’-])(?P<name>{_NAME})[ ]\((?=(?i:(?:his|her|their|the[ ]patient['’]s)[ ])?"
    rf"{_KIN}\b)")


# A relation and its name in a note's shorthand or a sentence that names it: "wife = Carol",
# "son - Tate", "his wife's name is Carol", "her son is named Garrett".
KIN_SAYS = re.compile(
    rf"\b{_KIN}(?:[ ]?[=–][ ]?|[ ]-[ ]|['’]s[ ]name[ ]is[ ]|[ ]is[ ]named[ ]|[ ]named[ ])"
    r"(?P<name>[A-Z][a-z'’-]+(?:[ ][A-Z][a-z'’-]+)?)(?![\w'’-])")
_PARTY = r"[A-Z][A-Za-z'’-]+(?:[ ][A-Z]\.)?(?:[ ][A-Z][A-Za-z'’-]+){1,2}"
CAPTION_PARTIES = re.compile(
    rf"(?m)^[ \t]*(?P<names>{_PARTY}(?:,?[ ]and[ ]{_PARTY})*),?[ \t]*\n[ \t]*"
    r"(?:Plaintiffs?|PLAINTIFFS?|Petitioners?|PETITIONERS?|Defendants?|DEFENDANTS?|"
    r"Respondents?|RESPONDENTS?|Appellants?|Appellees?|Claimants?)\b")
_FIRM_WORD = re.compile(r"(?i)\b(?:inc|llc|corp|corporation|company|co|ltd|lp|llp|pllc|"
                        r"bank|trust|county|city|state|department|hospital|clinic)\b")


def caption_parties(text: str) -> Iterator[Span]:
    for match in CAPTION_PARTIES.finditer(text):
        base = match.start("names")
        for part in re.finditer(_PARTY, match.group("names")):
            name = part.group(0)
            words = [w for w in name.split() if not re.fullmatch(r"[A-Z]\.", w)]
            if any(_is_stop(w) and w.lower() not in given_months() for w in words) or \
                    _INSURER.search(name.title()) or _FIRM_WORD.search(name):
                continue
            yield Span(base + part.start(), base + part.end(), PhiKind.name, 4)


def kin_names(text: str) -> Iterator[Span]:
    yield from caption_parties(text)
    yield from kin_lists(text)
    for match in KIN_SAYS.finditer(text):
        words = match.group("name").split()
        if all(_plain(w) for w in words) and (is_given_name(words[0]) or not is_word(words[0])):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in MONTH_KIN.finditer(text):
        if match.group("name").lower() in given_months():
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
    for match in NAME_KIN.finditer(text):
        words = _words(match.group("name"))
        first = words[0] if words else ""
        if words and all(_plain(w) for w in words) and (
                is_given_name(first.title()) or not is_word(first)):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)


# A form's list of children or siblings after its label, each with an age or not: "Children:
# Keyshla 14, Adrián 9", "Kids: Ana (7) and Tomás (3)", "Hijos: Mateo, Sofía y Joaquín"; or a
# sentence's, after a comma, on to the next line ("two kids, Summer (19) and Bo (15).",
# "two children, Kaylee and\nTucker, the younger").
KIN_LIST = re.compile(r"(?i:\b(?:children|kids|sons|daughters|siblings|grandchildren|"
                      r"stepchildren|hijos|hijas|nietos))[ \t]*[:,][ \t]*"
                      r"(?P<list>(?:[^\n;|]|\n(?=[ \t]*[A-ZÀ-Ý]))[^\n;|]{1,119})")
_ITEM = re.compile(r"(?:^|,[ ]?|\s(?:and|&|y)\s)(?P<name>[A-ZÀ-Ý][a-zà-ÿ'’-]+)"
                   r"(?P<age>[ ]\(?(?:age[ ])?\d{1,2}\)?(?![\d/]))?(?=[ ]|[,.;)]|$)")


def kin_lists(text: str) -> Iterator[Span]:
    """Each name of a form's list of children or siblings: one with an age after it, or one
    in no dictionary and no heading word, and then a given name of the Census lists beside it."""
    for match in KIN_LIST.finditer(text):
        items = [i for i in _ITEM.finditer(match.group("list")) if not _is_stop(i.group("name"))]
        named = [i for i in items if i.group("age") or not is_word(i.group("name").lower())]
        if named:  # then a given name beside them is one too ("Kaylee and Tucker")
            named += [i for i in items if i not in named and is_given_name(i.group("name"))]
        for item in named:
            start = match.start("list") + item.start("name")
            yield Span(start, start + len(item.group("name")), PhiKind.name, 4)
