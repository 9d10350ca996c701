"""What each section prompt contains: only the facts, criteria results and excerpts it needs,
trimmed to the section's token budget, as plain data the templates render."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from drafting.case import Case, DisputedItem, Fact
from drafting.criteria.results import Gap, ItemResult, Status
from drafting.outline import PlannedSection
from guideline_index.excerpt import Excerpt
from guideline_index.tokens import count_tokens

Retriever = Callable[[str, DisputedItem | None], list[Excerpt]]
INVENTORY_KINDS = {"records", "checklist"}
# Reasons and summaries restate the structured fields in prose; prompts carry the fields only.
RESULT_DETAIL_OMITTED = {"summary": True, "criteria": {"__all__": {"reason"}}}
# Entry texts whose token counts are kept (a few MB at most): more than the excerpts of the
# whole corpus plus the facts of the cases a batch drafts at once.
ENTRY_TOKEN_CACHE = 8192


def fact_label(case: Case, fact: Fact) -> str:
    doc = case.document(fact.source.document)
    return f"{doc.title} ({doc.id}), {doc.date.isoformat()}, p. {fact.source.page}"


def fact_data(case: Case, fact: Fact) -> dict[str, Any]:
    data: dict[str, Any] = {"id": fact.id, "date": fact.date_text,
                            "category": fact.category.value, "statement": fact.statement,
                            "source": fact_label(case, fact)}
    if fact.end_date:
        data["end_date"] = fact.end_date.isoformat()
    if fact.laterality:
        data["side"] = fact.laterality.value
    if fact.levels:
        data["levels"] = fact.levels
    if fact.references:
        data["references"] = fact.references
    return data


def excerpt_data(excerpt: Excerpt) -> dict[str, Any]:
    return {"id": excerpt.id, "citation": excerpt.citation, "text": excerpt.text,
            "guideline": excerpt.short}


def _item_fact_ids(result: ItemResult, item: DisputedItem, case: Case) -> list[str]:
    ids = [f for c in result.criteria for f in c.supporting_facts + c.contradicting_facts]
    ids += item.facts
    if item.prior_decision:
        ids += item.prior_decision.facts
    return ids


def _fact_ids(planned: PlannedSection, case: Case, results: list[ItemResult]) -> list[str]:
    mode = planned.spec.facts
    if mode == "none":
        return []
    if mode == "all":
        return [f.id for f in sorted(case.facts, key=lambda f: (f.date, int(f.id[1:])))]
    if mode == "item" and planned.item is not None:
        result = next(r for r in results if r.item_id == planned.item.id)
        return _item_fact_ids(result, planned.item, case)
    if mode == "gaps":
        missing = {d for r in results for d in r.missing_documents}
        return [f for r in results for c in r.criteria
                if c.status is Status.undocumented or c.gap is Gap.submission
                for f in c.supporting_facts + c.contradicting_facts] + [
            f.id for f in case.facts if set(f.references) & missing]
    if mode == "objections":
        ids = []
        for r in results:
            for o in r.objections:
                ids += o.answer_facts
                ids += [f for c in r.criteria if c.criterion_id == o.criterion_id
                        for f in c.supporting_facts + c.contradicting_facts]
        return ids
    if mode == "references":
        missing = {d.id for d in case.documents if not d.included}
        return [f.id for f in case.facts if set(f.references) & missing]
    if mode == "decisions":
        decisions = [case.prior_decision] + [i.prior_decision for i in case.disputed_items]
        return [f for d in decisions if d for f in d.facts]
    # deciding: the facts behind each item's deciding criteria
    return [f for r in results for c in r.criteria if c.criterion_id in r.deciding
            for f in c.supporting_facts + c.contradicting_facts]


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


@lru_cache(maxsize=ENTRY_TOKEN_CACHE)
def _entry_tokens(text: str) -> int:
    """Tokens of one fact or excerpt entry as JSON. The same excerpts recur in every case of a
    batch and a fact in several sections of its case: each text is encoded once."""
    return count_tokens(text)


def _within_budget(entries: list[dict[str, Any]], budget: int
                   ) -> tuple[list[dict], int, int]:
    """The leading entries that fit in ``budget`` tokens, how many were dropped, tokens used."""
    kept, used = [], 0
    for entry in entries:
        size = _entry_tokens(json.dumps(entry, ensure_ascii=False))
        if used + size > budget:
            break
        kept.append(entry)
        used += size
    return kept, len(entries) - len(kept), used


def build_context(planned: PlannedSection, case: Case, results: list[ItemResult],
                  excerpts: Mapping[str, Excerpt], retrieved: Sequence[str] = ()
                  ) -> dict[str, Any]:
    """The prompt data of one section: the excerpts its criteria rest on, then those that
    retrieval found for it (``retrieved``, in the order found), within its budget."""
    spec, item = planned.spec, planned.item
    chosen = results if spec.criteria == "all" else [
        r for r in results if item is not None and r.item_id == item.id]
    if spec.criteria == "none":
        chosen = []
    excerpt_ids = _unique([e for r in chosen for c in r.criteria for e in c.basis])
    excerpt_ids += [i for i in _unique(list(retrieved)) if i not in excerpt_ids]
    facts = {f.id: f for f in case.facts}
    fact_entries = [fact_data(case, facts[i]) for i in _unique(_fact_ids(planned, case, results))]
    # Facts take up to two thirds of the budget; excerpts the rest.
    kept_facts, dropped_facts, facts_used = _within_budget(fact_entries, spec.budget * 2 // 3)
    excerpt_entries = [excerpt_data(excerpts[i]) for i in excerpt_ids if i in excerpts]
    room = spec.budget - facts_used
    kept_excerpts, dropped_excerpts, _ = _within_budget(excerpt_entries, max(room, 0))
    return {
        "section": {"key": planned.key, "kind": spec.kind, "title": planned.title,
                    "purpose": spec.purpose},
        "case": {
            "id": case.id, "title": case.title, "document_type": case.document_type.value,
            "perspective": case.perspective.value, "setting": case.setting.value,
            "jurisdiction": case.jurisdiction, "question": case.question or "",
            "dates": {k: v.isoformat() for k, v in case.dates.model_dump().items() if v},
            "patient": case.patient.model_dump(mode="json"),
            "diagnoses": [d.model_dump(mode="json") for d in case.diagnoses],
            # The full inventory only where the section lists records; elsewhere only the
            # documents missing from the packet, which any section may need to name.
            "documents": [d.model_dump(mode="json") for d in case.documents
                          if spec.kind in INVENTORY_KINDS or not d.included],
            "prior_decision": case.prior_decision.model_dump(mode="json")
            if case.prior_decision else None,
        },
        "item": _item_data(item) if item else None,
        "items": [_item_data(i) for i in case.disputed_items],
        "results": [r.model_dump(mode="json", exclude=RESULT_DETAIL_OMITTED if
                                 spec.kind == "objections" else RESULT_DETAIL_OMITTED | {
                                     "objections": True}) for r in chosen],
        "facts": kept_facts,
        "excerpts": kept_excerpts,
        "omitted": {"facts": dropped_facts, "excerpts": dropped_excerpts},
        "today": dt.date.today().isoformat(),
    }


def _item_data(item: DisputedItem) -> dict[str, Any]:
    return item.model_dump(mode="json", exclude={"expected"})
