"""Finding tags stated in a sentence, with negation and per-document scoping. A finding is never
read out of a date: "A1c 6.1 on 1/5/22" holds no "1/5" strength grade."""

from __future__ import annotations

from drafting.deid.dates import find_dates
from drafting.intake.extract.negation import negated
from drafting.intake.extract.vocabulary import finding_patterns

# Groups of findings read only where they are authoritative.
SCOPED_GROUPS = {"imaging", "electrodiagnostic", "procedure"}


def tags_in(sentence: str, groups: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Tags stated (and not negated) in ``sentence``; scoped groups only if listed in ``groups``."""
    found: list[str] = []
    for date in find_dates(sentence):  # blank dates out, keeping every other offset
        sentence = sentence[:date.start] + " " * (date.end - date.start) + sentence[date.end:]
    for entry in finding_patterns():
        if entry.tag in found:
            continue
        if entry.group in SCOPED_GROUPS and entry.group not in groups:
            continue
        for match in entry.pattern.finditer(sentence):
            if not entry.negatable or not negated(sentence, match.start(), match.end()):
                found.append(entry.tag)
                break
    return found
