"""Criteria round 7 (#18, #25): three classes of error, each fixed by a general mechanism.

1. A set is judged only on the region of the body it is written for: an operation on the cervical
   or thoracic spine (an anterior cervical discectomy and fusion) is not judged on the lumbar
   decompression criteria because its name contains 'discectomy'; with no set of its own it is
   judged on the general standard. A lumbar discectomy, or one naming both regions, stays.
2. The general standard's evidence criterion reads a regulator's words for a missing evidence
   base: a use of a device or drug 'not established as safe or effective' contradicts it, as
   'investigational' does. An approval limited to another use ('approved only for ...',
   'off-label') does not: reviewers weigh such uses and often allow them.
3. A response the pain ended within hours or a day ('it helped, but the pain came back the next
   day') is brief relief, not a good response, and a fact the record tags as brief or no relief
   is never read as a good response from a word such as 'helped'. Relief that lasted months
   before the pain returned is still relief, and a drug's relief lasting until the next dose is
   its expected effect, not brief relief.
4. Causation is not medical necessity: an item whose record disputes whether the condition is
   related to the injury says so ('causation only' when the denial names relatedness alone), and
   its outcome is what the criteria decide with or without that dispute.

The cases are synthetic: an example case with an invented item and facts added.
"""

from __future__ import annotations

from drafting.case import Case, Fact
from drafting.case.vocab import Outcome
from drafting.criteria.prose import in_words, qualitative_response
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of

CONDITION = {"category": "history", "date": "2023-03-02",
             "statement": "Neck and arm pain have continued since the rear-end collision."}
ORDERED = {"category": "other", "statement": "The treating surgeon recommended the operation."}


def _item(service: str, facts: list[dict], denial: str | None = None,
          request_type: str | None = None) -> Case:
    def change(data: dict) -> None:
        ids = []
        for i, extra in enumerate(facts):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": "D8", "page": 1},
                                  "date": "2023-09-14", **extra})
        item: dict[str, object] = {"id": "I9", "service": service, "procedure": "other",
                "date_of_service": "2023-10-01", "status": "requested", "facts": ids}
        if request_type:
            item["request_type"] = request_type
        if denial:
            item["prior_decision"] = {"decision": "denied", "date": "2023-09-20",
                                      "decided_by": "claims adjuster", "reason": denial}
        data["disputed_items"].append(item)
    return mutated("pi-mvc-multi-item", change)


def _status(result, criterion_id: str) -> Status:
    return next(r.status for r in result.criteria if r.criterion_id == criterion_id)


# --- 1. the region a set is written for -----------------------------------------------------------

def test_a_cervical_discectomy_is_not_judged_on_the_lumbar_decompression_criteria():
    result = result_of(_item("Anterior cervical discectomy and fusion C5-C7",
                             [CONDITION, ORDERED]), "I9")
    assert result.criteria_set != "lumbar-decompression"
    assert result.criteria_set == "general-medical-necessity"


def test_a_lumbar_discectomy_and_one_naming_both_regions_stay_on_the_lumbar_criteria():
    for service in ("L5-S1 microdiscectomy", "Cervical and lumbar decompression"):
        result = result_of(_item(service, [CONDITION, ORDERED]), "I9")
        assert result.criteria_set == "lumbar-decompression", service


# --- 2. a regulator's words for a missing evidence base -------------------------------------------

def test_a_use_not_established_as_safe_or_effective_contradicts_the_evidence_criterion():
    warned = {"category": "other", "statement": "The implant was placed in a way the regulator "
              "had said was not established as safe or effective for the spine."}
    result = result_of(_item("Spinal implant procedure", [CONDITION, ORDERED, warned]), "I9")
    assert _status(result, "general.evidence_not_contradicted") is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert result.decisive == "general.evidence_not_contradicted"


def test_an_approval_limited_to_another_use_is_no_finding_against_the_evidence_base():
    label = {"category": "other", "statement": "The patch is FDA-approved only for shingles "
             "pain; its use for the neck is off-label."}
    result = result_of(_item("Lidocaine patch", [CONDITION, ORDERED, label]), "I9")
    assert _status(result, "general.evidence_not_contradicted") is Status.met


# --- 3. brief relief told in other words -------------------------------------------------------

CUPPING = {"category": "other", "statement": "Her physician prescribed cupping therapy weekly."}


def _response(statement: str, tags: list[str] | None = None):
    fact = {"category": "response", "statement": statement, "tags": tags or []}
    result = result_of(_item("Cupping therapy sessions", [CONDITION, CUPPING, fact],
                             request_type="continuation"), "I9")
    return result, _status(result, "general.prior_response")


def test_relief_that_ended_the_next_day_is_a_poor_response_to_the_care():
    result, status = _response("She said the cupping helped her neck pain, but it came back "
                               "the following day.")
    assert status is Status.not_met
    assert result.outcome is Outcome.not_necessary


def test_a_response_tagged_brief_is_not_read_as_good_from_the_word_helped():
    _, status = _response("She said the cupping helped her neck pain for a while.",
                          tags=["temporary_relief"])
    assert status is Status.not_met


def test_a_drug_whose_relief_wears_off_within_hours_is_not_read_as_brief_relief():
    drug = Fact.model_validate({
        "id": "F1", "category": "medication", "date": "2023-09-14",
        "source": {"document": "D1", "page": 1},
        "statement": "The tablets relieve her pain; it returns within a few hours, before the "
                     "next dose."})
    assert qualitative_response(drug) is not False
    assert in_words("response", drug.model_copy(update={"tags": ["temporary_relief"]})) \
        is not False


def test_relief_that_lasted_months_before_the_pain_returned_is_still_relief():
    _, status = _response("The cupping helped her neck pain; it returned after six months.")
    assert status is Status.met


# --- 4. causation is not necessity ----------------------------------------------------------------

def test_a_denial_on_relatedness_alone_is_said_to_dispute_causation_only_and_decides_nothing():
    facts = [CONDITION, ORDERED]
    plain = result_of(_item("Shoulder injection", facts), "I9")
    disputed = result_of(_item("Shoulder injection", facts,
                               denial="The shoulder condition is not related to the accident."),
                         "I9")
    assert plain.causation is None
    assert disputed.causation is not None and "causation only" in disputed.causation
    assert disputed.summary.endswith(disputed.causation)
    assert disputed.outcome is plain.outcome  # the criteria judge necessity alone


def test_a_denial_on_relatedness_and_necessity_says_causation_is_also_disputed():
    examiner = {"category": "other", "statement": "The examiner found the injections not "
                "reasonable, necessary or causally related."}
    result = result_of(_item("Shoulder injection", [CONDITION, ORDERED, examiner],
                             denial="Not reasonable or necessary."), "I9")
    assert result.causation is not None
    assert result.causation.startswith("The record also disputes causation")


def test_a_stated_relation_or_another_unrelated_event_is_no_causation_dispute():
    related = {"category": "history", "statement": "The neck injury is causally related to the "
               "collision; an unrelated later fall bruised her knee."}
    result = result_of(_item("Shoulder injection", [CONDITION, ORDERED, related]), "I9")
    assert result.causation is None
