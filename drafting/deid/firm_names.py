"""The partners named in a firm's name: "Halvorsen & Teig, P.A.", "FITZHUGH & NAKAMURA, LLC",
"Halvorsen & Brüggemann (Veteran's attorney)". A law or accounting firm is named after people,
so each surname of it is a person's name, learned for the packet like any other ("cc: Fitzhugh &
Nakamura" in another letter, "Mr. Fitzhugh's office"). A firm of clinical or ordinary words
("Spine & Pain, PLLC", "Medicine & Rehabilitation") names nobody. Without a legal form, two
surnames joined by "&" after a word naming a correspondent ("request from Acevedo & Llompart")
are partners too, when neither is in a dictionary."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _is_stop
from drafting.deid.terms import LOWER, UPPER, U, is_clinical_word
from drafting.deid.words import is_word

_SURNAME = rf"(?:{U}[{LOWER}]+(?:[-'’]{U}[{LOWER}]+)?|{U}[{UPPER}]+(?:[-'’][{UPPER}]+)?)"
# Two surnames joined, then the firm's legal form or a word that says it is counsel.
FIRM = re.compile(
    rf"(?<![\w'’&-])(?P<a>{_SURNAME})[ ](?:&|and|AND)[ ](?P<b>{_SURNAME})"
    r"(?=,?[ ](?:LLC|LLP|PLLC|P\.?C\.|P\.?A\.|L\.?P\.?A\.|S\.?C\.|Ltd\.?|(?i:attorneys|law))\b"
    r"|[ ]\([^)\n]{0,30}(?i:attorney|counsel|law firm))")


# Two surnames joined after a word that names a correspondent, no legal form after them
# ("Records request from Acevedo & Llompart rec'd", "per Halvorsen & Teig"): both in no
# dictionary and not the same word ("from Johnson & Johnson" is a company).
FIRM_CUED = re.compile(
    rf"\b(?:from|by|per|with|to|cc:?|attn:?)[ ](?P<a>{_SURNAME})[ ]&[ ](?P<b>{_SURNAME})"
    r"(?![\w'’-]|[ ][A-Z])")


def firm_partners(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each surname in a firm's name whose words are no clinical, heading or
    common words."""
    for match in FIRM.finditer(text):
        words = [match.group("a"), match.group("b")]
        titled = [w.title() if w.isupper() else w for w in words]
        if any(_is_stop(w) or is_clinical_word(w) for w in titled) or all(
                is_word(w) for w in titled):
            continue
        for group in ("a", "b"):
            yield match.start(group), match.end(group)
    for match in FIRM_CUED.finditer(text):
        words = [w.title() if w.isupper() else w for w in (match.group("a"), match.group("b"))]
        if words[0] != words[1] and not any(
                _is_stop(w) or is_clinical_word(w) or is_word(w) or is_word(w.lower())
                for w in words):
            for group in ("a", "b"):
                yield match.start(group), match.end(group)
