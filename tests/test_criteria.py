"""The criteria engine agrees with the outcome a physician reached by hand for every example item,
and single-fact changes move exactly the criterion and the outcome they should."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafting.case import Case, load_case
from drafting.case.checks import check_case
from drafting.case.loader import read_case_file
from drafting.case.vocab import Outcome
from drafting.cli.app import app
from drafting.criteria.evaluate import evaluate_case, evaluate_item
from drafting.criteria.loader import CriteriaError, load_criteria, load_criteria_file
from drafting.criteria.results import Gap, ItemResult, Status
from tests.conftest import EXAMPLES, example_paths

ITEMS = [(path, item.id) for path in example_paths() for item in load_case(path).disputed_items]


@pytest.mark.parametrize(("path", "item_id"), ITEMS, ids=[f"{p.stem}:{i}" for p, i in ITEMS])
def test_engine_agrees_with_the_expected_outcome(path: Path, item_id: str):
    case = load_case(path)
    item = next(i for i in case.disputed_items if i.id == item_id)
    result = evaluate_item(case, item)
    assert result.outcome == item.expected.outcome, result.summary
    assert result.criteria_set is not None
    assert all(r.basis for r in result.criteria if r.required), "a required criterion without " \
        "a guideline in force for this setting and date"


def mutated(name: str, change: Callable[[dict], None]) -> Case:
    """An example case with one change applied, validated like a file would be."""
    data, _ = read_case_file(EXAMPLES / f"{name}.yaml")
    data = copy.deepcopy(data)
    change(data)
    case = Case.model_validate(data)
    assert check_case(case) == [], "the mutation must leave a valid case"
    return case


def fact(data: dict, fact_id: str) -> dict:
    return next(f for f in data["facts"] if f["id"] == fact_id)


def result_of(case: Case, item_id: str) -> ItemResult:
    return next(r for r in evaluate_case(case) if r.item_id == item_id)


def status(result: ItemResult, criterion_id: str) -> Status:
    return next(r.status for r in result.criteria if r.criterion_id == criterion_id)


def changed(before: ItemResult, after: ItemResult) -> dict[str, tuple[Status, Status]]:
    old = {r.criterion_id: r.status for r in before.criteria}
    return {r.criterion_id: (old[r.criterion_id], r.status) for r in after.criteria
            if old[r.criterion_id] is not r.status}


BASE_PI = load_case(EXAMPLES / "pi-mvc-multi-item.yaml")
BASE_WC = load_case(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")


def test_removing_the_imaging_fact_leaves_corroboration_undocumented():
    def drop_mri(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f["id"] != "F5"]
        data["disputed_items"][0]["facts"].remove("F5")

    after = result_of(mutated("wc-lumbar-esi-plaintiff", drop_mri), "I1")
    assert changed(result_of(BASE_WC, "I1"), after) == {
        "esi_repeat.corroborated": (Status.met, Status.undocumented)}
    # California workers' comp: a request the record does not establish is not necessary
    assert after.outcome is Outcome.not_necessary
    assert after.deciding == ["esi_repeat.corroborated"]
    assert "not established" in after.summary
    corroborated = next(r for r in after.criteria if r.criterion_id == "esi_repeat.corroborated")
    assert corroborated.gap is Gap.clinical


def test_imaging_on_the_other_side_fails_corroboration():
    after = result_of(mutated("wc-lumbar-esi-plaintiff",
                              lambda d: fact(d, "F5").update(laterality="left")), "I1")
    assert changed(result_of(BASE_WC, "I1"), after) == {
        "esi_repeat.corroborated": (Status.met, Status.not_met)}
    assert after.outcome is Outcome.not_necessary
    assert after.deciding == ["esi_repeat.corroborated"]


def test_imaging_at_another_level_fails_corroboration():
    after = result_of(mutated("wc-lumbar-esi-plaintiff",
                              lambda d: fact(d, "F5").update(levels=["L3-L4"])), "I1")
    assert status(after, "esi_repeat.corroborated") is Status.not_met
    assert after.outcome is Outcome.not_necessary


def test_conservative_care_cut_below_four_weeks_fails_the_esi():
    def shorten(data: dict) -> None:
        for fact_id in ("F3", "F4"):
            fact(data, fact_id).update(end_date="2023-04-01", duration=None)
        fact(data, "F6").update(end_date="2023-04-07", duration=None)

    after = result_of(mutated("pi-mvc-multi-item", shorten), "I1")
    assert changed(result_of(BASE_PI, "I1"), after) == {
        "esi.conservative_care": (Status.met, Status.not_met)}
    assert after.outcome is Outcome.not_necessary


def test_removing_the_prior_relief_percentage_makes_the_repeat_undocumented_not_failed():
    def drop_percentage(data: dict) -> None:
        fact(data, "F9").pop("percent_relief")
        fact(data, "F9")["statement"] = "After the first injection the pain eased."

    after = result_of(mutated("wc-lumbar-esi-plaintiff", drop_percentage), "I1")
    assert changed(result_of(BASE_WC, "I1"), after) == {
        "esi_repeat.prior_relief": (Status.met, Status.undocumented)}
    assert after.outcome is Outcome.not_necessary  # not established, in this setting
    assert after.deciding == ["esi_repeat.prior_relief"]


def test_a_recorded_relief_below_the_threshold_fails_the_repeat():
    after = result_of(mutated("wc-lumbar-esi-plaintiff",
                              lambda d: fact(d, "F9").update(percent_relief=40)), "I1")
    assert changed(result_of(BASE_WC, "I1"), after) == {
        "esi_repeat.prior_relief": (Status.met, Status.not_met)}
    assert after.outcome is Outcome.not_necessary


def test_an_opioid_with_no_strength_in_the_request_or_the_record_is_unspecified():
    def drop_doses(data: dict) -> None:
        for entry in data["facts"]:
            entry.pop("dose", None)
        for item in data["disputed_items"]:
            item["details"].pop("dose", None)

    before = result_of(load_case(EXAMPLES / "wc-opioids-appeal.yaml"), "I1")
    after = result_of(mutated("wc-opioids-appeal", drop_doses), "I1")
    assert changed(before, after) == {
        "opioids.dose_documented": (Status.met, Status.not_met)}
    assert after.outcome is Outcome.not_necessary
    assert after.deciding == ["opioids.dose_documented"]
    dose = next(r for r in after.criteria if r.criterion_id == "opioids.dose_documented")
    assert "the request does not specify dose" in dose.reason


def test_dropping_the_mri_from_the_packet_is_a_submission_gap():
    def drop_from_packet(data: dict) -> None:
        mri_document = fact(data, "F8")["source"]["document"]
        gone = {f["id"] for f in data["facts"] if f["source"]["document"] == mri_document}
        data["facts"] = [f for f in data["facts"] if f["id"] not in gone]
        for item in data["disputed_items"]:
            item["facts"] = [f for f in item.get("facts", []) if f not in gone]
        next(d for d in data["documents"] if d["id"] == mri_document)["included"] = False
        fact(data, "F10").setdefault("references", []).append(mri_document)

    after = result_of(mutated("pi-mvc-multi-item", drop_from_packet), "I1")
    assert changed(result_of(BASE_PI, "I1"), after) == {
        "esi.corroborated": (Status.met, Status.undocumented)}
    corroborated = next(r for r in after.criteria if r.criterion_id == "esi.corroborated")
    assert corroborated.gap is Gap.submission
    assert corroborated.supporting_facts == ["F10"]
    assert after.outcome is Outcome.insufficient_documentation
    assert "the packet lacks" in after.summary


def test_a_second_qualifying_block_turns_the_rfa_necessary():
    def add_block(data: dict) -> None:
        data["facts"].append({
            "id": "F31", "category": "response", "date": "2023-09-07", "procedure": "mbb",
            "laterality": "bilateral", "levels": ["C4-C5", "C5-C6"], "percent_relief": 85,
            "statement": "Second diagnostic block: 85 percent relief of neck pain for 6 hours.",
            "source": {"document": fact(data, "F17")["source"]["document"], "page": 1}})
        fact(data, "F17")["percent_relief"] = 80

    after = result_of(mutated("pi-mvc-multi-item", add_block), "I3")
    assert status(after, "rfa.dual_blocks") is Status.met
    assert after.outcome is Outcome.necessary


def test_the_same_item_is_judged_under_the_setting_it_arises_in():
    """The repeat ESI with 60% relief for 8 weeks meets MTUS (6 weeks) but not the Medicare LCD
    (3 months)."""
    medicare = mutated("wc-lumbar-esi-plaintiff", lambda d: d.update(
        setting="medicare", jurisdiction="US Medicare", document_type="review_determination",
        perspective="neutral"))
    wc, mc = result_of(BASE_WC, "I1"), result_of(medicare, "I1")
    assert (wc.outcome, mc.outcome) == (Outcome.necessary, Outcome.not_necessary)
    assert status(mc, "esi_repeat.prior_relief") is Status.not_met
    assert next(r.basis for r in wc.criteria if r.criterion_id == "esi_repeat.prior_relief") == [
        "mtus-cp-esi-repeat-therapeutic", "mtus-cp-esi-no-series-of-three"]


def test_objections_come_from_the_other_side():
    plaintiff = result_of(BASE_WC, "I2")  # compound cream, not necessary
    assert [o.raised_by for o in plaintiff.objections] == ["against necessity"]
    assert "not recommended as a whole" in plaintiff.objections[0].argument
    assert plaintiff.objections[0].answer.startswith("The objection is sound on this record")
    defense = result_of(load_case(EXAMPLES / "wc-lumbar-esi-defense.yaml"), "I1")
    assert [o.raised_by for o in defense.objections] == ["for necessity"]
    neutral = result_of(BASE_PI, "I3")
    assert {o.raised_by for o in neutral.objections} == {"for necessity", "against necessity"}


# ------------------------------------------------------------------ loading errors

GOOD_SET = """id: test-set
title: Test set
procedure: esi
criteria:
  - id: test.one
    statement: Radicular findings are documented on examination
    basis: [mtus-cp-esi-purpose]
    test:
      fact: {category: exam, tags_any: [radicular_pain]}
"""


def test_a_valid_set_loads(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(GOOD_SET)
    assert load_criteria_file(path).criteria[0].id == "test.one"


@pytest.mark.parametrize(("old", "new", "message"), [
    ("basis: [mtus-cp-esi-purpose]", "basis: [no-such-excerpt]",
     "criteria[0].basis[0]: criterion 'test.one' rests on unknown excerpt 'no-such-excerpt'"),
    ("category: exam", "category: radiology",
     "criteria[0].test.fact.category[0]: Input should be 'history', 'exam'"),
    ("tags_any: [radicular_pain]", "tags_any: [radicular]",
     "criteria[0].test: criterion 'test.one' uses unknown tag 'radicular'"),
    ("tags_any: [radicular_pain]", "tags_any: [radicular_pain], percent_relief_min: $relief",
     "criterion 'test.one' uses undeclared threshold '$relief'"),
])
def test_a_broken_set_names_the_file_and_criterion(tmp_path, old, new, message):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD_SET.replace(old, new))
    with pytest.raises(CriteriaError) as caught:
        load_criteria_file(path)
    assert f"{path}:" in str(caught.value)
    assert message in str(caught.value)


def test_category_errors_name_the_criterion(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(GOOD_SET.replace("category: exam", "category: radiology"))
    with pytest.raises(CriteriaError, match=r"\(criterion 'test.one'\)"):
        load_criteria_file(path)


def test_every_bundled_threshold_cites_a_corpus_excerpt():
    sets = load_criteria()
    assert {s.procedure for s in sets} >= {"esi", "mbb", "rfa", "scs_trial", "scs_implant", "itp",
                                           "pns", "opioids", "tens", "topical", "lumbar_fusion",
                                           "consultation", "other"}
    assert all(v.source for s in sets for values in s.thresholds.values() for v in values)


# ------------------------------------------------------------------ CLI

runner = CliRunner()


def test_cli_check_json_matches_the_engine():
    path = EXAMPLES / "medicare-lumbar-esi-appeal.yaml"
    result = runner.invoke(app, ["criteria", "check", str(path), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["items"][0]["outcome"] == "necessary"
    gap = next(c for c in payload["items"][0]["criteria"] if c["criterion_id"] ==
               "esi.corroborated")
    # met on the consultant's account of the MRI, with the report named as missing
    assert (gap["status"], gap["gap"], gap["missing_documents"]) == ("met", "submission", ["D4"])


def test_cli_check_table_and_list(tmp_path):
    result = runner.invoke(app, ["criteria", "check", str(EXAMPLES / "pi-mvc-multi-item.yaml")],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert result.stdout.count("outcome: ") == 6
    assert "request type: continuation (the service says 'Long-term')" in result.stdout
    listing = runner.invoke(app, ["criteria", "list", "--procedure", "tens"],
                            env={"COLUMNS": "200"})
    assert "tens.home_trial" in listing.stdout and "ncd-160-27-tens-clbp" in listing.stdout
    assert "esi.corroborated" not in listing.stdout


def test_readme_agreement_table_is_the_engine_output():
    from benchmarks.criteria_agreement import RESULT, rows

    table = rows()
    assert all(agree for *_, agree in table)
    committed = RESULT.read_text(encoding="utf-8")
    readme = (EXAMPLES.parents[1] / "README.md").read_text(encoding="utf-8")
    assert committed in readme, "README must embed benchmarks/results/criteria_agreement.md"
    for case_file, item_id, _, criteria_set, _, engine, _ in table:
        assert f"| `{case_file}` | {item_id} |" in committed
        assert f"| {criteria_set} |" in committed and engine in committed
    assert f"Agreement: {len(table)} of {len(table)} items." in committed
