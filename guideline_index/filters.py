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
