"""Towns too small for any list, named where a history or a message says where someone is born,
lives, moved, stays or drives from ("a 58-year-old woman from Sanostee", "moved to Derby Line in
1988", "45 minutes from Derby Line", "hotel in Waikiki"), and a town before a Canadian province
("born in Coaticook, Québec"). HIPAA's safe harbour removes every place smaller than a state;
the gazetteer (``gazetteer.py``) knows only towns of 5,000 people or more, so these phrases of
residence are read as the mark instead: one to three capitalised words after them, the whole run,
a word in no dictionary or two words or more, none a heading, clinical or stop word, and not a
country, a region or a state (``regions.txt``: larger than a state, kept as written). The towns
found are learned, to be found again alone in the same record or packet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from drafting.deid.given_names import is_given_name
from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, U, is_clinical_word
from drafting.deid.words import is_word

REGIONS = Path(__file__).with_name("regions.txt")
_WORD = rf"{U}[{LOWER}]+(?:['’-]{U}?[{LOWER}]+)?"
_RUN = rf"(?P<run>{_WORD}(?:[ ]{_WORD}){{0,2}})(?![ ]?{U}|[\w'’-])"
# Phrases of residence, origin and travel, as histories, intake forms and messages write them.
_RESIDENCE = re.compile(
    r"\b(?i:born[ ]in|moved[ ](?:back[ ]|here[ ]|away[ ]|up[ ]|down[ ])?(?:to|from)|"
    r"lives[ ]in|living[ ]in|resides[ ]in|resided[ ]in|grew[ ]up[ ]in|raised[ ]in|native[ ]of|"
    r"(?:woman|man|lady|gentleman|girl|boy|resident|native)[ ]from|"
    r"(?:minutes|mins|miles|mi|hours|hrs|hour|drive)[ ](?:away[ ])?from|"
    r"(?:hotel|motel|staying|stayed|stays|home|house|ranch|farm)[ ]in|"
    r"drives?[ ](?:in[ ])?from|commutes?[ ](?:in[ ])?from|relocated[ ](?:to|from)|"
    rf"we[ ]go[ ]to|visiting[ ](?:family|relatives)[ ]in)[ ]{_RUN}")
_PROVINCE = re.compile(
    rf"(?<![\w'’-]){_RUN},[ ](?:Québec|Quebec|QC|Ontario|ON|Manitoba|MB|Alberta|AB|"
    r"Saskatchewan|SK|British[ ]Columbia|BC|New[ ]Brunswick|NB|Nova[ ]Scotia|NS|"
    r"Prince[ ]Edward[ ]Island|PEI|Newfoundland|NL)\b")


# A single word after "in", "near", "outside" or "at" ending its clause ("the hardware store in
# Bairoa", "PT at Harmon", "hotel in Waikiki."): a place when it is in no dictionary, no given
# name, no clinical word and no country or state.
_AT_PLACE = re.compile(
    rf"\b(?:in|near|outside|at)[ ](?P<run>{U}[{LOWER}]{{3,}})(?![\w'’-])"
    r"(?=[ \t]*[.,;:)\n\"”]|[ ](?:in|on|and|for|with|since|until|last|this|every)\b)")


@cache
def regions() -> frozenset[str]:
    lines = REGIONS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _town(words: list[str]) -> bool:
    from drafting.deid.gazetteer import _state  # (gazetteer reads places, which reads this)

    name = " ".join(words)
    if name in regions() or _state().fullmatch(name):
        return False
    if any(_is_stop(w) or is_clinical_word(w) for w in words):
        return False
    return len(words) > 1 or not is_word(words[0])


def residence_towns(text: str) -> Iterator[Span]:
    """Each town named after a phrase of residence or before a Canadian province."""
    for pattern in (_RESIDENCE, _PROVINCE):
        for match in pattern.finditer(text):
            if _town(match.group("run").split(" ")):
                yield Span(match.start("run"), match.end("run"), PhiKind.address, 2)
    yield from at_places(text)


def at_places(text: str) -> Iterator[Span]:
    """Each single word ``_AT_PLACE`` reads as a place."""
    for match in _AT_PLACE.finditer(text):
        word = match.group("run")
        if len(word) <= 4 and text.startswith(".", match.end("run")):
            continue  # a state cut short ("in Minn.")
        if not is_given_name(word) and _town([word]):
            yield Span(match.start("run"), match.end("run"), PhiKind.address, 2)


def learned_towns(text: str) -> set[str]:
    """The towns ``residence_towns`` finds, to find again alone ("Derby Line Family Drug")."""
    return {text[span.start:span.end] for span in residence_towns(text)}
