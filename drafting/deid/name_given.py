"""Names that need no cue beside them, or whose form is their cue:

- A given name of the Census list (``given_names.py``) in no dictionary, capitalised, anywhere in
  prose (``Rosalind`` of "Rosalind stopped by", ``Teodoro (nights)``), outside an eponym phrase
  and not opening the name of a place or an organisation (``St. Agnes``, ``Mercy Hospital``).
  A given name that is also a word ("Grace", "Will", "Dawn") needs another rule.
- A nickname in quotes between a given name and a surname: ``Bartholomew "Bart" Quince``.
- Initials that a key spells out: ``TJW = Tobias J. Wendt``, ``EvdB = Eva van den Berg`` (the
  letters in any order: a pharmacist's key may put the surname first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid import names as name_rules
from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _PWORD, PARTICLE
from drafting.deid.terms import fold, is_clinical_word, protected_spans
from drafting.deid.words import is_word

GIVEN = re.compile(rf"(?<![\w'’.@/#-])(?P<given>{_CAP})(?![\w@-]|[.'’]\w)")
_NOT_AFTER = re.compile(r"(?i)\b(?:st|saint|san|santa|mount|mt|lake|fort|port|rua|rue|calle|"
                        r"avenida|av|via|camino|paseo|strasse)\.?[ ]$")
_NOT_BEFORE = re.compile(
    r"[ ]\d|[ ](?:Hospital|Medical|Health|Healthcare|Center|Centre|Clinic|University|College|School|"
    r"County|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Lane|Ln|Way|Court|Ct|Place|Pl|"
    r"Park|Village|Manor|Terrace|Hall|Institute|Foundation|Pharmacy|Church|Syndrome|Disease|"
    r"Sign|Test|Maneuver|Procedure|Scale|Score|Criteria|Classification)\b")
NICK_BETWEEN = re.compile(rf"(?<![\w'’-])(?P<first>{_CAP})[ ][\"“](?P<nick>{_CAP})[\"”][ ]"
                          rf"(?P<last>{_PWORD})")
KEY = re.compile(rf"(?<![\w-])(?P<ini>[A-Z][A-Za-z]{{1,3}})[ ]?=[ ]?(?P<name>{_PWORD}"
                 rf"(?:,?[ ]{_PWORD}|[ ][A-Z]\.){{1,4}})")


def _given_alone(text: str) -> Iterator[tuple[int, int]]:
    guarded = [(a, b) for a, b, level in protected_spans(text) if level >= 1]
    for match in GIVEN.finditer(text):
        word = match.group("given")
        if not is_given_name(word) or is_word(word) or is_clinical_word(word) \
                or name_rules._is_stop(word) \
                or fold(word).lower() in name_rules.given_months():
            continue
        if _NOT_AFTER.search(text[max(0, match.start() - 8):match.start()]) \
                or _NOT_BEFORE.match(text, match.end()):
            continue
        if any(match.start() < y and x < match.end() for x, y in guarded):
            continue
        yield match.start(), match.end()


def _letters(name: str) -> str:
    words = [w for w in re.split(r"[ ,]+", name) if w]
    return "".join(sorted(w[0].lower() for w in words))


def _keys(text: str) -> Iterator[tuple[int, int]]:
    for match in KEY.finditer(text):
        ini, name = match.group("ini"), match.group("name")
        bare = [w for w in name.replace(",", " ").split()
                if not re.fullmatch(PARTICLE, w, re.IGNORECASE)]
        if sorted(ini.lower()) in ([*_letters(name)], [*_letters(" ".join(bare))]) \
                and name_rules.trim(name, match.start("name"), strict=True):
            yield match.start("ini"), match.end("ini")
            yield match.start("name"), match.end("name")


def given_marks(text: str) -> Iterator[tuple[int, int]]:
    """Names marked by their form: a given name in no dictionary, a nickname between a given
    name and a surname, initials a key spells out. Each is learned."""
    yield from _given_alone(text)
    for match in NICK_BETWEEN.finditer(text):
        first, last = match.group("first"), match.group("last")
        if (is_given_name(first) or not is_word(last)) and not name_rules._is_stop(first) \
                and not name_rules._is_stop(last.split()[-1]):
            yield match.start(), match.end()
    yield from _keys(text)
