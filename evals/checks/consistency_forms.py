"""Numbers in forms that are not quantities the cited source must give: a label's number
("Week 9", "Item two", "stage 3") and a span of decades ("two decades after the claim
opened"). Each form is still checked where the source gives a number of the same form: the
same label numbered ("stage 4" against its "stage 3"), or years the span does not fit."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from evals import claims
from evals.claim_patterns import word_number

FORMS = Path(__file__).resolve().parents[1] / "data" / "count_forms.yaml"

_NUMERAL = r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


@cache
def _forms() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(FORMS.read_text(encoding="utf-8"))
    return data


@cache
def _label_pattern() -> re.Pattern[str]:
    nouns = "|".join(_forms()["labels"])
    return re.compile(rf"\b({nouns})\s+{_NUMERAL}\b", re.IGNORECASE)


def _value(word: str) -> float:
    word = word.lower()
    if word.isdigit():
        return float(word)
    return 1.0 if word == "one" else float(word_number(word) or 0)


def _only_there(text: str, spans: list[tuple[int, int]]) -> set[float]:
    """The numbers of ``text`` that occur only inside ``spans`` (a count elsewhere in the
    sentence with the same value stays checked: "Week 9: nine visits")."""
    if not spans:
        return set()
    inside = set().union(*(claims.numbers(text[a:b]) for a, b in spans))
    rest, last = [], 0
    for a, b in sorted(spans):
        rest.append(text[last:a])
        last = b
    rest.append(text[last:])
    return inside - claims.numbers(" ; ".join(rest))


def label_numbers(text: str, cited: str) -> set[float]:
    """The numbers of labels in ``text`` whose label the cited source never numbers."""
    pattern = _label_pattern()
    numbered = {m.group(1).lower() for m in pattern.finditer(cited)}
    return _only_there(text, [m.span() for m in pattern.finditer(text)
                              if m.group(1).lower() not in numbered])


def fitting_spans(text: str, cited: str, years: set[int]) -> set[float]:
    """Counts of decades ("two decades after the claim opened") that the years the sentence,
    its sources and the case give fit to within half a unit."""
    units: dict[str, int] = _forms()["spans"]
    given = years | {int(y) for y in _YEAR.findall(text)} | {int(y) for y in _YEAR.findall(cited)}
    fitting = []
    for unit, size in units.items():
        for m in re.finditer(rf"\b{_NUMERAL}[\s-]+{unit}s?\b", text, re.IGNORECASE):
            span = _value(m.group(1)) * size
            if any(abs(abs(a - b) - span) <= size / 2 for a in given for b in given if a != b):
                fitting.append(m.span())
    return _only_there(text, fitting)



