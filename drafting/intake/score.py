"""Compare the facts intake drafted with a hand-written expected case.

An expected fact is recovered when a drafted fact agrees with it on category, source document and
page, date (and end date), side, spinal levels and value (percent relief, duration, dose,
MME, measures). Statements are not compared: intake keeps the record's words. Tags are scored
separately, over the matched pairs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from drafting.case import Case, DisputedItem, Document, Fact


def value_key(fact: Fact) -> tuple:
    dose = (fact.dose.drug.lower(), fact.dose.amount, fact.dose.unit.lower()) if fact.dose \
        else None
    duration = round(fact.duration.in_weeks(), 2) if fact.duration else None
    measures = tuple(sorted((m.name.upper(), m.value) for m in fact.measures))
    return fact.percent_relief, duration, dose, fact.mme, measures


def fact_key(fact: Fact) -> tuple:
    return (fact.category.value, fact.source.document, fact.source.page, fact.date,
            fact.end_date, fact.laterality.value if fact.laterality else None,
            frozenset(fact.levels), value_key(fact))


@dataclass
class Tally:
    expected: int = 0
    extracted: int = 0
    matched: int = 0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def spurious(self) -> float:
        return 1.0 - self.precision

    def add(self, other: Tally) -> None:
        self.expected += other.expected
        self.extracted += other.extracted
        self.matched += other.matched


@dataclass
class Comparison:
    by_category: dict[str, Tally] = field(default_factory=dict)
    tags: Tally = field(default_factory=Tally)
    documents: Tally = field(default_factory=Tally)  # type, date and page count all right
    items: Tally = field(default_factory=Tally)  # procedure, code and date of service
    missed: list[Fact] = field(default_factory=list)
    spurious_facts: list[Fact] = field(default_factory=list)

    @property
    def total(self) -> Tally:
        total = Tally()
        for tally in self.by_category.values():
            total.add(tally)
        return total

    def add(self, other: Comparison) -> None:
        for category, tally in other.by_category.items():
            self.by_category.setdefault(category, Tally()).add(tally)
        self.tags.add(other.tags)
        self.documents.add(other.documents)
        self.items.add(other.items)
        self.missed += other.missed
        self.spurious_facts += other.spurious_facts


def compare(expected: Case, facts: Iterable[Fact], documents: Iterable[Document] = (),
            items: Iterable[DisputedItem] = ()) -> Comparison:
    result = Comparison()
    got = [f for f in facts if not f.proposed]
    unmatched = list(got)
    # An expected fact is paired first with the drafted fact of its key quoting the same words,
    # so that one the extractors missed cannot take the drafted fact of another (the counts are
    # the same; the missed list names the right fact).
    paired: dict[int, Fact] = {}
    for index, fact in enumerate(expected.facts):
        same = next((g for g in unmatched if fact_key(g) == fact_key(fact)
                     and _words(g.statement) == _words(fact.statement)), None)
        if same is not None:
            paired[index] = same
            unmatched.remove(same)
    for index, fact in enumerate(expected.facts):
        tally = result.by_category.setdefault(fact.category.value, Tally())
        tally.expected += 1
        key = fact_key(fact)
        candidates = [g for g in unmatched if fact_key(g) == key]
        # facts with the same key are interchangeable; pair the one with the most tags in common
        hit = paired.get(index) or max(candidates, key=lambda g: len(set(g.tags) & set(fact.tags)),
                                       default=None)
        if hit is None:
            result.missed.append(fact)
            continue
        if index not in paired:
            unmatched.remove(hit)
        tally.matched += 1
        result.tags.expected += len(fact.tags)
        result.tags.extracted += len(hit.tags)
        result.tags.matched += len(set(fact.tags) & set(hit.tags))
    for fact in got:
        result.by_category.setdefault(fact.category.value, Tally()).extracted += 1
    result.spurious_facts = unmatched
    _compare_inventory(expected, list(documents), list(items), result)
    return result


def _words(statement: str) -> str:
    return " ".join(statement.casefold().split())


def _compare_inventory(expected: Case, documents: list[Document], items: list[DisputedItem],
                       result: Comparison) -> None:
    mine = {d.id: d for d in documents}
    result.documents.expected = len(expected.documents)
    result.documents.extracted = len(documents)
    for doc in expected.documents:
        got = mine.get(doc.id)
        if got and (got.type, got.date, got.pages) == (doc.type, doc.date, doc.pages):
            result.documents.matched += 1

    def item_key(item):  # type: ignore[no-untyped-def]
        return item.procedure, item.code, item.date_of_service

    result.items.expected = len(expected.disputed_items)
    result.items.extracted = len(items)
    wanted = [item_key(i) for i in expected.disputed_items]
    for item in items:
        if item_key(item) in wanted:
            wanted.remove(item_key(item))
            result.items.matched += 1
