"""A person written in capitals with an initial, just after the word of the role they hold in a
claim, a bill or a pharmacy's listing: ``Prescriber ASHCROFT W``, ``Claimant BERUBE-LAFLEUR G``,
``Rendering: C DE BACA, ROSALINDA``, ``Patient: ORTIZ MALDONADO, RAFAEL A``.

A listing cuts the given name to its initial and may drop the comma, so the surname stands alone
beside a single letter; what marks it as a person is the role before it. The name must hold a
single-letter initial (before or after it) and end where a field ends: two spaces, the end of the
line, a comma, a bracket or a number. No word of it may be a label, a heading or a word that is
never a name (``names._is_stop``). Found where it stands and learned for the record.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.names import _is_stop
from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span

_ROLES = ("Prescriber|Claimant|Patient|Rendering|Referring|Ordering|Attending|Insured|Employee|"
          "Subscriber|Member|Provider|Physician|Pharmacist|Dispenser")
ROLE = "(?:" + _ROLES + "|" + _ROLES.upper() + ")"
_SURNAME = r"[A-Z][A-Z'’]+(?:-[A-Z][A-Z'’]+)?"
ROLE_CAPITALS = re.compile(
    rf"\b{ROLE}:?[ ]{{1,2}}(?P<name>(?:[A-Z][ ])?(?:(?:DE[ ]LA|DE|DEL|DI|DA|VAN|VON|ST\.)[ ])?"
    rf"{_SURNAME}(?:[ ]{_SURNAME})?(?:,[ ][A-Z][A-Z'’-]+)?(?:[ ][A-Z])?)"
    r"(?=[ \t]{2,}|[ \t]*$|,[ ]|[ ]\(|[ ]\d)", re.MULTILINE)
_INITIAL = re.compile(r"(?:^|[ ])[A-Z](?:[ ]|$)")


def role_capitals(text: str) -> Iterator[Span]:
    for match in ROLE_CAPITALS.finditer(text):
        name = match.group("name")
        words = [w for w in re.split(r"[ ,]+", name) if len(w) > 1]
        if _INITIAL.search(name) and words and not any(_is_stop(w) for w in words):
            yield Span(match.start("name"), match.end("name"), PhiKind.name, 4)
