"""Identifiers told by a cue and a shape that the number rules leave:

- a licence plate after "plate" or "tag" in capitals with one digit at least, a vanity plate
  too ("Wisconsin plate RUS 4EVR", "(tag\\nNBW R73"), not a size ("plate 3.5 mm") nor a word;
- the last digits of an account or a card after dots or a mask ("dd acct ...8817", "card
  ****4471");
- an employer identification number by its shape, two digits, a hyphen and seven ("23-7719046"),
  which nothing else is written as.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafting.deid.phimap import PhiKind
from drafting.deid.spans import Span, digits

PLATE_CUED = re.compile(
    r"\b(?i:plate|tag)(?:[ ](?i:no\.?|number|#))?[ \t]*\n?[ \t]*:?[ \t]*"
    r"(?P<value>(?=[A-Z0-9 -]*\d)(?=[A-Z0-9 -]*[A-Z])[A-Z0-9]{2,4}[ -]?[A-Z0-9]{2,5})"
    r"(?![\w-])(?![ ]?(?:mm|cm|in)\b)")
MASKED_LAST = re.compile(
    r"\b(?i:acct|account|card|a/c|visa|mastercard|amex|debit)[ #:.]*(?i:ending[ ](?:in[ ])?)?"
    r"(?:\.{2,}|…|[xX*•]{2,})[ ]?(?P<value>\d{4})(?![\w-])")
EIN = re.compile(r"(?<![\w./-])\d{2}-\d{7}(?![\w-]|\.\d)")


def id_forms(text: str) -> Iterator[Span]:
    for match in PLATE_CUED.finditer(text):
        value = match.group("value")
        if digits(value) >= 1 and not re.fullmatch(r"\d+[ -]?[A-Z]{1,2}", value):
            yield Span(match.start("value"), match.end("value"), PhiKind.device, 4)
    for match in MASKED_LAST.finditer(text):
        yield Span(match.start("value"), match.end("value"), PhiKind.id, 4)
    for match in EIN.finditer(text):
        yield Span(match.start(), match.end(), PhiKind.id, 2)
