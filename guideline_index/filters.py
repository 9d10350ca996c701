"""Search filters: setting, procedure family, guideline, and the date of service."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guideline_index.excerpt import Excerpt


@dataclass(frozen=True)
class SearchFilters:
    setting: str | None = None
    procedure: str | None = None
    guideline: str | None = None
    on: dt.date | None = None

    def admits(self, excerpt: Excerpt) -> bool:
        if self.setting and self.setting not in excerpt.settings:
            return False
        if self.procedure and not ({self.procedure, "general"} & set(excerpt.procedures)):
            return False
        if self.guideline and self.guideline.lower() not in (
            excerpt.short.lower(), excerpt.guideline.lower()
        ):
            return False
        return not (self.on and not excerpt.in_force_on(self.on))

    def chroma_where(self) -> dict | None:
        """The same filter as a Chroma ``where`` clause over the metadata ``to_metadata`` writes."""
        clauses: list[dict] = []
        if self.setting:
            clauses.append({f"setting_{self.setting}": True})
        if self.procedure:
            clauses.append({"$or": [{f"proc_{self.procedure}": True}, {"proc_general": True}]})
        if self.guideline:
            clauses.append({"short": self.guideline})
        if self.on:
            day = as_int(self.on)
            clauses += [{"effective_from": {"$lte": day}}, {"effective_to": {"$gte": day}}]
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def as_int(day: dt.date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


OPEN_ENDED = 99991231


def to_metadata(excerpt: Excerpt) -> dict[str, str | int | bool]:
    """Scalar metadata Chroma can filter on (lists become one boolean flag per value)."""
    meta: dict[str, str | int | bool] = {
        "short": excerpt.short,
        "origin": excerpt.origin,
        "effective_from": as_int(excerpt.effective_from),
        "effective_to": as_int(excerpt.effective_to) if excerpt.effective_to else OPEN_ENDED,
    }
    meta.update({f"setting_{s}": True for s in excerpt.settings})
    meta.update({f"proc_{p}": True for p in excerpt.procedures})
    return meta


class FilterColumns:
    """Per-excerpt filter fields as numpy columns, so a filter becomes a mask in microseconds
    (the BM25 side needs one mask per query over every indexed excerpt)."""

    def __init__(self, excerpts: list[Excerpt]):
        import numpy as np

        self._np = np
        self.size = len(excerpts)
        self.effective_from = np.array([as_int(e.effective_from) for e in excerpts], dtype=np.int64)
        self.effective_to = np.array(
            [as_int(e.effective_to) if e.effective_to else OPEN_ENDED for e in excerpts],
            dtype=np.int64)
        self.settings = self._flags(excerpts, lambda e: e.settings)
        self.procedures = self._flags(excerpts, lambda e: e.procedures)
        self.names = self._flags(excerpts, lambda e: [e.short.lower(), e.guideline.lower()])

    def _flags(self, excerpts: list[Excerpt], values) -> dict[str, object]:  # type: ignore[no-untyped-def]
        columns: dict[str, object] = {}
        for row, excerpt in enumerate(excerpts):
            for value in values(excerpt):
                column = columns.setdefault(str(value), self._np.zeros(self.size, dtype=bool))
                column[row] = True  # type: ignore[index]
        return columns

    def mask(self, filters: SearchFilters):  # type: ignore[no-untyped-def]
        np = self._np
        none = np.zeros(self.size, dtype=bool)
        keep = np.ones(self.size, dtype=bool)
        if filters.setting:
            keep &= self.settings.get(filters.setting, none)
        if filters.procedure:
            keep &= self.procedures.get(filters.procedure, none) | self.procedures.get(
                "general", none)
        if filters.guideline:
            keep &= self.names.get(filters.guideline.lower(), none)
        if filters.on:
            day = as_int(filters.on)
            keep &= (self.effective_from <= day) & (self.effective_to >= day)
        return keep
