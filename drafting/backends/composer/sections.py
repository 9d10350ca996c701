"""One function per section kind: the offline composer's text for each section of a draft (the
sections themselves are in ``front``, ``items`` and ``findings``; what they share in ``common``)."""

from __future__ import annotations

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


def compose(kind: str, context: Context) -> str:
    return COMPOSERS[kind](context).strip()
