"""Blocks and ablations of nerves outside the spine (#25, #18 class 2: family mapping).

1. A block or an ablation of a peripheral nerve (occipital, genicular, ...) is no facet, medial
   branch or epidural procedure, whatever family the record files it under: it is never judged
   on the spinal sets' criteria (two medial branch blocks, axial spinal pain, levels).
2. Where plan criteria decide (commercial plans, the external reviews judged on them):
   published policies class occipital nerve blocks for headache syndromes such as chronic
   migraine as investigational (Anthem SURG.00144, UnitedHealthcare 2016T0080T, BCBS MP-314),
   and describe the ablation of a peripheral nerve as following a diagnostic block of it
   (Anthem SURG.00142, BCBS SC CAM 230).
3. Workers' compensation outside California has no provision here: the general standard
   judges it (the treating physician's uncontradicted recommendation).

The cases are synthetic: an example case with its items and facts replaced.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from drafting.criteria.service_words import names_peripheral_nerve
from tests.test_criteria import mutated, result_of
from tests.test_criteria_families import _status

KNEE = {"category": "history", "statement": "Chronic severe right knee pain from osteoarthritis "
        "despite physical therapy, bracing and medicines."}
ORDERED = {"category": "other", "statement": "The treating physician requested the procedure."}


def _item(service: str, procedure: str, facts: list[dict], setting: str = "commercial",
          example: str = "commercial-pns-appeal") -> Case:
    def change(data: dict) -> None:
        data["setting"] = setting
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": "2023-09-14", **extra} for i, extra in enumerate(facts)]
        data["disputed_items"] = [{
            "id": "I9", "service": service, "procedure": procedure, "request_type": "initial",
            "date_of_service": "2023-10-01", "status": "requested",
            "facts": [f["id"] for f in data["facts"]]}]
    return mutated(example, change)


def test_a_peripheral_nerve_procedure_is_not_judged_on_the_spinal_facet_criteria():
    assert names_peripheral_nerve("Radiofrequency ablation of the genicular nerves, left knee")
    assert names_peripheral_nerve("Bilateral greater and lesser occipital nerve blocks")
    assert not names_peripheral_nerve("Bilateral L4-5 and L5-S1 medial branch radiofrequency")
    result = result_of(_item("Radiofrequency ablation of the genicular nerves, right knee",
                             "rfa", [KNEE, ORDERED]), "I9")
    assert result.criteria_set == "other-peripheral-nerve-procedure"
    assert not any(r.criterion_id.startswith("rfa.") for r in result.criteria)


def test_a_genicular_ablation_needs_a_diagnostic_block_of_those_nerves_first():
    block = {"category": "procedure", "date": "2023-08-01", "statement": "A diagnostic "
             "genicular nerve block relieved about 80% of the knee pain for the day."}
    after_block = result_of(_item("Genicular nerve radiofrequency ablation, right knee", "rfa",
                                  [KNEE, block, ORDERED]), "I9")
    assert after_block.outcome is Outcome.necessary
    assert _status(after_block, "peripheral.diagnostic_block_before_ablation") is Status.met
    no_block = result_of(_item("Genicular nerve radiofrequency ablation, right knee", "rfa",
                               [KNEE, ORDERED]), "I9")
    assert no_block.outcome is Outcome.not_necessary
    assert no_block.deciding == ["peripheral.diagnostic_block_before_ablation"]
    poor = {"category": "procedure", "date": "2023-08-01", "statement": "A diagnostic "
            "genicular nerve block gave only 10% relief of the knee pain."}
    after_poor = result_of(_item("Genicular nerve radiofrequency ablation, right knee", "rfa",
                                 [KNEE, poor, ORDERED]), "I9")
    assert after_poor.outcome is Outcome.not_necessary
    assert _status(after_poor, "peripheral.diagnostic_block_before_ablation") is Status.not_met


def test_an_occipital_block_for_chronic_migraine_is_investigational_under_plan_criteria():
    migraine = {"category": "history", "statement": "Chronic migraine with nausea and "
                "photophobia, on most days of the month."}
    neuralgia = {"category": "exam", "statement": "Lancinating pain in the distribution of the "
                 "left greater occipital nerve, tender at the nerve's exit."}
    for_migraine = result_of(_item("Greater occipital nerve block, bilateral", "other",
                                   [migraine, ORDERED]), "I9")
    assert for_migraine.criteria_set == "other-peripheral-nerve-procedure"
    assert for_migraine.outcome is Outcome.not_necessary
    assert "peripheral.not_for_headache_syndrome" in for_migraine.deciding
    for_neuralgia = result_of(_item("Greater occipital nerve block, left", "other",
                                    [neuralgia, ORDERED]), "I9")
    assert for_neuralgia.outcome is Outcome.necessary


def test_workers_comp_elsewhere_judges_an_occipital_ablation_on_the_general_standard():
    headaches = {"category": "history", "statement": "Occipital neuralgia since the blow to the "
                 "head at work; occipital nerve blocks helped for a time."}
    result = result_of(_item("Radiofrequency ablation of the occipital nerves", "rfa",
                             [headaches, ORDERED], setting="other_workers_comp"), "I9")
    assert result.criteria_set == "general-medical-necessity"
    assert result.outcome is Outcome.necessary
