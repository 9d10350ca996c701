"""One function per section kind: the offline composer's text for each section of a draft (the
sections themselves are in ``front``, ``items`` and ``findings``; what they share in ``common``)."""

from __future__ import annotations

import re
from collections.abc import Callable

from drafting.backends.composer.common import Context
from drafting.backends.composer.findings import checklist, conclusion, gaps, objections
from drafting.backends.composer.front import (
    chronology,
    letter,
    opening,
    qualifications,
    records,
    scope,
    signature,
)
from drafting.backends.composer.items import item_analysis

COMPOSERS: dict[str, Callable[[Context], str]] = {
    "letter": letter, "opening": opening, "qualifications": qualifications,
    "records": records, "chronology": chronology, "item_analysis": item_analysis,
    "scope": scope, "gaps": gaps, "objections": objections, "checklist": checklist,
    "conclusion": conclusion, "signature": signature,
}


# "... stating: "X". The record shows this [F3]." reads as an empty sentence to the physician:
# the citation goes onto the sentence it supports ("... stating: "X" [F3].").
_STUB = re.compile(r"(?<=\S)(?P<stop>[.!?][\"\u201d]?) The record shows this "
                   r"(?P<cite>(?:\[[^\]\s]+\])+)\.")


def _onto(match: re.Match[str]) -> str:
    before = match.string[:match.start()]
    start = max(before.rfind(". "), before.rfind("\n"))
    if "**" in before[start + 1:] or '"' in before[start + 1:]:
        # after a bold criterion ("**X.** Met.") or a quotation, the citation would read as
        # support for the criterion's or the quoted wording: it stays a sentence of its own
        return match.group(0)
    return f" {match['cite']}{match['stop']}"


def compose(kind: str, context: Context) -> str:
    return _STUB.sub(_onto, COMPOSERS[kind](context).strip())
