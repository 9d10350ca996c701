"""A physician's overrides of criteria results, applied to the engine's results.

An override of a criterion sets its status (the item's outcome is then rolled up again from the
criteria, as the engine would); an override of an item's outcome sets the outcome itself and wins
over any roll-up. The later of two overrides of the same thing wins. Every changed result says in
its own words who changed it and why, so a section regenerated from these results, and the export,
carry the reviewer's decision and reason. (Not to be confused with ``pipeline.with_overrides``,
which changes the document type or perspective of a request.)"""

from __future__ import annotations

from collections.abc import Iterable

from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import roll_up
from drafting.criteria.reasons import summary
from drafting.criteria.results import Gap, ItemResult, Status
from drafting.draft import ReviewerOverride
from drafting.store import OverrideRecord


def as_reviewer_overrides(records: Iterable[OverrideRecord],
                          engine: list[ItemResult]) -> list[ReviewerOverride]:
    """The overrides as the export shows them, each with the engine's own value."""
    by_item = {r.item_id: r for r in engine}
    shown = []
    for record in records:
        item = by_item.get(record.item_id)
        engine_value: str | None = None
        if item is not None and record.criterion_id is None:
            engine_value = item.outcome.value if item.outcome else None
        elif item is not None:
            engine_value = next((c.status.value for c in item.criteria
                                 if c.criterion_id == record.criterion_id), None)
        shown.append(ReviewerOverride(
            item_id=record.item_id, criterion_id=record.criterion_id, engine_value=engine_value,
            value=record.value, reason=record.reason, author=record.author,
            at=record.created_at))
    return shown


def apply_overrides(results: list[ItemResult],
                    overrides: Iterable[OverrideRecord]) -> list[ItemResult]:
    """Copies of ``results`` with the overrides applied (``results`` is left as it was)."""
    applied = [r.model_copy(deep=True) for r in results]
    by_item = {r.item_id: r for r in applied}
    outcome_overrides: dict[str, OverrideRecord] = {}
    touched: set[str] = set()
    for record in overrides:
        item = by_item.get(record.item_id)
        if item is None:
            continue
        if record.criterion_id is None:
            outcome_overrides[record.item_id] = record
            continue
        criterion = next((c for c in item.criteria if c.criterion_id == record.criterion_id),
                         None)
        if criterion is None:
            continue
        engine_status = criterion.status
        criterion.status = Status(record.value)
        if criterion.status is not Status.undocumented:
            criterion.gap, criterion.missing_documents = None, []
        elif criterion.gap is None:
            criterion.gap = Gap.clinical
        criterion.reason = (f"Reviewer override by {record.author}: {record.reason} (the criteria "
                            f"engine found it {engine_status.value.replace('_', ' ')}: "
                            f"{criterion.reason})")
        # prompts carry notes but not reasons (see context.RESULT_DETAIL_OMITTED)
        criterion.notes.append(f"reviewer override by {record.author} (engine: "
                               f"{engine_status.value}): {record.reason}")
        touched.add(item.item_id)
    for item_id in touched:
        item = by_item[item_id]
        if item.criteria:
            outcome, confidence, deciding = roll_up(item.criteria)
            item.outcome, item.confidence, item.deciding = outcome, confidence, deciding
            item.summary = summary(outcome, deciding, item.criteria)
    for item_id, record in outcome_overrides.items():
        item = by_item[item_id]
        engine_outcome = item.outcome.value if item.outcome else "no outcome"
        item.outcome = Outcome(record.value)
        item.confidence = "reviewer override"
        item.summary = (f"Reviewer override by {record.author}: "
                        f"{record.value.replace('_', ' ')}. {record.reason} (the criteria engine "
                        f"reached {engine_outcome.replace('_', ' ')}.)")
    return applied
