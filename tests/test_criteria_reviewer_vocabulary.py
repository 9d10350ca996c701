"""#18 class 7 (the reviewer's words): a criterion is stated in the term its guideline defines
and reviewers use for it. Continuing opioids turns on *functional improvement*, the MTUS's own
defined term (8 CCR 9792.20: a clinically significant gain in activities of daily living or
less work restriction), so its result says so, with the definition among its basis while in
force; pain scores alone do not meet it."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from tests.test_criteria import mutated, result_of


def _criterion(result, criterion_id):
    return next(r for r in result.criteria if r.criterion_id == criterion_id)


def test_continuing_opioids_is_judged_on_documented_functional_improvement():
    result = result_of(mutated("wc-opioids-appeal", lambda data: None), "I1")
    assert result.outcome is Outcome.necessary
    benefit = _criterion(result, "opioids.functional_benefit")
    assert "documented functional improvement" in benefit.statement
    assert "activities of daily living" in benefit.statement
    assert "not pain scores alone" in benefit.statement


def test_the_definition_is_cited_only_while_it_was_in_force():
    # the 2009 definition's excerpt ends on 2017-11-30; a service in 2025 cites the later MTUS
    later = _criterion(result_of(mutated("wc-opioids-appeal", lambda data: None), "I1"),
                       "opioids.functional_benefit")
    assert "mtus-cp-functional-improvement-definition" not in later.basis

    def earlier(data: dict) -> None:
        for item in data["disputed_items"]:
            item["date_of_service"] = "2015-05-06"
        data["dates"]["injury"] = "2012-01-10"
        for fact in data["facts"]:
            fact["date"] = "2014-06-01"
        for key in ("review", "request", "denial"):
            if key in data["dates"]:
                data["dates"][key] = "2015-05-01"
        for doc in data["documents"]:
            doc["date"] = "2014-06-01"
    then = _criterion(result_of(mutated("wc-opioids-appeal", earlier), "I1"),
                      "opioids.functional_benefit")
    assert "mtus-cp-functional-improvement-definition" in then.basis
