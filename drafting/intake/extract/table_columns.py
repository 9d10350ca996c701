"""A table's columns that hold what is required or expected rather than what was found about the
patient: a job's demand beside the abilities an FCE measured, a laboratory's cutoff or reference
range beside a result, a goal or a norm beside a score. Their cells are never read as the
patient's; the rest of each row is ("Floor-to-waist lift   25 lb occasional   60 lb frequent"
under "Activity   Demonstrated   Job demand" reads "Floor-to-waist lift 25 lb occasional").
A row whose deficit column says "no" states no limitation (the ability meets the demand): it
is no finding."""

from __future__ import annotations

import re

NOT_FOUND = re.compile(r"\b(?:job|work|occupational) (?:demands?|requirements?)\b|\bcut-?off\b|"
                       r"\breference(?: range)?\b|\bref(?:\.|erence)? range\b|\bnorms?\b|"
                       r"\bnormal range\b|\bgoals?\b|\btargets?\b", re.IGNORECASE)
_CELL = re.compile(r"\S+(?: \S+)*")  # a cell: words apart by single spaces (columns by 3+)
_GAP = re.compile(r" {3,}")


def cells(raw: str) -> list[tuple[int, str]]:
    """A space-aligned row's cells with the column each starts at."""
    out, start = [], 0
    for part in _GAP.split(raw.rstrip()):
        at = raw.index(part, start) if part else start
        if part.strip():
            out.append((at, part.strip()))
        start = at + len(part)
    return out


def excluded_columns(raw: str) -> list[tuple[int, int]] | None:
    """A header row's spans (start, end) of the columns that hold no finding, or None when the
    row is no header or has no such column (a header states no value: no digit outside its
    parentheses, "Cutoff (ng/mL)")."""
    found = cells(raw)
    if len(found) < 2 or re.search(r"\d", re.sub(r"\([^)]*\)", "", raw)):
        return None
    spans = []
    for index, (start, text) in enumerate(found):
        if NOT_FOUND.search(text):
            end = found[index + 1][0] if index + 1 < len(found) else 10**6
            spans.append((start, end))
    return spans or None


def without_columns(raw: str, spans: list[tuple[int, int]]) -> str:
    """A row with the cells that start within ``spans`` left out, columns still apart."""
    kept = [text for start, text in cells(raw)
            if not any(low - 2 <= start < high - 2 for low, high in spans)]
    return "   ".join(kept)


DEFICIT = re.compile(r"^(?:deficits?|limitations?|limited\??|below demand)$", re.IGNORECASE)
_NO = re.compile(r"^(?:no|none|n|--?|met)$", re.IGNORECASE)


def deficit_column(raw: str) -> tuple[int, int] | None:
    """A header row's deficit column (start, end), or None."""
    found = cells(raw)
    if len(found) < 2 or re.search(r"\d", re.sub(r"\([^)]*\)", "", raw)):
        return None
    for index, (start, text) in enumerate(found):
        if DEFICIT.match(text):
            return start, found[index + 1][0] if index + 1 < len(found) else 10**6
    return None


def no_deficit(raw: str, column: tuple[int, int]) -> bool:
    """A row whose cell under the deficit column says there is none."""
    low, high = column
    return any(low - 2 <= start < high and _NO.match(text) for start, text in cells(raw))
