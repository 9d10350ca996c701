"""A person written as a pharmacy or claims listing writes a prescriber or provider in a column:
surnames in capitals and the first initial, the column set off by a wide gap or brackets
("CINTRON BAEZ W", "ABERNATHY C", "ADEYEMI-HART O (DEA ...)", "(ABERNATHY C)"). Each surname
is in no dictionary and is no clinical or drug word, so a drug's strength or form in capitals
("MG TAB", "HCL") is never read as one."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _CAPS_WORD, _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import U, is_clinical_word
from drafting.deid.words import is_word

# one or two surnames (a Hispanic second surname: "CINTRON BAEZ"), a comma or not, an initial
COLUMN_NAME = re.compile(
    rf"(?m)(?:(?<=[ \t]{{2}})|(?<=\()|^)(?P<name>{_CAPS_WORD}(?:[ ]{_CAPS_WORD})?,?[ ]{U})"
    r"(?=[ \t]{2,}\S|[ \t]*$|[ \t]*\||[ ]?\(|\))")


def _surname(word: str) -> bool:
    """A surname in capitals: no part a clinical or heading word, one part at least in no
    dictionary ("ADEYEMI-HART")."""
    parts = word.split("-")
    return len(word) >= 3 and not any(
        is_clinical_word(p) or is_clinical_word(p.title()) or _is_stop(p.title()) for p in parts
    ) and not all(is_word(p.lower()) or is_word(p.title()) for p in parts)


def column_names(text: str) -> Iterator[Span]:
    for match in COLUMN_NAME.finditer(text):
        surnames = match.group("name").rstrip(",").split(" ")[:-1]
        if all(_surname(w.rstrip(",")) for w in surnames):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
