"""Settings whose own guideline is not in the index (#18, #25 class 6): workers' compensation
outside California is judged on the MTUS sets as a stand-in and every result says so; a
jurisdiction's own rule, where the corpus holds it, makes a criterion required there."""

from __future__ import annotations

from drafting.case.vocab import Outcome, Setting
from drafting.criteria.jurisdiction import jurisdictions
from drafting.criteria.loader import load_criteria
from drafting.criteria.standards import review_standards
from guideline_index.corpus import excerpts_by_id
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

TEXAS = "Texas (workers' compensation; ODG)"
MINNESOTA = "Minnesota (workers' compensation; compensation judge)"


def _in(setting: str, jurisdiction: str, *changes):
    def change(data: dict) -> None:
        data.update(setting=setting, jurisdiction=jurisdiction)
        for extra in changes:
            extra(data)
    return mutated("wc-opioids-appeal", change)


def _without_monitoring(data: dict) -> None:
    monitoring = {"urine_drug_test", "pdmp_check"}
    data["facts"] = [f for f in data["facts"] if not monitoring & set(f.get("tags", []))]
    kept = {f["id"] for f in data["facts"]}
    for entry in data["disputed_items"]:
        entry["facts"] = [i for i in entry["facts"] if i in kept]


def _without_functional_gain(data: dict) -> None:
    gains = {"functional_improvement", "adl_improved", "return_to_work"}
    data["facts"] = [f for f in data["facts"] if not gains & set(f.get("tags", []))
                     and f["category"] != "functional"
                     and not (f["category"] == "response" and f.get("procedure") == "opioids")]
    kept = {f["id"] for f in data["facts"]}
    for entry in data["disputed_items"]:
        entry["facts"] = [i for i in entry["facts"] if i in kept]


def test_workers_comp_outside_california_is_judged_on_the_mtus_as_a_stand_in_and_says_so():
    california = result_of(_in("ca_workers_comp", "California"), "I1")
    texas = result_of(_in("other_workers_comp", TEXAS), "I1")
    assert (texas.criteria_set, texas.outcome, texas.deciding) == (
        california.criteria_set, california.outcome, california.deciding)
    assert texas.outcome is Outcome.necessary
    assert texas.judged_on is not None and california.judged_on is None
    assert "California MTUS criteria" in texas.judged_on and "ODG" in texas.judged_on
    assert "standing in for" in texas.judged_on and texas.summary.endswith(texas.judged_on)
    assert review_standards()[Setting.other_workers_comp].reference is Setting.ca_workers_comp


def test_outside_california_an_undocumented_required_criterion_is_not_established():
    result = result_of(_in("other_workers_comp", TEXAS, _without_functional_gain), "I1")
    assert result.outcome is Outcome.not_necessary  # the employee's burden: not established
    assert result.deciding == ["opioids.functional_benefit"]
    assert "not established" in result.summary and "standing in for" in result.summary


def test_a_minnesota_rule_requires_monitoring_of_long_term_opioids_where_texas_does_not():
    minnesota = result_of(_in("other_workers_comp", MINNESOTA, _without_monitoring), "I1")
    assert minnesota.outcome is Outcome.not_necessary
    assert minnesota.deciding == ["opioids.risk_monitoring"]
    monitoring = criterion(minnesota, "opioids.risk_monitoring")
    assert monitoring.required and "mn-5221-6110-long-term-opioids" in monitoring.basis
    assert any("Minn. R. 5221.6110" in note for note in monitoring.notes)
    assert "Minn. R. 5221.6110" in (minnesota.judged_on or "")

    texas = result_of(_in("other_workers_comp", TEXAS, _without_monitoring), "I1")
    assert texas.outcome is Outcome.necessary
    assert not criterion(texas, "opioids.risk_monitoring").required


def test_a_minnesota_commercial_plan_is_not_held_to_the_workers_comp_parameters():
    result = result_of(_in("commercial", "Minnesota (commercial plan)", _without_monitoring), "I1")
    assert result.outcome is Outcome.necessary
    assert not criterion(result, "opioids.risk_monitoring").required
    assert result.judged_on is None


def test_every_jurisdiction_rule_names_a_real_criterion_and_an_excerpt_of_its_setting():
    ids = {c.id for s in load_criteria() for c in s.criteria}
    excerpts = excerpts_by_id()
    for rules in jurisdictions().values():
        for rule in rules.required:
            assert rule.criterion in ids
            assert rules.setting in excerpts[rule.basis].settings
