"""A person written as initials where records put a signer's initials, when the initials are
those of a name the same text gives:

- after "by" (``verified 03/02/19 by QRT``, ``Patient notified by LM``);
- after a dash that closes a note's entry (``Case remains open. -QRT`` at the line's end), or
  alone after its last sentence, a particle in lower case (``... of counsel. IdJT``);
- alone in a table cell (``| Chin tucks x10 | QR |``), or in brackets (``Quinn Ro, PT (QR)``);
- after a co-signature or verification label (``Co-signed for PTA notes: QR``).

The initials must spell a name found in the text (given and surname, a hyphenated name by its
parts or as one word, a middle name or initial in or out), so "by VA", "by EMS", "-OK" or a
cell reading "NA" are left alone unless a person of the record has those initials.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator

from drafting.deid.names import _CREDENTIAL_WORDS
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import HYPHEN, fold

_INITIALS = r"(?P<initials>[A-Z]{2,3})(?![\w&/'’-])"
PLACES = [
    re.compile(rf"\bby:?[ ]{_INITIALS}"),
    re.compile(rf"(?m)(?<=[.!?)\]\"”])[ ]{{1,2}}-[ ]?{_INITIALS}[ \t]*$"),
    re.compile(rf"(?m)\|[ \t]*{_INITIALS}[ \t]*(?=\||$)"),
    re.compile(rf"[ ]\({_INITIALS}\)"),
    # at the end of a note, after its last sentence, a particle in lower case as the signer
    # writes it ("... on request of counsel. IdJT" for Irene de Jesús Toledo)
    re.compile(r"(?m)(?<=[.!?)\]])[ ]{1,2}(?P<initials>[A-Z](?:[a-z]?[A-Z]){1,3})[ \t]*$"),
    re.compile(rf"(?i:\b(?:co-?signed|verified|reviewed|initials)\b)[^:\n]{{0,30}}:[ ]?"
               rf"{_INITIALS}"),
]
_TITLE = re.compile(r"(?i)(?:dr|mr|mrs|ms|mx|prof|doctor)\.?")


def name_initials(name: str) -> set[str]:
    """Every way initials may spell ``name``: "bnw", "btnw", "bn" of "Bao-Tran Nguyen-Whitfield";
    with and without a middle name or initial."""
    words = [w for w in re.findall(r"[^\W\d_][\w'’.-]*", fold(name).split(",")[0])
             if not _TITLE.fullmatch(w)]
    choices = []
    for word in words[:4]:
        parts = [p for p in re.split(HYPHEN, word) if p]
        choices.append({word[0].lower(), "".join(p[0] for p in parts).lower()})
    out: set[str] = set()
    for picked in itertools.product(*choices):
        for first in range(len(picked) - 1):  # a rank or a title before the name left out
            out.add("".join(picked[first:]))
        if len(picked) > 2:
            out.add(picked[0] + picked[-1])  # without the middle name
    return {i for i in out if len(i) >= 2}


def initial_marks(text: str, names: Iterable[Span]) -> Iterator[Span]:
    known: set[str] = set()
    for span in names:
        written = span.text(text)
        known |= name_initials(written)
        last, comma, first = written.partition(",")
        given = first.strip().split(" ")[0].replace(".", "").lower()
        if comma and given and given not in _CREDENTIAL_WORDS:  # "LAST, FIRST": first name first
            known |= name_initials(f"{first} {last}")
    if not known:
        return
    for pattern in PLACES:
        for match in pattern.finditer(text):
            initials = match.group("initials").lower()
            if initials in known and initials not in _CREDENTIAL_WORDS:  # "scored by MA"
                yield Span(match.start("initials"), match.end("initials"), PhiKind.name, 3)
