"""Criteria round 6 (#18, #25): the criterion an outcome turns on, and care judged on its
response.

1. Every decided item names ONE decisive criterion (``ItemResult.decisive``, first in
   ``deciding``), chosen by rules that hold for any set: a contradicted criterion before a
   silent one, the request type's central criterion (the response to the same care, for a
   repeat or a continuation) first, evidence about the care itself before evidence about the
   condition only, required before supporting. Its reason says why it decides and quotes the
   evidence it rests on.
2. A service outside the modelled families has no family its facts share: a fact is about the
   same care when it names it ("the massage gave only temporary relief" is about massage, not
   about chiropractic), and care already given is judged on its response even where that
   response was recorded after it (an examiner's later finding).
3. A consultation's question is documented when a physician's recommendation names that very
   consultation (a psychological evaluation recommended before surgery), though no referral is
   tagged.

The cases are synthetic: example cases with invented facts added.
"""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from drafting.criteria.service_words import naming_words
from tests.test_criteria import mutated, result_of

CONDITION = {"category": "history", "date": "2023-03-02",
             "statement": "Low back pain has continued since the fall from a loading dock."}


def _item(service: str, facts: list[dict], request_type: str | None = None,
          procedure: str = "other", status: str = "requested",
          date_of_service: str = "2023-10-01") -> Case:
    def change(data: dict) -> None:
        ids = []
        for i, extra in enumerate(facts):
            ids.append(f"F9{i}")
            data["facts"].append({"id": ids[-1], "source": {"document": "D8", "page": 1},
                                  "date": "2023-09-14", **extra})
        item = {"id": "I9", "service": service, "procedure": procedure,
                "date_of_service": date_of_service, "status": status, "facts": ids}
        if request_type:
            item["request_type"] = request_type
        data["disputed_items"].append(item)
    return mutated("pi-mvc-multi-item", change)


def _criterion(result, criterion_id):
    return next(r for r in result.criteria if r.criterion_id == criterion_id)


# --- 1. the decisive criterion ------------------------------------------------------------------

def test_a_continuation_the_record_shows_failing_turns_on_its_response_and_quotes_it():
    result = result_of(_item("Cupping therapy sessions", [
        CONDITION,
        {"category": "other", "statement": "Her physician prescribed cupping therapy weekly."},
        {"category": "response", "statement": "The cupping gave only temporary relief for a "
                                              "day or two; her sitting tolerance is unchanged."}],
        request_type="continuation"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.decisive == "general.prior_response" == result.deciding[0]
    decisive = _criterion(result, "general.prior_response")
    assert "Decisive against the item: the record contradicts it, which a continuation " \
           "request turns on" in decisive.reason
    assert "only temporary relief" in decisive.reason  # the evidence, quoted


def test_an_approval_turns_on_the_evidence_about_the_care_not_the_condition_alone():
    result = result_of(_item("Paraffin wax bath", [
        CONDITION,
        {"category": "other", "statement": "Her treating physician recommended a paraffin "
                                           "wax bath for the morning hand stiffness."}]),
        "I9")
    assert result.outcome is Outcome.necessary
    assert result.decisive == "general.treating_physician_reason"
    assert "Decisive for the item: it is met" in _criterion(result, result.decisive).reason
    assert "recommended a paraffin wax bath" in _criterion(result,
                                                                 result.decisive).reason


def test_a_contradicted_criterion_decides_before_a_silent_one():
    # no treating physician's reason is recorded (silent) and the care is recorded failing
    # (contradicted): the failure decides
    result = result_of(_item("Cupping therapy sessions", [
        CONDITION,
        {"category": "response", "statement": "Cupping therapy brought no relief at all."}],
        request_type="continuation"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert set(result.deciding) == {"general.prior_response", "general.treating_physician_reason"}
    assert result.decisive == "general.prior_response"
    assert _criterion(result, "general.treating_physician_reason").status is Status.undocumented


# --- 2. the same care, named; its response recorded after it -------------------------------------

def test_a_service_name_gives_the_words_of_its_care_not_its_purpose_or_site():
    assert naming_words("Botulinum toxin (botox) injections for thoracic outlet syndrome") == (
        "botulinum", "toxin", "botox")
    assert naming_words("Further physiotherapy, right shoulder") == ("physiotherapy",)
    assert naming_words("Therapeutic massage therapy") == ("massage",)


def test_a_poor_response_to_other_care_does_not_decide_against_this_care():
    facts = [CONDITION,
             {"category": "other", "statement": "Her physician prescribed massage therapy."},
             {"category": "response", "statement": "The chiropractic adjustments gave only "
                                                   "temporary relief."}]
    result = result_of(_item("Massage therapy", facts, request_type="continuation"), "I9")
    assert result.outcome is Outcome.necessary
    # judged on the massage set since the families round: its response criterion reads only
    # what the record says of massage
    assert _criterion(result, "massage.no_lasting_benefit_or_maintenance").status is Status.met


def test_a_poor_response_to_this_care_recorded_after_it_was_given_decides_against_it():
    facts = [CONDITION,
             {"category": "other", "statement": "Her physician prescribed massage therapy."},
             {"category": "response", "date": "2024-02-20",
              "statement": "An independent examiner found the massage therapy gave only "
                           "temporary relief."}]
    result = result_of(_item("Massage therapy", facts, request_type="continuation",
                             status="rendered"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert result.decisive == "massage.no_lasting_benefit_or_maintenance"


# --- 3. a consultation recommended by name ------------------------------------------------------

def test_a_consultation_a_physician_recommends_by_name_has_its_question_documented():
    facts = [CONDITION,
             {"category": "conservative_care", "statement": "Therapy and medication gave no "
                                                            "lasting relief.",
              "tags": ["conservative_care_failed"]},
             {"category": "other", "statement": "The spine surgeon recommended a psychological "
                                                "evaluation before any lumbar surgery."}]
    result = result_of(_item("Pre-surgical psychological evaluation", facts,
                             procedure="consultation"), "I9")
    assert _criterion(result, "consult.question_documented").status is Status.met
    assert result.outcome is Outcome.necessary


def test_a_consultation_nobody_recommended_still_lacks_its_question():
    facts = [CONDITION,
             {"category": "conservative_care", "statement": "Therapy and medication gave no "
                                                            "lasting relief.",
              "tags": ["conservative_care_failed"]},
             {"category": "other", "statement": "The spine surgeon recommended an MRI of the "
                                                "lumbar spine."}]
    result = result_of(_item("Pre-surgical psychological evaluation", facts,
                             procedure="consultation"), "I9")
    assert _criterion(result, "consult.question_documented").status is not Status.met


def test_a_surgery_named_only_by_site_and_kind_is_named_by_those_words():
    assert naming_words("Lumbar spine surgery recommended by the treating surgeon") == (
        "lumbar", "spine", "surgery")


# --- 4. a poor response in other words -----------------------------------------------------------

def _response(statement: str) -> bool | None:
    import datetime as dt

    from drafting.case import Fact
    from drafting.criteria import prose
    fact = Fact(id="F1", category="response", date=dt.date(2022, 5, 2), statement=statement,
                source={"document": "D1", "page": 1})
    return prose.in_words("response", fact)


def test_a_gain_denied_an_unchanged_state_or_a_plateau_reads_as_a_poor_response():
    for statement in ("The sessions gave no lasting improvement.",
                      "Therapy brought no significant improvement in her symptoms.",
                      "After eight weeks of care his pain and function remained unchanged.",
                      "Her complaints and assessment were essentially the same.",
                      "Progress in therapy has plateaued."):
        assert _response(statement) is False, statement


def test_a_gain_stated_or_an_unchanged_test_is_not_a_poor_response():
    assert _response("Significant improvement followed the second session.") is True
    assert _response("The repeat radiograph was unchanged.") is None


def test_a_request_that_leaves_out_a_detail_decides_after_the_response_a_repeat_turns_on():
    from drafting.case.vocab import RequestType
    from drafting.criteria.decisive import central
    from drafting.criteria.loader import load_criteria
    spec = next(s for s in load_criteria() if s.id == "rfa-repeat")
    # the relief of the earlier ablation, by percentage and duration, is what a repeat turns on
    assert "rfa_repeat.prior_relief" in central(spec, RequestType.repeat)
    assert "rfa_repeat.levels_specified" not in central(spec, RequestType.repeat)


def test_the_summary_names_the_decisive_criterion_before_the_standard_it_was_judged_on():
    result = result_of(_item("Cupping therapy sessions", [
        CONDITION,
        {"category": "other", "statement": "Her physician prescribed cupping therapy weekly."},
        {"category": "response", "statement": "The cupping gave no lasting improvement."}],
        request_type="continuation"), "I9")
    assert "It turns on general.prior_response, not met: the same care" in result.summary
    assert result.summary.endswith(result.judged_on)


def test_a_study_or_injection_named_by_its_acronym_is_named_by_it():
    assert naming_words("MRI of the cervical spine") == ("mri",)
    assert naming_words("Repeat EMG/NCS of both legs") == ("emg", "ncs")
    assert naming_words("PRP injections, lumbar") == ("prp",)


def test_a_request_missing_a_detail_is_said_to_fail_by_the_request_not_the_record():
    from drafting.case.vocab import RequestType
    from drafting.criteria.decisive import why
    from drafting.criteria.results import CriterionResult, ItemResult
    failed = CriterionResult(criterion_id="x.levels_specified", statement="The request names "
                             "the levels", required=True, status=Status.not_met, reason="Not met.")
    result = ItemResult(item_id="I1", service="Facet injections", criteria_set="x",
                        criteria_title="x", outcome=Outcome.not_necessary, confidence="high",
                        deciding=["x.levels_specified"], summary="", criteria=[failed],
                        request_type=RequestType.initial)
    case = mutated("pi-mvc-multi-item", lambda data: None)
    assert why(failed, result, case, key=False) == (
        "Decisive against the item: the request itself does not meet it.")


def test_a_silent_decisive_criterion_quotes_what_the_record_does_say_of_it():
    # a repeat ablation whose earlier relief is told, without a measure, by a note summarising
    # a procedure report the packet lacks
    def change(data: dict) -> None:
        data["documents"].append({"id": "D99", "type": "procedure_report", "date": "2023-03-01",
                                  "title": "Earlier ablation report", "author": "pain physician",
                                  "pages": 2, "included": False})
        data["facts"].append({"id": "F98", "source": {"document": "D8", "page": 1},
                              "date": "2023-09-14", "category": "response", "procedure": "rfa",
                              "references": ["D99"],
                              "statement": "He said the earlier ablation helped for a while."})
        data["disputed_items"].append({
            "id": "I9", "service": "Repeat lumbar radiofrequency ablation", "procedure": "rfa",
            "date_of_service": "2023-10-01", "status": "requested", "request_type": "repeat",
            "facts": ["F98"]})
    result = result_of(mutated("pi-mvc-multi-item", change), "I9")
    assert result.decisive == "rfa_repeat.prior_relief"
    decisive = _criterion(result, result.decisive)
    assert decisive.status is Status.undocumented
    assert "what the record says of it, without establishing it: F98 (2023-09-14): 'He said " \
           "the earlier ablation helped for a while'" in decisive.reason


def test_the_quote_puts_the_record_before_the_review_ahead_of_a_later_finding():
    # the review is dated 2025-03-12; a finding after it is quoted last
    result = result_of(_item("Paraffin wax bath", [
        CONDITION,
        {"category": "other", "statement": "Her treating physician recommended a paraffin "
                                           "wax bath for the morning hand stiffness."},
        {"category": "other", "date": "2025-06-02",
         "statement": "At the hearing the judge found the paraffin bath her physician recommended "
                      "reasonable."}]), "I9")
    reason = _criterion(result, result.decisive).reason
    assert result.decisive == "general.treating_physician_reason"
    assert reason.index("F91 (2023-09-14)") < reason.index("F92 (2025-06-02)")


def test_a_silent_relief_criterion_quotes_the_response_before_facts_giving_context_only():
    # #18 class 7: the earlier ablation's relief is told without a measure ("some relief"),
    # beside newer notes naming the ablation that say nothing of its response; the decisive
    # relief criterion quotes the response, the kind of fact it asks about, first
    from drafting.case.vocab import RequestType
    from drafting.criteria.decisive import mark
    from drafting.criteria.loader import load_criteria
    from drafting.criteria.results import CriterionResult, ItemResult

    def change(data: dict) -> None:
        extra = [("F96", "history", "2023-09-18", "His pain physician has treated the low "
                  "back with lumbar radiofrequency ablation since the spring."),
                 ("F97", "history", "2023-09-20", "A repeat lumbar radiofrequency ablation "
                  "was requested at the same levels."),
                 ("F98", "response", "2023-06-14", "He got some relief; how much and for how "
                  "long is not stated.")]
        for fid, category, day, statement in extra:
            data["facts"].append({"id": fid, "source": {"document": "D8", "page": 1},
                                  "date": day, "category": category, "procedure": "rfa",
                                  "statement": statement})
        data["disputed_items"].append({
            "id": "I9", "service": "Repeat lumbar radiofrequency ablation", "procedure": "rfa",
            "date_of_service": "2023-10-01", "status": "requested", "request_type": "repeat",
            "facts": ["F96", "F97", "F98"]})
    case = mutated("pi-mvc-multi-item", change)
    spec = next(s for s in load_criteria() if s.id == "rfa-repeat")
    silent = CriterionResult(criterion_id="rfa_repeat.prior_relief", statement="The prior "
                             "ablation relieved the pain", required=True,
                             status=Status.undocumented, reason="Not documented.",
                             supporting_facts=["F96", "F97", "F98"])
    result = ItemResult(item_id="I9", service="Repeat lumbar radiofrequency ablation",
                        criteria_set=spec.id, criteria_title=spec.title,
                        outcome=Outcome.not_necessary, confidence="low",
                        deciding=[silent.criterion_id], summary="", criteria=[silent],
                        request_type=RequestType.repeat)
    mark(result, spec, case)
    said = silent.reason.split("what the record says of it, without establishing it: ")[1]
    assert said.startswith("F98 (2023-06-14): 'He got some relief")
