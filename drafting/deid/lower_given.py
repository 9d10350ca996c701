"""Given names written in lower case in prose, wherever they stand (``wendell doesn't know``,
``the TENS thing from reuben beeps``, ``andy ok. cop coming``, ``my brother kurt started``):
a patient's or a relative's own message, or a form filled by hand, does not capitalise them.

Only a word of four letters or more that is a given name of the Census lists
(``given_names.py``) and no dictionary or clinical word, nor the shape of a drug
(``unlearned_name_ok``), counts; so "summer", "hope" or "max dose" name no one here (they are
left to the rules that read a cue beside them). A word inside an address, a user name or a link
("wendell.k@", "/reuben/", "j_andy") is left to the rules for those. Nor do a few Spanish words
that the Census lists also hold as given names ("ella dice", "esta semana").

Replaced, not learned: the capitalised word is found by the rules that mark names.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.given_names import is_given_name
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.words import unlearned_name_ok

LOWER_WORD = re.compile(r"(?<![\w@./_'’#-])(?P<name>[a-z]{4,})(?=(?:['’]s)?(?![\w@/_-]|\.\w))")
# Spanish pronouns and determiners the given-name lists also hold.
SPANISH = frozenset({"ella", "ellas", "esta", "este", "estas", "estos", "nina", "mama"})


def lower_given_names(text: str) -> Iterator[Span]:
    for match in LOWER_WORD.finditer(text):
        word = match.group("name")
        if word not in SPANISH and is_given_name(word) and unlearned_name_ok(word):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 3)
