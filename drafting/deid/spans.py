"""A span of text found to be an identifier, and how overlapping spans are resolved."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from drafting.deid.phimap import PhiKind


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    kind: PhiKind
    priority: int = 0  # higher wins an overlap; then the longer span

    def text(self, source: str) -> str:
        return source[self.start:self.end]


def digits(text: str) -> int:
    return sum(c.isdigit() for c in text)


# A zero that a scan read for an O between capitals or opening a word of capitals ("P0LICY
# NUMBER", "VILLASEN0R", "0KAFOR"), a lower-case l read for an I between capitals ("LlNDQVIST",
# "QUESTIONNAlRE").
# Also a zero between small letters ("Lar0che"), an l closing a word of capitals ("MARCHETTl-",
# "NPl"), and an O or an l among digits, read for 0 and 1 ("(4O7) 555-Ol37", "l846", "328O6").
_ZERO_FOR_O = re.compile(r"(?<=[A-Z])0(?=[A-Z])|(?<![\w-])0(?=[A-Z]{3})|(?<=[A-Z]-)0(?=[A-Z]{2})"
                         r"|(?<=[a-z])0(?=[a-z])")
_L_FOR_I = re.compile(r"(?<=[A-Z])l(?=[A-Z])|(?<=[A-Z]{2})l(?![\w])")
_DIGIT_RUN = re.compile(r"(?<![A-Za-z])(?=[0-9Ol]*\d[0-9Ol]*\d)[0-9Ol]*[Ol][0-9Ol]*(?![A-Za-z])")


def unmisread(text: str) -> str:
    """``text`` with those letters read as what they were; of the same length, so a span found
    in it stands where it stands in ``text``."""
    if "l" in text:
        text = _L_FOR_I.sub("I", text)
    if "0" in text:
        text = _ZERO_FOR_O.sub("O", text)
    if "O" in text or "l" in text:
        text = _DIGIT_RUN.sub(lambda m: m.group(0).replace("O", "0").replace("l", "1"), text)
    return text


def clean(value: str) -> str:
    return value.rstrip(" \t.,;:)(")



def resolve(spans: Iterable[Span]) -> list[Span]:
    """Non-overlapping spans: overlapping spans are joined (nothing one of them covers is left
    out, so "771 Westbrook Ave" stays one address when Westbrook is also a learned name), under
    the kind of the strongest (higher priority, then longer)."""
    out: list[Span] = []
    group: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if group and span.start >= max(s.end for s in group):
            out.append(_joined(group))
            group = []
        group.append(span)
    if group:
        out.append(_joined(group))
    return out


def _joined(group: list[Span]) -> Span:
    best = max(group, key=lambda s: (s.priority, s.end - s.start))
    return Span(min(s.start for s in group), max(s.end for s in group), best.kind, best.priority)


_ADDRESS_GAP = re.compile(r"[ ]*[,|][ ]*|[ ]/[ ]|[ ]?\((?=[^()\n]*$)")


def join_addresses(spans: list[Span], text: str) -> list[Span]:
    """Address spans that follow each other apart by a comma, a pipe, a spaced slash (a label's
    line break, transcribed) or an opening parenthesis, as one address ("Juniper Court ALF, Apt
    9"; "Juniper Court, Apt 9 (Rm 9-B)", its parenthesis too; "12 Elm Rd, Ste 2 | Hobbs NM
    88240"; "12 ELM RD / HOBBS NM 88240")."""
    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last and last.kind is span.kind is PhiKind.address \
                and _ADDRESS_GAP.fullmatch(text[last.end:span.start]):
            end = span.end + (1 if "(" in text[last.end:span.start]
                              and text[span.end:span.end + 1] == ")" else 0)
            out[-1] = Span(last.start, end, PhiKind.address, max(last.priority, span.priority))
        else:
            out.append(span)
    starts = [span.start for span in out[1:]] + [len(text)]
    return [_with_town(span, text, before) for span, before in zip(out, starts, strict=False)]


# A town after a street address and a comma, the sentence or the line ending after it, or a word
# in lower case going on with the sentence: "towed to 1900 E. Wooley Rd, Oxnard.", "the home at
# 2217 Westwood Avenue, Toledo has 14 steps" (not a weekday or a month: "seen at 12 Elm St,
# Monday.")
_TOWN_AFTER = re.compile(r",[ ](?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                         r"January|February|March|April|May|June|July|August|September|October|"
                         r"November|December)\b)[A-Z][a-z]+(?:[ ][A-Z][a-z]+){0,2}"
                         r"(?=[.;)]|[ \t]*\n|[ \t]*$|[ ][a-z]{2,}\b)")


def _with_town(span: Span, text: str, next_start: int) -> Span:
    if span.kind is not PhiKind.address or not text[span.start:span.start + 1].isdigit():
        return span
    town = _TOWN_AFTER.match(text, span.end)
    if town is None or town.end() > next_start:
        return span
    return Span(span.start, town.end(), span.kind, span.priority)
