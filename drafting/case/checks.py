"""Checks across a structurally valid case: ids, references, dates, and vocabulary combinations.

Structural validation (types, required fields, vocabularies) is pydantic's job; what is here
needs the whole case at once. Every check returns problems rather than raising, so an author
sees all of them in one run.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from itertools import pairwise

from drafting.case.case import Case
from drafting.case.fact import Fact
from drafting.case.item import DisputedItem, PriorDecision
from drafting.case.problems import Loc, Problem
from drafting.case.records import Document
from drafting.case.tags import known_tags, suggest
from drafting.case.vocab import PERSPECTIVES_BY_TYPE, ItemStatus


def check_case(case: Case, today: dt.date | None = None) -> list[Problem]:
    today = today or dt.date.today()
    return [
        *_duplicate_ids(case),
        *_fact_references(case),
        *_document_references(case),
        *_future_dates(case, today),
        *_date_order(case),
        *_perspective(case),
        *_unknown_tags(case),
    ]


def _duplicate_ids(case: Case) -> Iterator[Problem]:
    lists: tuple[tuple[str, Sequence[Document | Fact | DisputedItem]], ...] = (
        ("documents", case.documents),
        ("facts", case.facts),
        ("disputed_items", case.disputed_items),
    )
    for field, entries in lists:
        first_seen: dict[str, int] = {}
        for index, entry in enumerate(entries):
            if entry.id in first_seen:
                yield Problem(
                    (field, index, "id"),
                    f"duplicate id '{entry.id}' (also used by {field}[{first_seen[entry.id]}])",
                    "give every entry its own id; ids are how drafts cite the record",
                )
            else:
                first_seen[entry.id] = index


def _decisions(case: Case) -> Iterator[tuple[Loc, PriorDecision]]:
    if case.prior_decision:
        yield ("prior_decision",), case.prior_decision
    for index, item in enumerate(case.disputed_items):
        if item.prior_decision:
            yield ("disputed_items", index, "prior_decision"), item.prior_decision


def _fact_references(case: Case) -> Iterator[Problem]:
    known = {fact.id for fact in case.facts}
    cited: list[tuple[Loc, list[str]]] = [
        (("disputed_items", i, "facts"), item.facts) for i, item in enumerate(case.disputed_items)
    ]
    cited += [((*loc, "facts"), decision.facts) for loc, decision in _decisions(case)]
    for loc, fact_ids in cited:
        for position, fact_id in enumerate(fact_ids):
            if fact_id not in known:
                yield Problem(
                    (*loc, position),
                    f"unknown fact id '{fact_id}'",
                    f"use an id defined under facts ({_sample(known)}) or add the fact",
                )


def _document_references(case: Case) -> Iterator[Problem]:
    documents = {doc.id: doc for doc in case.documents}
    hint = f"use an id from documents ({_sample(documents)}) or add the document to the inventory"
    for index, fact in enumerate(case.facts):
        loc: Loc = ("facts", index)
        doc = documents.get(fact.source.document)
        if doc is None:
            yield Problem(
                (*loc, "source", "document"),
                f"document '{fact.source.document}' is not in the record inventory",
                hint,
            )
        elif not doc.included:
            yield Problem(
                (*loc, "source", "document"),
                f"document '{doc.id}' is marked as not included in the packet, so no page of it "
                "can be cited",
                f"source the fact from the record that mentions {doc.id} and list {doc.id} "
                "under references",
            )
        elif fact.source.page > doc.pages:
            yield Problem(
                (*loc, "source", "page"),
                f"page {fact.source.page} is past the end of {doc.id}, which has {doc.pages} pages",
                "cite a page that exists, or correct the document's page count",
            )
        for position, ref in enumerate(fact.references):
            if ref not in documents:
                yield Problem(
                    (*loc, "references", position),
                    f"document '{ref}' is not in the record inventory",
                    "list the referenced document in documents with included: false",
                )
    for loc, decision in _decisions(case):
        if decision.document and decision.document not in documents:
            yield Problem(
                (*loc, "document"),
                f"document '{decision.document}' is not in the record inventory",
                hint,
            )


def _dated(case: Case) -> Iterator[tuple[Loc, dt.date | None]]:
    for name in ("injury", "request", "denial", "review"):
        yield ("dates", name), getattr(case.dates, name)
    for i, doc in enumerate(case.documents):
        yield ("documents", i, "date"), doc.date
    for i, fact in enumerate(case.facts):
        yield ("facts", i, "date"), fact.date
        yield ("facts", i, "end_date"), fact.end_date
    for loc, decision in _decisions(case):
        yield (*loc, "date"), decision.date
    for i, item in enumerate(case.disputed_items):
        if item.status is ItemStatus.rendered:
            yield ("disputed_items", i, "date_of_service"), item.date_of_service


def _future_dates(case: Case, today: dt.date) -> Iterator[Problem]:
    for loc, value in _dated(case):
        if value is not None and value > today:
            yield Problem(
                loc,
                f"date {value.isoformat()} is in the future (today is {today.isoformat()})",
                "check the year; only a requested (status: requested) service may be dated ahead",
            )


def _date_order(case: Case) -> Iterator[Problem]:
    sequence = [
        (name, getattr(case.dates, name))
        for name in ("injury", "request", "denial", "review")
        if getattr(case.dates, name) is not None
    ]
    for (earlier_name, earlier), (later_name, later) in pairwise(sequence):
        if later < earlier:
            yield Problem(
                ("dates", later_name),
                f"{later_name} date {later.isoformat()} is before the {earlier_name} date "
                f"{earlier.isoformat()}",
                "key dates run injury, request, denial, review; check both dates",
            )
    for i, fact in enumerate(case.facts):
        if fact.end_date and fact.end_date < fact.date:
            yield Problem(
                ("facts", i, "end_date"),
                f"end_date {fact.end_date.isoformat()} is before the fact's date "
                f"{fact.date.isoformat()}",
                "date is when the course started, end_date when it ended",
            )
    for i, item in enumerate(case.disputed_items):
        if item.service_end and item.service_end < item.date_of_service:
            yield Problem(
                ("disputed_items", i, "service_end"),
                f"service_end {item.service_end.isoformat()} is before the date of service "
                f"{item.date_of_service.isoformat()}",
                "service_end is the last date of the course; date_of_service its first",
            )
    injury = case.dates.injury
    for i, item in enumerate(case.disputed_items):
        if injury and item.date_of_service < injury:
            yield Problem(
                ("disputed_items", i, "date_of_service"),
                f"service date {item.date_of_service.isoformat()} is before the injury date "
                f"{injury.isoformat()}",
                "a disputed service follows the injury; check dates.injury and the service date",
            )


def _perspective(case: Case) -> Iterator[Problem]:
    allowed = PERSPECTIVES_BY_TYPE[case.document_type]
    if case.perspective not in allowed:
        yield Problem(
            ("perspective",),
            f"document type {case.document_type} is not written from the {case.perspective} "
            "perspective",
            f"use one of: {', '.join(sorted(p.value for p in allowed))}",
        )


def _unknown_tags(case: Case) -> Iterator[Problem]:
    known = known_tags()
    for i, fact in enumerate(case.facts):
        for position, tag in enumerate(fact.tags):
            if tag not in known:
                yield Problem(("facts", i, "tags", position), f"unknown tag '{tag}'", suggest(tag))


def _sample(ids: Iterable[str], limit: int = 6) -> str:
    ordered = sorted(ids, key=lambda s: (len(s), s))
    shown = ", ".join(ordered[:limit])
    return shown + (", ..." if len(ordered) > limit else "") if shown else "none defined"
