"""Identifiers told by a cue and a shape that the number rules leave:

- a licence plate after "plate" or "tag" in capitals with one digit at least, a vanity plate
  too ("Wisconsin plate RUS 4EVR", "(tag\\nNBW R73"), not a size ("plate 3.5 mm") nor a word;
- the last digits of an account or a card after dots or a mask ("dd acct ...8817", "card
  ****4471");
- an employer identification number by its shape, two digits, a hyphen and seven ("23-7719046"),
  which nothing else is written as;
- a vessel's name after its prefix (fishing, motor or sailing vessel: "F/V CHINIAK STAR", "M/V
  Polar Wind") or a "Vessel:" label, with its prefix; learned, and found again alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits
from drafting.deid.terms import is_clinical_word

PLATE_CUED = re.compile(
    r"\b(?i:plate|tag)(?:[ ](?i:no\.?|number|#))?[ \t]*\n?[ \t]*:?[ \t]*"
    r"(?P<value>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])(?:[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,5}"
    r"|\d{4,6}-[A-Z]{2,3}))"  # (a plate of digits first: "plate\n83417-TK")
    r"(?![\w-])(?![ ]?(?:mm|cm|in)\b)")
MASKED_LAST = re.compile(
    r"\b(?i:acct|account|card|a/c|visa|mastercard|amex|debit)[ #:.]*(?i:ending[ ](?:in[ ])?)?"
    r"(?:\.{2,}|…|[xX*•]{2,})[ ]?(?P<value>\d{4})(?![\w-])")
_VESSEL_WORD = r"[A-Z][A-Za-z'’]*[A-Za-z]"
VESSEL = re.compile(
    rf"(?<![\w/])(?=[FMS]/V[ ]|(?i:vessel))(?:(?i:vessel)(?:[ ](?i:name))?:?[ ]+)?"
    rf"(?P<prefix>[FMS]/V[ ])?"
    rf"(?P<name>{_VESSEL_WORD}(?:[ ]{_VESSEL_WORD}){{0,2}})(?![\w'’-])")


def vessels(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, name) of each vessel named after its prefix or label; the span takes the
    prefix in ("F/V CHINIAK STAR")."""
    for match in VESSEL.finditer(text):
        name = match.group("name")
        if len(name) >= 4 and name.lower() not in _NOT_VESSEL and not any(
                is_clinical_word(w) for w in name.split()):  # (not "Vessel: Left Vertebral")
            start = match.start("prefix") if match.group("prefix") else match.start("name")
            yield start, match.end("name"), name


_NOT_VESSEL = frozenset({"name", "none", "unknown", "owner", "type", "number", "official"})


def vessel_names(text: str) -> set[str]:
    """The names of the vessels named in ``text``, as written and in capitals, to find again."""
    return {form for _, _, name in vessels(text) for form in (name, name.upper())}


EIN = re.compile(r"(?<![\w./-])\d{2}-\d{7}(?![\w-]|\.\d)")


def id_forms(text: str) -> Iterator[Span]:
    for match in PLATE_CUED.finditer(text):
        value = match.group("value")
        if digits(value) >= 1 and (not re.fullmatch(r"\d+[ -]?[A-Z]{1,2}", value)
                                   or re.fullmatch(r"\d{4,6}-[A-Z]{2,3}", value)):
            yield Span(match.start("value"), match.end("value"), PhiKind.device, 4)
    for match in MASKED_LAST.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.id, 4)
    for match in EIN.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 2)
    for start, end, _ in vessels(text):
        yield Span(start, end, PhiKind.device, 4)
