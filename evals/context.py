"""What the checks read: the draft, its case, the excerpts, and the draft split into sentences."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Protocol

from drafting.case import Case, Fact
from drafting.citations import find_citations, sentences
from drafting.draft import Draft, SectionDraft
from guideline_index.excerpt import Excerpt

# A well-formed citation: one marker, or several in one bracket ("[F3, F4]", "[F3; G:x]").
_ONE_MARKER = r"(?:F\d+|G:[a-z0-9][a-z0-9-]+)"
MARKER = re.compile(r"\[" + _ONE_MARKER + r"(?:\s*[,;]\s*" + _ONE_MARKER + r")*\]")
# A number for each case's facts (``EvalContext.facts_key``; never reused, so a result kept
# under a number cannot be read for other facts after the table is cleared), and the facts'
# word index by that number.
FACT_KEYS: dict[tuple[object, ...], int] = {}
_FACT_NUMBERS = itertools.count()
FACT_INDEXES: dict[int, dict[str, tuple[int, ...]]] = {}
# What the case file holds but does not state to a drafter: the outcome a physician reached by
# hand for each item (the answer key of tests and docs, which no prompt is given either:
# drafting/context.py), so a sentence may not restate it without a citation.
NOT_STATED = {"disputed_items": {"__all__": {"expected"}}}


# Words of a record's title that do not tell one record from another.
_RECORD_STOP = frozenset("""the and for with from into per off out its his her their this that
published public summary copy""".split())
_RECORD_WORD = re.compile(r"[a-z]{3,}")


@lru_cache(maxsize=16384)
def record_words(text: str) -> frozenset[str]:
    """A record's title or a sentence as words to match ("Board's" -> "board", "opinions" ->
    "opinion")."""
    words = _RECORD_WORD.findall(text.lower())
    return frozenset(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
                     for w in words) - _RECORD_STOP


@dataclass(slots=True)
class Sentence:
    """One sentence of a draft (read only: made once per context, read by every check)."""

    section: SectionDraft
    index: int
    text: str
    markers: tuple[str, ...]
    # The sentence without its citation markers or Markdown emphasis (every check reads it).
    plain: str = field(init=False, compare=False)

    def __post_init__(self) -> None:
        text = MARKER.sub("", self.text) if "[" in self.text else self.text
        self.plain = text.replace("**", "").strip()


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
                                                  "question"}, exclude=NOT_STATED)
        criteria = " ".join(f"{c.statement} {' '.join(c.notes)}" for r in self.draft.criteria
                            for c in r.criteria)
        return f"{case} {criteria}"

    @cached_property
    def case_key(self) -> str:
        """What the case file and the criteria state (``known_text`` and ``known_phrases``, which
        also give the key dates, the documents and ``stated_values``), as one interned string:
        a result a check keeps for a sentence is kept by the sentence, what it cites and this."""
        return sys.intern("\x00".join([self.known_text, *sorted(self.known_phrases)]))

    @cached_property
    def facts_key(self) -> int:
        """A number for the case's facts, the same for equal facts (id, dates, statement and the
        text a citation of the fact points at): it keys results a check keeps for a sentence
        that depend on the facts it does not cite (``FACT_KEYS``)."""
        facts = tuple((f.id, f.date, f.end_date, f.statement, self.source_text(f.id))
                      for f in self.case.facts)
        key = FACT_KEYS.get(facts)
        if key is None:
            key = FACT_KEYS[facts] = next(_FACT_NUMBERS)
        return key

    @cached_property
    def stated_values(self) -> str:
        """Where numbers a cited sentence may add come from besides its sources: the items
        (codes, quantities, doses requested), the patient, and the criteria's own thresholds."""
        case = self.case.model_dump_json(include={"patient", "disputed_items"}, exclude=NOT_STATED)
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
    def _record_words(self) -> dict[str, tuple[frozenset[str], dt.date]]:
        return {d.id: (record_words(f"{d.title} {d.author or ''}"), d.date)
                for d in self.case.documents}

    def records_named(self, text: str, markers: tuple[str, ...]) -> frozenset[dt.date]:
        """Dates of the records the cited facts were read from or refer to that a sentence
        names in its own words, by two words of a record's title or author ("the Board's
        opinion" for "Workers' Compensation Board opinion affirming (published)")."""
        facts = [f for m in markers if (f := self.facts.get(m))]
        ids = {f.source.document for f in facts} | {d for f in facts for d in f.references}
        said = record_words(text)
        return frozenset(date for i in ids if (r := self._record_words.get(i)) and
                         len(r[0] & said) >= 2 for date in (r[1],))

    def items_named(self, text: str) -> tuple[str, ...]:
        """The disputed items a sentence names by their whole service ("the oxycodone ER 40 mg,
        90 tablets", "the facet injections (levels and type not specified)")."""
        lower = text.lower()
        return tuple(i.id for i in self.case.disputed_items if i.service.lower() in lower)

    def item_dates(self, text: str) -> frozenset[dt.date]:
        """Dates of service of the items a sentence names by their whole service."""
        named = self.items_named(text)
        return frozenset(d for i in self.case.disputed_items if i.id in named
                         for d in (i.date_of_service, i.service_end) if d)

    @cached_property
    def fact_words(self) -> list[tuple[str, frozenset[str]]]:
        from evals.checks.support import word_set

        return [(f.id, word_set(f.statement)) for f in self.case.facts]

    @cached_property
    def fact_index(self) -> dict[str, tuple[int, ...]]:
        """For each content word of a fact statement, the facts holding it (their positions in
        ``case.facts``, in order): a sentence's words find the facts that share them without
        reading every fact. Made once per set of facts (``FACT_INDEXES``)."""
        found = FACT_INDEXES.get(self.facts_key)
        if found is None:
            index: dict[str, list[int]] = {}
            for i, (_, words) in enumerate(self.fact_words):
                for word in words:
                    index.setdefault(word, []).append(i)
            if len(FACT_INDEXES) >= 256:
                FACT_INDEXES.clear()
            found = FACT_INDEXES[self.facts_key] = {w: tuple(f) for w, f in index.items()}
        return found

    @cached_property
    def criterion_statements(self) -> tuple[str, ...]:
        """The criteria's statements as the guideline words them (lower case, longest first):
        quoted in a draft, they are the standard, not a claim about the record."""
        return tuple(sorted({c.statement.lower() for r in self.draft.criteria
                             for c in r.criteria if c.statement}, key=len, reverse=True))

    @cached_property
    def known_phrases(self) -> tuple[str, ...]:
        """Phrases a sentence may repeat without a fact citation (lower case, longest first):
        criterion statements, the case question, item services, document titles, decision
        reasons."""
        case = self.case
        phrases = list(self.criterion_statements)
        phrases += [case.question] if case.question else []
        phrases += [i.service for i in case.disputed_items]
        phrases += [d.title for d in case.documents]
        decisions = [i.prior_decision for i in case.disputed_items] + [case.prior_decision]
        phrases += [d.reason for d in decisions if d is not None]
        return tuple(sorted({p.lower() for p in phrases if p}, key=len, reverse=True))

    @cached_property
    def section_citations(self) -> dict[int, list[tuple[str, int]]]:
        """Each section's citation markers with the index of their sentence
        (``find_citations``), by id(section)."""
        return {id(s): find_citations(s.text) for s in self.draft.sections}

    @cached_property
    def sentences(self) -> list[Sentence]:
        found = []
        for section in self.draft.sections:
            markers: dict[int, list[str]] = {}
            for marker, index in self.section_citations[id(section)]:
                markers.setdefault(index, []).append(marker)
            for index, (start, end) in enumerate(sentences(section.text)):
                found.append(Sentence(section, index, section.text[start:end].strip(),
                                      tuple(markers.get(index, ()))))
        return found

    @cached_property
    def citation_count(self) -> int:
        """How many citation markers the sentences hold."""
        return sum(len(s.markers) for s in self.sentences)

    @cached_property
    def cited_count(self) -> int:
        """How many sentences cite something."""
        return sum(bool(s.markers) for s in self.sentences)

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
        if fact.references:  # what the fact cites, in the order of the case's documents
            parts += [f"{d.id} {d.title} {d.date.isoformat()}" for d in self.case.documents
                      if d.id in fact.references]
        return " ".join(parts)

    @cached_property
    def fact_documents(self) -> dict[str, str]:
        """Each fact's source document in words (title, record type, author), by fact id: a fact
        read from an MRI report or a psychologist's evaluation is about that test or by that
        provider even where its statement does not say so."""
        # each document in words, once (the last of a repeated id, as a lookup by id finds it)
        documents = {d.id: d for d in self.case.documents}
        words = {i: " ".join([d.title, d.type.value.replace("_", " "), d.author or ""]).strip()
                 for i, d in documents.items()}
        return {fact.id: words[fact.source.document] for fact in self.case.facts
                if fact.source.document in words}
