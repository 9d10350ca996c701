"""Functional restoration (multidisciplinary chronic pain) programs have their own criteria
(#25, round 12: a family with no set, left undecided in California).

MTUS Chronic Pain 2009 (chronic pain programs): admission needs a thorough evaluation with
baseline functional testing, failed earlier treatment and a significant loss of independent
function; a program stays within about 20 full-day sessions; aftercare extends a completed
program whose gains are documented. The excerpts govern California from 2009-07-18 to
2017-11-30; a later request stays undecided there (the later MTUS text is not in the index).

The cases are synthetic and small, written here.
"""

from __future__ import annotations

import copy

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult

SOURCE = {"document": "D1", "page": 1}
BASELINE = {"id": "F2", "category": "functional", "date": "2014-02-10", "source": SOURCE,
            "tags": ["adl_limitation"],
            "statement": "Baseline functional testing before admission: she sits 20 minutes, "
                         "lifts 5 kg and needs help dressing."}
FAILED = {"id": "F3", "category": "conservative_care", "date": "2014-01-15", "source": SOURCE,
          "tags": ["conservative_care_failed"],
          "statement": "Physical therapy, medications and injections over two years gave no "
                       "lasting relief."}
GAINS = {"id": "F4", "category": "response", "date": "2014-04-01", "source": SOURCE,
         "tags": ["functional_improvement"],
         "statement": "She completed the functional restoration program: sitting rose to 60 "
                      "minutes and she dresses without help."}


def _result(service: str, facts: list[dict], quantity: int | None = None,
            day: str = "2014-03-01") -> ItemResult:
    data: dict = {
        "id": "synthetic-frp", "title": "Functional restoration program", "synthetic": True,
        "document_type": "review_determination", "perspective": "neutral",
        "setting": "ca_workers_comp",
        "jurisdiction": "California (workers' compensation; independent medical review)",
        "question": "Is the program medically necessary?", "dates": {"request": day},
        "patient": {"age": 50, "sex": "female"},
        "diagnoses": [{"code": "G89.4", "text": "Chronic pain syndrome"}],
        "documents": [{"id": "D1", "type": "review_decision", "date": day,
                       "title": "IMR determination", "author": "IMR reviewer", "pages": 3}],
        "facts": [{"id": "F1", "category": "history", "date": "2011-05-02", "source": SOURCE,
                   "statement": "Low back injury lifting a crate at work in 2011."},
                  *copy.deepcopy(facts)],
        "disputed_items": [{"id": "I1", "service": service, "procedure": "other",
                            "date_of_service": day, "status": "requested",
                            "request_type": "initial",
                            "facts": ["F1", *[f["id"] for f in facts]]}],
    }
    if quantity:
        data["disputed_items"][0]["details"] = {"quantity": quantity}
    return evaluate_case(Case.model_validate(data))[0]


PROGRAM = "Functional restoration program"


def test_a_program_meeting_the_admission_criteria_within_twenty_sessions_is_necessary():
    result = _result(PROGRAM, [BASELINE, FAILED], quantity=20)
    assert result.criteria_set == "other-functional-restoration-program"
    assert result.outcome is Outcome.necessary
    assert {"frp.baseline_evaluation", "frp.functional_loss"} <= set(result.deciding)


def test_a_program_beyond_twenty_sessions_is_not_necessary_on_its_length():
    result = _result(PROGRAM, [BASELINE, FAILED], quantity=28)
    assert result.outcome is Outcome.not_necessary
    assert result.decisive == "frp.within_sessions"


def test_a_program_without_baseline_testing_or_failed_treatment_is_not_established():
    result = _result(PROGRAM, [], quantity=20)
    assert result.outcome is Outcome.not_necessary
    assert {"frp.baseline_evaluation", "frp.earlier_treatment_failed"} <= set(result.deciding)


def test_aftercare_rests_on_the_gains_of_a_completed_program():
    aftercare = "Aftercare program after functional restoration, 6 months"
    without = _result(aftercare, [BASELINE, FAILED], day="2014-05-01")
    assert without.outcome is Outcome.not_necessary
    assert without.deciding == ["frp.aftercare_follows_gains"]
    with_gains = _result(aftercare, [BASELINE, FAILED, GAINS], day="2014-05-01")
    assert with_gains.outcome is Outcome.necessary
    assert with_gains.deciding == ["frp.aftercare_follows_gains"]


def test_after_the_2009_mtus_text_a_california_request_stays_undecided():
    result = _result(PROGRAM, [BASELINE, FAILED], quantity=20, day="2019-03-01")
    assert result.criteria_set is None and result.outcome is None
