"""Where a patient lives inside a building: a care home's name (``Juniper Court Assisted
Living``, ``Elm Crest SNF``; the name without its kind is learned and found again, ``Juniper
Court``), and a room, an apartment or a bed (``Rm 118-A``, ``Apt 9``, ``4E rm 402 bed 2``,
``Unit/Bed: 4E-402-2``)."""

from __future__ import annotations

import re

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span
from drafting.deid.terms import LOWER, UPPER

_WORD = rf"[{UPPER}][{LOWER}]+(?:['’]s)?"
_KIND = (r"Assisted[ ]Living(?:[ ](?:Facility|Community|Center|Centre))?|Senior[ ]Living|"
         r"Nursing[ ]Home|Nursing[ ](?:and|&)[ ]Rehab(?:ilitation)?(?:[ ]Center)?|"
         r"Retirement[ ](?:Community|Home|Village)|Care[ ]Home|Memory[ ]Care|"
         r"Skilled[ ]Nursing(?:[ ]Facility)?|Group[ ]Home|ALF|AL|SNF")
HOME = re.compile(rf"(?<![\w'’-])(?P<name>{_WORD}(?:[ ]{_WORD}){{1,3}})[ ](?:{_KIND})(?![\w])")
ROOM = re.compile(
    r"(?<![\w-])(?:\d{1,2}[A-Z][ ])?(?:Rm|RM|rm|Room|room|Apt|Apartment|Bed|bed)\.?[ ]?#?[ ]?"
    r"[0-9][0-9A-Z]{0,4}(?:-[0-9A-Z]{1,3})?(?:[ ](?:bed|Bed|side)[ ][A-Z0-9]{1,3})?"
    r"(?![\w-])")  # not a phone number: "reading room 555-022-4500"
ROOM_FIELD = re.compile(r"(?im)\b(?:unit/bed|room/bed|rm/bed|bed)[ \t]*:[ \t]*"
                        r"(?P<value>[0-9A-Z][0-9A-Z-]{1,12})(?![\w-])")


def residences(text: str) -> tuple[list[Span], set[str]]:
    """(spans, care-home names to find again)."""
    spans, names = [], set()
    for match in HOME.finditer(text):
        spans.append(Span(match.start(), match.end(), PhiKind.address, 4))
        names.add(match.group("name"))
    for match in ROOM.finditer(text):
        spans.append(Span(match.start(), match.end(), PhiKind.address, 3))
    for match in ROOM_FIELD.finditer(text):
        spans.append(Span(match.start("value"), match.end("value"), PhiKind.address, 4))
    return spans, names


