"""#18 class 7 (citing the right provision): a Medicare item's decisive criterion names the
coverage statute every Medicare decision applies (SSA §1862(a)(1)(A)); in a state that has
adopted a treatment guideline by rule, the criterion an item turns on says which provision it
is applied under there (Texas: ODG as 28 TAC §137.100 adopts it; Minnesota: the treatment
parameters; New York: the Board's guidelines), and in Texas, where an independent review
organization upheld the denial, the burden on whoever appeals it (28 TAC §133.308(s)).
Nothing is said where no such rule governs, before the rule was in force, or about an IRO
that made no adverse decision. Outcomes never change. Synthetic cases built on the physical
therapy case of the jurisdiction tests and on the bundled Medicare examples."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.item import PriorDecision
from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import CriterionResult, ItemResult
from tests.test_criteria import mutated
from tests.test_criteria_jurisdictions import SOURCE, _opioid_case, built, pt_facts, pt_item

NO_GAIN = "No functional improvement was documented with therapy."


def _case(jurisdiction: str, response: str, *, day: str = "2016-04-04",
          decided_by: str | None = None, upheld: str | None = None,
          setting: str = "other_workers_comp", injury: str = "2014-06-02") -> Case:
    facts, item = pt_facts(response), pt_item(day)
    if upheld:
        facts.append({"id": "F3", "category": "utilization_review", "date": "2016-03-20",
                      "statement": upheld, "source": SOURCE})
        item["facts"].append("F3")
    if decided_by:
        item["prior_decision"] = {"decision": "denied", "date": "2016-03-21",
                                  "decided_by": decided_by, "reason": "Not reasonably required."}

    def dates(data: dict) -> None:
        data["dates"].update(injury=injury)
    return built(setting, jurisdiction, facts, item, extra=dates)


def _decisive(case: Case) -> tuple[ItemResult, CriterionResult]:
    result = next(r for r in evaluate_case(case) if r.item_id == "I1")
    return result, next(c for c in result.criteria if c.criterion_id == result.decisive)


def test_a_texas_denial_cites_odg_on_the_criterion_it_turns_on():
    result, decisive = _decisive(_case("Texas (workers' compensation)", NO_GAIN))
    assert result.outcome is Outcome.not_necessary
    assert "Official Disability Guidelines (ODG) as adopted by 28 TAC §137.100" in \
        decisive.reason
    assert "not payable unless preauthorized" in decisive.reason
    assert "independent review organization" not in decisive.reason  # no IRO on file


def test_an_iro_that_upheld_the_denial_puts_the_burden_on_the_appeal():
    by_decision = _decisive(_case("Texas (workers' compensation)", NO_GAIN,
                                  decided_by="IRO reviewer"))[1]
    by_fact = _decisive(_case("Texas (workers' compensation)", NO_GAIN,
                              upheld="The therapy was denied, and an IRO upheld the denial."))[1]
    for decisive in (by_decision, by_fact):
        assert "28 TAC §133.308(s)" in decisive.reason
        # the rule is among the excerpts a draft may cite for the criterion
        assert "tx-28-tac-133-308-iro-appeal" in decisive.basis
        assert "preponderance of evidence-based medical evidence" in decisive.reason


def test_an_iro_that_did_not_deny_or_a_carrier_denial_carries_no_burden_sentence():
    carrier = _decisive(_case("Texas (workers' compensation)", NO_GAIN,
                              decided_by="carrier utilization review agent"))[1]
    assert "§133.308" not in carrier.reason
    reversed_ = _decisive(_case("Texas (workers' compensation)", NO_GAIN,
                                upheld="The IRO reversed the carrier's denial."))[1]
    assert "§133.308" not in reversed_.reason


def test_an_approval_in_texas_names_odg_as_the_presumption_it_meets():
    # continuing opioids with documented functional gains, denied before by an IRO
    case = _opioid_case("Texas (workers' compensation)")
    item = case.disputed_items[0]
    item.prior_decision = PriorDecision(decision="denied", date=item.date_of_service,
                                        decided_by="IRO reviewer", reason="Not reasonable.")
    result, decisive = _decisive(case)
    assert result.outcome is Outcome.necessary
    assert "care within ODG is presumed reasonable" in decisive.reason
    assert "is what would do so" in decisive.reason


def test_minnesota_and_new_york_name_their_own_guidelines():
    mn = _decisive(_case("Minnesota (workers' compensation)", NO_GAIN))[1]
    assert "treatment parameters (Minn. R. 5221.6010 to 5221.6600)" in mn.reason
    assert "5221.6050, subp. 8" in mn.reason
    assert "rare case exception (Jacka v. Coca-Cola Bottling Co." in mn.reason
    assert "mn-5221-6050-subp8-departures" in mn.basis
    ny = _decisive(_case("New York (workers' compensation)", NO_GAIN))[1]
    assert "Medical Treatment Guidelines (12 NYCRR 324.2)" in ny.reason


def test_no_provision_is_named_where_none_governs_or_before_it_was_in_force():
    for jurisdiction, setting in (("Oregon (workers' compensation)", "other_workers_comp"),
                                  ("California (workers' compensation)", "ca_workers_comp")):
        decisive = _decisive(_case(jurisdiction, NO_GAIN, setting=setting))[1]
        assert "applies this under" not in decisive.reason
    # New York's guidelines took effect on 2010-12-01
    early = _decisive(_case("New York (workers' compensation)", NO_GAIN, day="2010-11-01",
                            injury="2009-06-02"))[1]
    assert "12 NYCRR" not in early.reason


def test_the_outcome_is_the_same_with_or_without_the_provision():
    texas = _decisive(_case("Texas (workers' compensation)", NO_GAIN, decided_by="IRO"))[0]
    oregon = _decisive(_case("Oregon (workers' compensation)", NO_GAIN))[0]
    assert texas.outcome is oregon.outcome


def test_a_medicare_item_cites_the_reasonable_and_necessary_statute_either_way():
    # Medicare's coverage statute frames every decision, whichever way it goes
    denied = _decisive(mutated("medicare-tens-review", lambda data: None))
    assert denied[0].outcome is Outcome.not_necessary
    assert "not reasonable and necessary for the diagnosis or treatment of illness or injury " \
           "(Social Security Act §1862(a)(1)(A))" in denied[1].reason
    assert "does not show the item is" in denied[1].reason
    approved = _decisive(mutated("medicare-lumbar-esi-appeal", lambda data: None))
    assert approved[0].outcome is Outcome.necessary
    assert "§1862(a)(1)(A)" in approved[1].reason
    assert "the record shows the item is" in approved[1].reason


def test_no_setting_statute_is_named_outside_medicare():
    commercial = _decisive(mutated("medicare-tens-review",
                                   lambda data: data.update(setting="commercial")))[1]
    assert "1862" not in commercial.reason
