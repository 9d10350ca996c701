"""What the record says against an item leads its reasons (#25 class 2, round 17: items
decided on silence while the record contradicted the criterion the reviewer applied).

1. Where the required criteria stand against an item only by silence, a supporting criterion
   the record contradicts is a reason against it too, and the first one (decisive.py, rule 1:
   what the record says beats what it leaves out): a daily opioid dose above the guideline's
   threshold, imaging that shows a disc herniation and no facet arthropathy at the levels of
   a facet block. It never changes the outcome: an item its required criteria support stays
   necessary, and one decided on silence stays decided on it.
2. A supporting criterion is contradicted only by a record that speaks to it: a history that
   does not mention a flare is silence on the flare, not evidence against it.

The cases are synthetic and small, written here.
"""

from __future__ import annotations

import copy

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.evaluate import evaluate_case
from drafting.criteria.results import ItemResult, Status

SOURCE = {"document": "D1", "page": 1}
TEXAS = "Texas (utilization review, independent review organization; DWC contested case hearing)"
NEW_YORK = "New York (State external appeal)"

MORPHINE: dict = {
    "id": "synthetic-morphine-continuation", "title": "Morphine after a back injury",
    "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
    "setting": "other_workers_comp", "jurisdiction": TEXAS,
    "question": "Is the morphine medically necessary?",
    "dates": {"request": "2018-01-10"},
    "patient": {"age": 50, "sex": "female"},
    "diagnoses": [{"code": "M54.50", "text": "Low back pain, unspecified"}],
    "documents": [{"id": "D1", "type": "review_decision", "date": "2018-03-01",
                   "title": "Decision", "author": "Hearing officer", "pages": 3}],
    "facts": [
        {"id": "F1", "category": "history", "date": "2015-04-01", "source": SOURCE,
         "statement": "She hurt her low back lifting boxes at work."},
    ],
    "disputed_items": [{"id": "I1", "service": "Morphine, continued", "procedure": "opioids",
                        "date_of_service": "2018-01-10", "status": "requested",
                        "request_type": "continuation", "facts": ["F1"]}],
}


def _morphine(per_dose_mg: int, jurisdiction: str = TEXAS, setting: str = "other_workers_comp",
              ) -> ItemResult:
    data = copy.deepcopy(MORPHINE)
    data["jurisdiction"], data["setting"] = jurisdiction, setting
    daily = per_dose_mg * 3
    data["facts"].append({
        "id": "F2", "category": "medication", "date": "2018-01-10", "source": SOURCE,
        "tags": ["opioid"], "mme": daily,
        "dose": {"drug": "morphine", "amount": per_dose_mg, "unit": "mg",
                 "frequency": "three times daily"},
        "statement": f"Morphine {per_dose_mg} mg three times a day ({daily} mg a day) is "
                     "prescribed."})
    data["disputed_items"][0]["facts"].append("F2")
    return evaluate_case(Case.model_validate(data))[0]


def _criterion(result: ItemResult, criterion_id: str):
    return next(c for c in result.criteria if c.criterion_id == criterion_id)


def test_a_dose_above_the_threshold_leads_the_reasons_against_a_continuation_left_undocumented():
    result = _morphine(60)
    dose = _criterion(result, "opioids.dose_below_high_threshold")
    assert not dose.required and dose.status is Status.not_met
    assert "F2" in dose.contradicting_facts
    assert _criterion(result, "opioids.functional_benefit").status is Status.undocumented
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "opioids.dose_below_high_threshold"
    assert result.decisive == "opioids.dose_below_high_threshold"
    assert "opioids.functional_benefit" in result.deciding  # the silence still stands
    assert "contradicts 1 supporting criterion" in result.summary


def test_a_dose_below_the_threshold_leaves_the_decision_on_the_silence():
    result = _morphine(10)
    assert _criterion(result, "opioids.dose_below_high_threshold").status is Status.met
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "opioids.functional_benefit"
    assert "opioids.dose_below_high_threshold" not in result.deciding


def test_the_same_dose_never_turns_an_item_its_required_criteria_support():
    # commercial plans continue a regimen whose benefit is not contradicted (CDC 2022 rec. 5)
    result = _morphine(60, jurisdiction=NEW_YORK, setting="commercial")
    assert _criterion(result, "opioids.dose_below_high_threshold").status is Status.not_met
    assert result.outcome is Outcome.necessary
    assert "opioids.dose_below_high_threshold" not in result.deciding


FACET_BLOCK: dict = {
    "id": "synthetic-cervical-facet-block", "title": "Cervical facet blocks after a disc injury",
    "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
    "setting": "commercial", "jurisdiction": NEW_YORK,
    "question": "Are the diagnostic cervical facet blocks medically necessary?",
    "dates": {"request": "2021-10-11"},
    "patient": {"age": 45, "sex": "female"},
    "diagnoses": [{"code": "M50.20", "text": "Other cervical disc displacement"}],
    "documents": [{"id": "D1", "type": "review_decision", "date": "2021-12-01",
                   "title": "External appeal decision", "author": "External reviewer",
                   "pages": 3}],
    "facts": [
        {"id": "F1", "category": "history", "date": "2021-10-01", "source": SOURCE,
         "tags": ["axial_pain"],
         "statement": "Axial neck pain for about seven months."},
    ],
    "disputed_items": [{"id": "I1", "service": "Diagnostic cervical medial branch blocks",
                        "procedure": "mbb", "date_of_service": "2021-10-11",
                        "status": "requested", "request_type": "initial",
                        "details": {"levels": ["C5-C6", "C6-C7"]}, "facts": ["F1"]}],
}

DISC_NOT_FACET = {
    "id": "F2", "category": "imaging", "date": "2021-09-01", "source": SOURCE,
    "levels": ["C5-C6", "C6-C7"], "tags": ["disc_herniation", "foraminal_stenosis"],
    "statement": "MRI: disc herniations at C5-C6 and C6-C7 with foraminal stenosis; no facet "
                 "arthropathy described."}


def _facet_block(imaging: dict | None) -> ItemResult:
    data = copy.deepcopy(FACET_BLOCK)
    if imaging is not None:
        data["facts"].append(imaging)
        data["disputed_items"][0]["facts"].append(imaging["id"])
    return evaluate_case(Case.model_validate(data))[0]


def test_imaging_of_a_disc_and_no_facet_arthropathy_leads_the_reasons_against_a_facet_block():
    result = _facet_block(DISC_NOT_FACET)
    pattern = _criterion(result, "mbb.facet_pattern")
    assert pattern.status is Status.not_met and "F2" in pattern.contradicting_facts
    assert result.outcome is Outcome.not_necessary
    assert result.deciding[0] == "mbb.facet_pattern"
    assert "F2" in pattern.reason  # the reason quotes the imaging it rests on


def test_without_imaging_the_facet_pattern_is_silence_and_does_not_decide():
    result = _facet_block(None)
    assert _criterion(result, "mbb.facet_pattern").status is Status.undocumented
    assert "mbb.facet_pattern" not in result.deciding


def test_a_history_that_does_not_mention_a_flare_is_silence_on_it():
    data = {
        "id": "synthetic-muscle-relaxant", "title": "Cyclobenzaprine for low back pain",
        "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
        "setting": "ca_workers_comp", "jurisdiction": "California (IMR)",
        "question": "Is cyclobenzaprine medically necessary?",
        "dates": {"request": "2019-05-01"}, "patient": {"age": 39, "sex": "male"},
        "diagnoses": [{"code": "M54.50", "text": "Low back pain, unspecified"}],
        "documents": [{"id": "D1", "type": "review_decision", "date": "2019-06-01",
                       "title": "IMR decision", "author": "IMR reviewer", "pages": 2}],
        "facts": [{"id": "F1", "category": "history", "date": "2018-02-01", "source": SOURCE,
                   "statement": "He hurt his low back lifting a pallet at work."}],
        "disputed_items": [{"id": "I1", "service": "Cyclobenzaprine 7.5 mg", "procedure": "other",
                            "date_of_service": "2019-05-01", "status": "requested",
                            "request_type": "initial", "facts": ["F1"]}],
    }
    result = evaluate_case(Case.model_validate(data))[0]
    assert result.criteria_set == "other-muscle-relaxant"
    flare = _criterion(result, "relaxant.acute_flare")
    assert flare.status is Status.undocumented
    assert "relaxant.acute_flare" not in result.deciding


def _referral(history: str) -> ItemResult:
    data = {
        "id": "synthetic-pain-referral", "title": "Referral to pain management",
        "synthetic": True, "document_type": "review_determination", "perspective": "neutral",
        "setting": "other_workers_comp", "jurisdiction": "Alabama (workers' compensation)",
        "question": "Is the pain management referral reasonably necessary?",
        "dates": {"request": "2019-03-01"}, "patient": {"age": 48, "sex": "male"},
        "diagnoses": [{"code": "M54.50", "text": "Low back pain, unspecified"}],
        "documents": [{"id": "D1", "type": "review_decision", "date": "2019-06-01",
                       "title": "Court decision", "author": "Court", "pages": 2}],
        "facts": [{"id": "F1", "category": "history", "date": "2019-03-01", "source": SOURCE,
                   "statement": history}],
        "disputed_items": [{"id": "I1", "service": "Referral to pain management",
                            "procedure": "consultation", "date_of_service": "2019-03-01",
                            "status": "requested", "request_type": "initial", "facts": ["F1"]}],
    }
    return evaluate_case(Case.model_validate(data))[0]


def test_an_account_of_the_injury_alone_is_silence_on_persisting_pain_not_evidence_against_it():
    result = _referral("He hurt his low back pulling a cabinet at work.")
    persisting = _criterion(result, "consult.persisting_pain")
    assert persisting.status is Status.undocumented
    assert "F1" not in persisting.contradicting_facts


def test_a_history_of_chronic_pain_documents_pain_persisting_past_healing():
    result = _referral("He has had chronic low back pain since the injury.")
    assert _criterion(result, "consult.persisting_pain").status is Status.met
