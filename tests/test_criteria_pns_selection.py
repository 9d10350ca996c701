"""Peripheral nerve stimulation judged on what its sources ask (#25 class 2: weights as data).

Round 13 found the PNS set stricter than every source it cites, deciding approved requests on
silence (development sets 1, 8 and 18):

1. ASPN asks "a positive diagnostic nerve block *or* stimulation trial" before stimulation, and
   NCD 160.7 relief with a temporary electrode before a permanent implant. A request that is
   itself the trial (named as a trial, a temporary or a percutaneous lead, or naming no stage)
   is not decided by a block before it; a permanent implant with neither block nor trial is.
2. NCD 160.7 asks that other pharmacological, physical or psychological treatments failed or
   are unsuitable; no source names first-line neuropathic medications. A failed course of
   other care meets it; care recorded only as tried does not.
3. A coded neuralgia or mononeuropathy of a named nerve documents pain in that nerve's
   distribution where the examination is not in the packet; a polyneuropathy names no nerve.

The cases are synthetic: the bundled PNS example with its items, facts and diagnoses replaced.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of, status

NERVE_PAIN = {"category": "exam", "laterality": "right", "tags": ["neuropathic_pain"],
              "statement": "Burning pain and allodynia over the right superficial peroneal "
                           "nerve's territory on the dorsum of the foot."}
FAILED_CARE = {"category": "conservative_care", "tags": ["physical_therapy",
                                                         "conservative_care_failed"],
               "statement": "Physical therapy and anti-inflammatory medication for six months "
                            "failed to relieve the foot pain."}
TRIED_CARE = {"category": "conservative_care", "tags": ["physical_therapy"],
              "statement": "She attends physical therapy twice a week."}
BLOCK = {"category": "response", "percent_relief": 80,
         "statement": "A diagnostic superficial peroneal nerve block relieved 80% of the pain "
                      "for six hours."}
ORDERED = {"category": "other", "statement": "The treating physician requested the stimulator."}
NERVE_CODE = [{"code": "G57.31", "text": "Lesion of lateral popliteal nerve, right lower limb"}]
NO_NERVE_CODE = [{"code": "G62.9", "text": "Polyneuropathy, unspecified"}]


def _pns(service: str, facts: list[dict], diagnoses: list[dict] | None = None,
         laterality: str | None = "right") -> Case:
    def change(data: dict) -> None:
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": "2023-09-14", **extra} for i, extra in enumerate(facts)]
        if diagnoses is not None:
            data["diagnoses"] = diagnoses
        data["disputed_items"] = [{
            "id": "I9", "service": service, "procedure": "pns", "request_type": "initial",
            "date_of_service": "2023-10-01", "status": "requested",
            "details": {"laterality": laterality} if laterality else {},
            "facts": [f["id"] for f in data["facts"]]}]
    return mutated("commercial-pns-appeal", change)


# ------------------------------------------------------------- 1. block or stimulation trial

def test_a_stimulation_trial_is_not_decided_by_a_block_before_it():
    result = result_of(_pns("Percutaneous peripheral nerve stimulator trial, right foot",
                            [NERVE_PAIN, FAILED_CARE, ORDERED]), "I9")
    assert result.outcome is Outcome.necessary
    assert "pns.positive_block" not in {r.criterion_id for r in result.criteria}
    block = next(r for r in result.criteria if r.criterion_id == "pns.block_before_trial")
    assert (block.status, block.required) == (Status.undocumented, False)
    assert result.deciding == ["pns.nerve_distribution", "pns.failed_other_care"]


def test_a_permanent_implant_with_neither_block_nor_trial_is_not_necessary():
    result = result_of(_pns("Peripheral nerve stimulator implantation, right foot",
                            [NERVE_PAIN, FAILED_CARE, ORDERED]), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pns.positive_block"]
    with_block = result_of(_pns("Peripheral nerve stimulator implantation, right foot",
                                [NERVE_PAIN, FAILED_CARE, BLOCK, ORDERED]), "I9")
    assert with_block.outcome is Outcome.necessary
    assert status(with_block, "pns.positive_block") is Status.met


def test_a_request_naming_no_stage_is_judged_as_the_trial():
    result = result_of(_pns("Peripheral nerve stimulator (trial or permanent placement not "
                            "stated)", [NERVE_PAIN, FAILED_CARE, ORDERED]), "I9")
    assert result.outcome is Outcome.necessary
    assert "pns.positive_block" not in result.deciding


# -------------------------------------------------------------------- 2. failed other care

def test_failed_other_care_meets_the_ncd_condition_without_neuropathic_agents():
    result = result_of(_pns("Percutaneous peripheral nerve stimulator trial, right foot",
                            [NERVE_PAIN, FAILED_CARE, ORDERED]), "I9")
    assert status(result, "pns.failed_other_care") is Status.met


def test_care_recorded_only_as_tried_is_not_a_failure_of_other_treatments():
    result = result_of(_pns("Percutaneous peripheral nerve stimulator trial, right foot",
                            [NERVE_PAIN, TRIED_CARE, ORDERED]), "I9")
    assert status(result, "pns.failed_other_care") is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pns.failed_other_care"]


# ----------------------------------------------------------- 3. a coded nerve's distribution

def test_a_coded_neuralgia_of_a_named_nerve_documents_its_distribution():
    result = result_of(_pns("Percutaneous peripheral nerve stimulator trial",
                            [FAILED_CARE, ORDERED], diagnoses=[
                                {"code": "B02.22", "text": "Postherpetic trigeminal neuralgia"}],
                            laterality=None), "I9")
    nerve = next(r for r in result.criteria if r.criterion_id == "pns.nerve_distribution")
    assert nerve.status is Status.met
    assert any("B02.22" in note for note in nerve.notes)
    assert result.outcome is Outcome.necessary


def test_a_polyneuropathy_names_no_nerve_and_leaves_the_distribution_undocumented():
    result = result_of(_pns("Percutaneous peripheral nerve stimulator trial",
                            [FAILED_CARE, ORDERED], diagnoses=NO_NERVE_CODE,
                            laterality=None), "I9")
    assert status(result, "pns.nerve_distribution") is Status.undocumented
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pns.nerve_distribution"]
    coded = result_of(_pns("Percutaneous peripheral nerve stimulator trial",
                           [FAILED_CARE, ORDERED], diagnoses=NERVE_CODE, laterality=None), "I9")
    assert status(coded, "pns.nerve_distribution") is Status.met


def test_a_percutaneous_lead_named_as_permanent_is_not_the_trial():
    service = "Percutaneous permanent peripheral nerve stimulator lead with implanted receiver"
    result = result_of(_pns(service, [NERVE_PAIN, FAILED_CARE, ORDERED]), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["pns.positive_block_permanent"]
    with_block = result_of(_pns(service, [NERVE_PAIN, FAILED_CARE, BLOCK, ORDERED]), "I9")
    assert with_block.outcome is Outcome.necessary
