"""A reviewer's decisions on the facts of a drafted case: accept, edit or reject each one.

Facts the deterministic extractors read start accepted (each is a sentence as written on its
page) and can still be rejected or edited; facts a language model proposed start pending and
count as evidence only once accepted. ``reviewed_data`` applies the decisions to the drafted
case: rejected facts leave the case, and with them every reference to their ids."""

from __future__ import annotations

import copy
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from drafting.case import Problem

EDITABLE = ("statement", "date", "category", "laterality", "levels", "tags")


class Verdict(StrEnum):
    pending = "pending"  # proposed by a model, not yet accepted
    accepted = "accepted"
    rejected = "rejected"


@dataclass
class FactReview:
    verdict: Verdict
    changes: dict[str, Any] = field(default_factory=dict)  # field -> value; None clears it

    @property
    def label(self) -> str:
        if self.verdict is Verdict.accepted and self.changes:
            return "edited"
        return self.verdict.value


def initial_reviews(facts: list[dict[str, Any]]) -> dict[str, FactReview]:
    return {f["id"]: FactReview(Verdict.pending if f.get("proposed") else Verdict.accepted)
            for f in facts}


def edit(review: FactReview, original: dict[str, Any], values: dict[str, Any]) -> None:
    """Record the values that differ from the drafted fact; an edit accepts the fact."""
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise KeyError(f"not an editable fact field: {', '.join(sorted(unknown))}")
    for name, value in values.items():
        empty = value in (None, "", [])
        if value == original.get(name) or (empty and name not in original):
            review.changes.pop(name, None)
        else:
            review.changes[name] = None if empty else value
    review.verdict = Verdict.accepted


def edited_fact(fact: dict[str, Any], review: FactReview) -> dict[str, Any]:
    out = copy.deepcopy(fact)
    for name, value in review.changes.items():
        if value is None:
            out.pop(name, None)
        else:
            out[name] = value
    if review.verdict is Verdict.accepted:
        out.pop("proposed", None)
    return out


def reviewed_data(data: dict[str, Any], reviews: dict[str, FactReview]) -> dict[str, Any]:
    """The drafted case with the decisions applied. A fact without a decision keeps its
    drafted state; a pending proposal stays ``proposed: true``."""
    out = copy.deepcopy(data)
    rejected = {fid for fid, r in reviews.items() if r.verdict is Verdict.rejected}
    out["facts"] = [edited_fact(f, reviews[f["id"]]) if f["id"] in reviews else f
                    for f in out["facts"] if f["id"] not in rejected]
    decisions = [out.get("prior_decision")]
    for item in out.get("disputed_items", []):
        if "facts" in item:
            item["facts"] = [fid for fid in item["facts"] if fid not in rejected]
        decisions.append(item.get("prior_decision"))
    for decision in decisions:
        if decision and "facts" in decision:
            decision["facts"] = [fid for fid in decision["facts"] if fid not in rejected]
    return out


def naming_facts(problems: list[Problem], data: dict[str, Any]) -> list[Problem]:
    """The problems of a reviewed case with each ``facts[i]`` path also naming the fact's id
    (the saved list has no rejected facts, so its positions differ from the ids)."""
    ids = [f.get("id") for f in data.get("facts", [])]
    out = []
    for problem in problems:
        loc = problem.loc
        if len(loc) > 1 and loc[0] == "facts" and isinstance(loc[1], int) and loc[1] < len(ids):
            problem = replace(problem, message=f"{problem.message} (fact {ids[loc[1]]})")
        out.append(problem)
    return out


def counts(reviews: dict[str, FactReview]) -> Counter[str]:
    return Counter(r.label for r in reviews.values())


def review_header(header: list[str], reviews: dict[str, FactReview], reviewer: str,
                  today: dt.date) -> list[str]:
    """The intake header with a line saying who reviewed the facts and what they decided."""
    tally = counts(reviews)
    summary = ", ".join(f"{tally[k]} {k}" for k in ("accepted", "edited", "rejected", "pending")
                        if tally[k])
    return [*header, "", f"Facts reviewed in the app by {reviewer} on {today.isoformat()}: "
            f"{summary or 'no facts'}."]
