"""The intake vocabularies in drafting/intake/data/: finding phrases, drugs, MME factors,
procedure families, as compiled patterns."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from drafting.case.tags import known_tags
from drafting.case.vocab import ProcedureFamily

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(name: str) -> dict:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class FindingPattern:
    tag: str
    group: str
    pattern: re.Pattern[str]
    negatable: bool


@cache
def finding_patterns() -> tuple[FindingPattern, ...]:
    tags = known_tags()
    out = []
    for group, entries in _load("findings.yaml").items():
        for tag, patterns in entries.items():
            if tag not in tags:
                raise ValueError(f"findings.yaml: tag '{tag}' is not in drafting/case/tags.yaml")
            for pattern in patterns:
                fixed = pattern.startswith("~")
                out.append(FindingPattern(tag, group, re.compile(pattern.lstrip("~"),
                                                                 re.IGNORECASE), not fixed))
    return tuple(out)


@dataclass(frozen=True)
class Drug:
    name: str
    pattern: re.Pattern[str]
    tags: tuple[str, ...]
    mme_factor: float | None
    mme_unit: str | None


@cache
def drugs() -> tuple[Drug, ...]:
    factors = _load("mme.yaml")["factors"]
    out = []
    for name, entry in _load("drugs.yaml").items():
        names = sorted(entry["names"], key=len, reverse=True)
        pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b",
                             re.IGNORECASE)
        factor = factors[entry["mme"]] if entry.get("mme") else None
        out.append(Drug(name, pattern, tuple(entry.get("tags", [])),
                        factor["factor"] if factor else None, factor["unit"] if factor else None))
    return tuple(out)


@cache
def mme_source() -> dict:
    return _load("mme.yaml")["source"]


@dataclass(frozen=True)
class ProcedurePatterns:
    family: ProcedureFamily
    pattern: re.Pattern[str]
    codes: frozenset[str]


@cache
def procedures() -> tuple[ProcedurePatterns, ...]:
    return tuple(
        ProcedurePatterns(ProcedureFamily(family),
                          re.compile("|".join(entry["patterns"]), re.IGNORECASE),
                          frozenset(entry.get("codes", [])))
        for family, entry in _load("procedures.yaml").items())


def procedure_in(text: str, codes: list[str] | None = None) -> ProcedureFamily | None:
    for entry in procedures():
        if entry.pattern.search(text):
            return entry.family
    for entry in procedures():
        if codes and entry.codes & set(codes):
            return entry.family
    return None


@dataclass(frozen=True)
class HistoryPatterns:
    events: tuple[re.Pattern[str], ...]
    symptoms: tuple[re.Pattern[str], ...]


@cache
def history_patterns() -> HistoryPatterns:
    data = _load("history.yaml")
    return HistoryPatterns(*(tuple(re.compile(p, re.IGNORECASE) for p in data[key])
                             for key in ("events", "symptoms")))


@cache
def outcome_rows() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(fact category, pattern) for before-and-after table rows, in the order they are tried."""
    return tuple((category, re.compile(pattern, re.IGNORECASE))
                 for category, patterns in _load("outcome_rows.yaml").items()
                 for pattern in patterns)
