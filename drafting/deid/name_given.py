"""Names that need no cue beside them, or whose form is their cue:

- A given name of the Census list (``given_names.py``) in no dictionary, capitalised, anywhere in
  prose (``Rosalind`` of "Rosalind stopped by", ``Teodoro (nights)``), outside an eponym phrase
  and not opening the name of a place or an organisation (``St. Agnes``, ``Mercy Hospital``).
  A given name that is also a word ("Grace", "Will", "Dawn") needs another rule.
- A nickname in quotes between a given name and a surname: ``Bartholomew "Bart" Quince``.
- A given name of the list, a word too ("Dawn", "Iris"), where its place says it is a person's:
  before a parenthesis in lower case (``Hope (nights)``), opening a clause before "from"
  (``Iris from next door``, ``Trent from Medtronic``), after "asked for" (``asked for Bill``).
- The same in lower case after a relation or before one in parentheses (``daughter joy``,
  ``rose (his sister)``): replaced where it stands, not learned.
- A name a message opens or closes with, on its own line or before " - " (``Rosalie,``,
  ``Love, Bettina``, ``Bettina - thanks``), an initial and a surname in no dictionary
  (``E. Varga``), a name between commas after a relation (``friend from church, Joy,``) and a
  display name in lower case before an e-mail address (``"joy varga" <jv@x.org>``).
- Initials that a key spells out: ``TJW = Tobias J. Wendt``, ``EvdB = Eva van den Berg`` (the
  letters in any order: a pharmacist's key may put the surname first).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid import names as name_rules
from drafting.deid.given_names import is_given_name
from drafting.deid.names import _CAP, _PWORD, _RELATION, PARTICLE
from drafting.deid.places import _STATE_NAMES
from drafting.deid.terms import fold, is_clinical_word, protected_spans
from drafting.deid.words import is_abbreviation, is_word, unlearned_name_ok

GIVEN = re.compile(rf"(?<![\w'’.@/#-])(?P<given>{_CAP})(?![\w@-]|[.'’]\w)")
_NOT_AFTER = re.compile(r"(?i)\b(?:st|saint|san|santa|mount|mt|lake|fort|port|rua|rue|calle|"
                        r"avenida|av|via|camino|paseo|strasse)\.?[ ]$")
_NOT_BEFORE = re.compile(
    r"[ ]\d|[ ](?:Hospital|Medical|Health|Healthcare|Center|Centre|Clinic|University|College|"
    r"School|County|Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Lane|Ln|Way|Court|Ct|Place|Pl|"
    r"Park|Village|Manor|Terrace|Hall|Institute|Foundation|Pharmacy|Church|Syndrome|Disease|"
    r"Sign|Test|Maneuver|Procedure|Scale|Score|Criteria|Classification)\b")
NICK_BETWEEN = re.compile(rf"(?<![\w'’-])(?P<first>{_CAP})[ ][\"“](?P<nick>{_CAP})[\"”][ ]"
                          rf"(?P<last>{_PWORD})")
KEY = re.compile(rf"(?<![\w-])(?P<ini>[A-Z][A-Za-z]{{1,3}})[ ]?=[ ]?(?P<name>{_PWORD}"
                 rf"(?:,?[ ]{_PWORD}|[ ][A-Z]\.){{1,4}})")


_PLACE = re.compile(rf"(?:{_STATE_NAMES}|America|Americas|Canada|Mexico|Jamaica|Chad|Jordan|"
                    r"Georgia|India|Israel|Kenya|Victoria|Sydney|Austin|Dallas|Houston|Tyler|"
                    r"Orlando|Phoenix|Denver|Cleveland|Lincoln|Madison|Jackson|Charlotte|Raleigh)")


def is_place(word: str) -> bool:
    """A state, a country or a city that is also a given name ("Nevada", "Florida", "Austin")."""
    return _PLACE.fullmatch(word.strip(".,'’s")) is not None or _PLACE.fullmatch(word) is not None


def _given_alone(text: str) -> Iterator[tuple[int, int]]:
    guarded = [(a, b) for a, b, level in protected_spans(text) if level >= 1]
    for match in GIVEN.finditer(text):
        word = match.group("given")
        if not is_given_name(word) or is_word(word) or is_clinical_word(word) \
                or name_rules._is_stop(word) or is_place(word) \
                or fold(word).lower() in name_rules.given_months():
            continue
        if _NOT_AFTER.search(text[max(0, match.start() - 8):match.start()]) \
                or _NOT_BEFORE.match(text, match.end()):
            continue
        if any(match.start() < y and x < match.end() for x, y in guarded):
            continue
        yield match.start(), match.end()


WORD_PLACES = re.compile(
    rf"(?<![\w'’-])(?P<given>{_CAP})(?=[ ]\((?=[a-z])[^()\n]{{1,30}}\))"
    rf"|(?:^|(?<=[.!?;:-][ ])|(?<=\n))(?P<opens>{_CAP})(?=[ ]from[ ](?:the|next|down|\d|[A-Z]))"
    rf"|(?i:\b(?:asked|asking|asks|ask|calling|looking|waiting)[ ]for[ ])(?P<asked>{_CAP})(?![\w])",
    re.MULTILINE)
_KIN = (r"daughter|son|wife|husband|sister|brother|mother|father|niece|nephew|granddaughter|"
        r"grandson|cousin|aunt|uncle|friend|neighbou?r|grandma|grandpa")
LOWER_PLACES = re.compile(
    rf"\b(?i:{_KIN})[ ](?P<after>[a-z]{{3,}})(?![\w'’-])"
    rf"|(?<![\w'’-])(?P<before>[a-z]{{3,}})(?=[ ]\((?:his|her|their|my|our|the)[ ]"
    rf"(?:{_RELATION})\))")
_KIN_WORDS = frozenset(fold(w).lower() for w in name_rules._roles()["kin_words"])
# Given names that are also words a relation is often followed by ("her son will drive")
_VERBS = frozenset("will may can bill mark sue pat rob drew grant chase page art gene ray rich "
                   "guy chuck jack don dean wade ward bob bud hunter lane said says".split())


_SIGN = r"(?:love|thanks|thank[ ]you|best|cheers|xo|xoxo|hugs|regards|dear|hi|hey|hello)"
MESSAGE = re.compile(
    rf"(?im)^[ \t]*(?:{_SIGN},?[ ])?(?P<name>{_CAP})(?:[ \t]*[,!][ \t]*$|[ ]-[ ](?=[a-z]))")
INITIAL_SURNAME = re.compile(rf"(?<![\w.'’-])[A-Z]\.[ ](?P<name>{_CAP})(?![\w'’-]|\.\w)")
APPOSITION = re.compile(rf"\b(?i:{_KIN}|caregiver|aide)\b[^,.\n]{{0,30}},[ ](?P<name>{_CAP}),")
LOWER_DISPLAY = re.compile(r"[\"“](?P<name>[a-z]{2,}(?:[ ][a-z'’-]{2,}){1,2})[\"”][ ]?<[^<>\s@]+@")


def message_marks(text: str) -> Iterator[tuple[int, int]]:
    """A name that opens or closes a message, after an initial, between commas after a
    relation, in lower case before an e-mail address: learned (but for the last)."""
    for pattern in (MESSAGE, INITIAL_SURNAME, APPOSITION):
        for match in pattern.finditer(text):
            word = match.group("name")
            if name_rules._is_stop(word) or is_clinical_word(word) or fold(word).lower() in \
                    name_rules.given_months() or fold(word).lower() in _KIN_WORDS:
                continue
            if pattern is INITIAL_SURNAME and match.group(0)[0] in "LRB" \
                    and is_abbreviation(word):
                continue  # "L. Decr LT": left, decreased
            if (pattern is INITIAL_SURNAME and unlearned_name_ok(word.lower())) or (
                    pattern is not INITIAL_SURNAME and (is_given_name(word) or (
                        not is_word(word) and unlearned_name_ok(word.lower())))):
                yield match.start("name"), match.end("name")
    for match in LOWER_DISPLAY.finditer(text):
        yield match.start("name"), match.end("name")


def _usable(word: str) -> bool:
    return is_given_name(word) and not is_clinical_word(word) and not name_rules._is_stop(word) \
        and fold(word).lower() not in name_rules.given_months()


def word_places(text: str) -> Iterator[tuple[int, int]]:
    """Given names that are also words, where their place marks them: learned."""
    for match in WORD_PLACES.finditer(text):
        group = next(g for g in ("given", "opens", "asked") if match.group(g))
        if _usable(match.group(group)):
            yield match.start(group), match.end(group)


def lower_places(text: str) -> Iterator[tuple[int, int]]:
    """Given names in lower case after or before a relation: replaced, not learned."""
    for match in LOWER_PLACES.finditer(text):
        group = "after" if match.group("after") else "before"
        word = match.group(group)
        if word not in _VERBS and _usable(word):
            yield match.start(group), match.end(group)


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
    yield from word_places(text)
    yield from message_marks(text)
