"""What the checks read: the draft, its case, the excerpts, and the draft split into sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Protocol

from drafting.case import Case, Fact
from drafting.citations import find_citations, sentences
from drafting.draft import Draft, SectionDraft
from guideline_index.excerpt import Excerpt

MARKER = re.compile(r"\[(?:F\d+|G:[a-z0-9][a-z0-9-]+)\]")


@dataclass(frozen=True)
class Sentence:
    section: SectionDraft
    index: int
    text: str
    markers: tuple[str, ...]

    @cached_property
    def plain(self) -> str:
        """The sentence without its citation markers or Markdown emphasis (computed once: every
        check reads it)."""
        return MARKER.sub("", self.text).replace("**", "").strip()


class Judge(Protocol):
    """Decides whether each (sentence, cited source) pair is supported, with a short reason."""

    def verdicts(self, pairs: list[tuple[str, str]]) -> list[tuple[bool, str] | None]: ...


@dataclass
class EvalContext:
    draft: Draft
    case: Case
    excerpts: dict[str, Excerpt]
    use_embeddings: bool = False
    judge: Judge | None = None
    # The guideline index whose stored excerpt embeddings the support check reads (default:
    # the user's, Settings.index_dir); without one, excerpts are encoded like sentences.
    index_dir: Path | None = None
    facts: dict[str, Fact] = field(init=False)
    _sources: dict[str, str | None] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.facts = {f.id: f for f in self.case.facts}

    @cached_property
    def known_text(self) -> str:
        """What the case file and the criteria state outright (items, inventory, key dates,
        criterion statements): a draft may restate it without citing a fact."""
        case = self.case.model_dump_json(include={"dates", "patient", "diagnoses", "documents",
                                                  "disputed_items", "prior_decision",
                                                  "question"})
        criteria = " ".join(f"{c.statement} {' '.join(c.notes)}" for r in self.draft.criteria
                            for c in r.criteria)
        return f"{case} {criteria}"

    @cached_property
    def stated_values(self) -> str:
        """Where numbers a cited sentence may add come from besides its sources: the items
        (codes, quantities, doses requested), the patient, and the criteria's own thresholds."""
        case = self.case.model_dump_json(include={"patient", "disputed_items"})
        criteria = " ".join(f"{c.statement} {' '.join(c.notes)}" for r in self.draft.criteria
                            for c in r.criteria)
        return f"{case} {criteria} {self.case.question or ''}"

    @cached_property
    def key_dates(self) -> frozenset[dt.date]:
        """Dates any sentence may state: the case's key dates, dates of service, decisions."""
        case = self.case
        found = {d for d in case.dates.model_dump().values() if isinstance(d, dt.date)}
        for item in case.disputed_items:
            found |= {item.date_of_service} | ({item.service_end} if item.service_end else set())
            found |= {item.prior_decision.date} if item.prior_decision else set()
        found |= {case.prior_decision.date} if case.prior_decision else set()
        return frozenset(found)

    @cached_property
    def _document_names(self) -> tuple[re.Pattern[str], dict[str, dt.date]]:
        names = {d.id.lower(): d.date for d in self.case.documents}
        names |= {d.title.lower(): d.date for d in self.case.documents}
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        return re.compile(rf"\b(?:{alternatives})\b", re.I), names

    def document_dates(self, text: str) -> frozenset[dt.date]:
        """Dates of the documents a sentence names by id or title."""
        if not self.case.documents:
            return frozenset()
        pattern, names = self._document_names
        return frozenset(names[m.lower()] for m in pattern.findall(text))

    @cached_property
    def fact_words(self) -> list[tuple[str, frozenset[str]]]:
        from evals.checks.support import word_set

        return [(f.id, word_set(f.statement)) for f in self.case.facts]

    @cached_property
    def known_phrases(self) -> list[str]:
        """Phrases a sentence may repeat without a fact citation (lower case, longest first):
        criterion statements, the case question, item services, document titles, decision
        reasons."""
        case = self.case
        phrases = [c.statement for r in self.draft.criteria for c in r.criteria]
        phrases += [case.question] if case.question else []
        phrases += [i.service for i in case.disputed_items]
        phrases += [d.title for d in case.documents]
        decisions = [i.prior_decision for i in case.disputed_items] + [case.prior_decision]
        phrases += [d.reason for d in decisions if d is not None]
        return sorted({p.lower() for p in phrases if p}, key=len, reverse=True)

    @cached_property
    def sentences(self) -> list[Sentence]:
        found = []
        for section in self.draft.sections:
            markers: dict[int, list[str]] = {}
            for marker, index in find_citations(section.text):
                markers.setdefault(index, []).append(marker)
            for index, (start, end) in enumerate(sentences(section.text)):
                found.append(Sentence(section, index, section.text[start:end].strip(),
                                      tuple(markers.get(index, ()))))
        return found

    def source_text(self, marker: str) -> str | None:
        """The text a marker points at (fact statement with its values, or excerpt text)."""
        if marker not in self._sources:
            self._sources[marker] = self._source_text(marker)
        return self._sources[marker]

    def _source_text(self, marker: str) -> str | None:
        if marker.startswith("G:"):
            excerpt = self.excerpts.get(marker[2:])
            return f"{excerpt.citation} {excerpt.guideline} {excerpt.text}" if excerpt else None
        fact = self.facts.get(marker)
        if fact is None:
            return None
        parts = [fact.statement, fact.date.isoformat()]
        parts += [fact.end_date.isoformat()] if fact.end_date else []
        parts += [f"{fact.laterality.value} side"] if fact.laterality else []
        parts += fact.levels
        if fact.percent_relief is not None:
            parts.append(f"{fact.percent_relief:g} percent")
        if fact.duration:
            parts.append(f"{fact.duration.value:g} {fact.duration.unit.value}")
        if fact.dose:
            parts.append(f"{fact.dose.drug} {fact.dose.amount:g} {fact.dose.unit}")
        if fact.mme is not None:
            parts.append(f"{fact.mme:g} MME")
        parts += [f"{m.name} {m.value:g} {m.unit}" for m in fact.measures]
        for doc in (d for d in self.case.documents if d.id in fact.references):
            parts.append(f"{doc.id} {doc.title} {doc.date.isoformat()}")  # what the fact cites
        return " ".join(parts)

    @cached_property
    def fact_documents(self) -> dict[str, str]:
        """Each fact's source document in words (title, record type, author), by fact id: a fact
        read from an MRI report or a psychologist's evaluation is about that test or by that
        provider even where its statement does not say so."""
        documents = {d.id: d for d in self.case.documents}
        found = {}
        for fact in self.case.facts:
            doc = documents.get(fact.source.document)
            if doc is not None:
                found[fact.id] = " ".join([doc.title, doc.type.value.replace("_", " "),
                                           doc.author or ""]).strip()
        return found
