"""An item is decided by the criteria its setting requires. When every criterion of the chosen set
is only supporting there, nothing decides the item: it is not established on these criteria and
the summary says why, never "Necessary: all 0 required criteria are met". A set whose criteria
decide only when contradicted still concludes necessary when nothing contradicts them."""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import roll_up
from drafting.criteria.reasons import summary
from drafting.criteria.results import CriterionResult, Status


def result(cid: str, status: Status, *, required: bool = False,
           if_contradicted: bool = False) -> CriterionResult:
    return CriterionResult(criterion_id=cid, statement=f"{cid} holds", required=required,
                           decides_if_contradicted=if_contradicted, status=status,
                           reason=f"{status.value}: {cid}")


def test_a_set_with_only_supporting_criteria_here_does_not_decide_the_item() -> None:
    results = [result("pt.visits", Status.met), result("pt.goals", Status.undocumented)]
    outcome, confidence, deciding = roll_up(results, Outcome.insufficient_documentation)
    assert (outcome, confidence, deciding) == (Outcome.insufficient_documentation, "low", [])
    text = summary(outcome, deciding, results)
    assert "no criterion of this set is required" in text and "1 of 2" in text
    assert "all 0" not in text


def test_the_setting_decides_what_an_unestablished_item_is() -> None:
    results = [result("pt.visits", Status.met)]
    assert roll_up(results, Outcome.not_necessary)[0] is Outcome.not_necessary


def test_criteria_that_decide_only_if_contradicted_still_conclude_necessary_when_uncontradicted(
        ) -> None:
    results = [result("rr.not_ended", Status.met, if_contradicted=True),
               result("rr.visits", Status.undocumented)]
    outcome, _, deciding = roll_up(results)
    assert outcome is Outcome.necessary and deciding == ["rr.not_ended"]
    text = summary(outcome, deciding, results)
    assert "no record contradicts" in text and "rr.not_ended" in text and "all 0" not in text


def test_one_required_criterion_met_is_still_necessary() -> None:
    results = [result("esi.exam", Status.met, required=True), result("esi.pt", Status.undocumented)]
    outcome, _, deciding = roll_up(results)
    assert outcome is Outcome.necessary and deciding == ["esi.exam"]
    assert summary(outcome, deciding, results) == "Necessary: all 1 required criteria are met."
