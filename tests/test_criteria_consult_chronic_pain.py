"""Consultations for chronic pain, and a stimulator's psychological screening (#18 item 2, #25
item 2, round 14; classes a and b of benchmarks/results/criteria_miss_classes.md).

- Chronic pain is, by the guideline's definition, pain that has outlasted the expected healing
  period (three months). A referral for a coded chronic pain diagnosis (G89.2x, G89.4; ICD-9
  338.2x, 338.4), or with a history of chronic pain, documents persisting pain though no
  duration is stated; before, it was left undocumented and decided approved referrals against
  (Arkansas and Louisiana workers' comp).
- A psychological screening for a stimulator is pointless while a surgeon still recommends
  surgery: stimulation is for pain after other treatment, surgery included, has failed or is
  unsuitable (MTUS failed back criteria: a patient who is not a candidate for more surgery; NCD
  160.7). Silence on surgery is no finding against the screening.
- Chlorzoxazone (Parafon Forte) is a muscle relaxant and is judged by the muscle relaxant set.

The cases are synthetic: a bundled California workers' comp case with items and facts added.
"""

from __future__ import annotations

from drafting.case.vocab import Outcome
from drafting.criteria.results import ItemResult, Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

DAY = "2016-09-15"
REFERRAL = {"category": "other", "tags": ["referral"], "statement": "The treating physician "
            "referred the patient to pain management for an opinion on treatment options."}


def _item(service: str, facts: list[dict], diagnoses: list[dict] | None = None,
          details: dict | None = None) -> ItemResult:
    def change(data: dict) -> None:
        if diagnoses is not None:
            data["diagnoses"] = diagnoses
        # only the facts given here: the base case's own history must not answer for them
        doc = data["documents"][0]["id"]
        data["facts"] = [{"id": f"F9{i}", "source": {"document": doc, "page": 1},
                          "date": "2016-08-03", **extra} for i, extra in enumerate(facts)]
        ids = [f["id"] for f in data["facts"]]
        data["disputed_items"] = []
        data["disputed_items"].append({
            "id": "I9", "service": service, "procedure": "consultation" if details is None
            else "other", "date_of_service": DAY, "status": "requested",
            "request_type": "initial", "facts": ids, "details": details or {}})
    return result_of(mutated("wc-lumbar-esi-defense", change), "I9")


# Persisting pain: chronic pain is persisting pain by definition.

def test_a_coded_chronic_pain_syndrome_documents_persisting_pain():
    result = _item("Pain management consultation", [REFERRAL],
                   diagnoses=[{"code": "G89.4", "text": "Chronic pain syndrome"}])
    assert result.criteria_set == "consultation"
    assert result.outcome is Outcome.necessary
    persisting = criterion(result, "consult.persisting_pain")
    assert persisting.status is Status.met
    assert any("G89.4" in n for n in persisting.notes)


def test_an_icd9_chronic_pain_code_counts_too():
    result = _item("Pain clinic management", [REFERRAL],
                   diagnoses=[{"code": "338.29", "text": "Other chronic pain"}])
    assert result.outcome is Outcome.necessary
    assert criterion(result, "consult.persisting_pain").status is Status.met


def test_a_history_of_chronic_low_back_pain_documents_it_without_a_duration():
    history = {"category": "history", "statement": "He has had chronic low back pain since the "
               "work injury."}
    result = _item("Pain management consultation", [history, REFERRAL],
                   diagnoses=[{"code": "M54.5", "text": "Low back pain"}])
    assert result.outcome is Outcome.necessary
    assert criterion(result, "consult.persisting_pain").status is Status.met


def test_acute_pain_without_a_chronic_diagnosis_or_history_still_decides_against():
    history = {"category": "history", "statement": "Low back pain began two weeks ago after "
               "lifting; he denies chronic pain."}
    result = _item("Pain management consultation", [history, REFERRAL],
                   diagnoses=[{"code": "M54.5", "text": "Low back pain"}])
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["consult.persisting_pain"]


# A stimulator's psychological screening while surgery is still recommended.

STIMULATOR = {"category": "other", "statement": "The pain physician recommends a psychological "
              "evaluation to see whether he qualifies for a spinal cord stimulator trial."}
FUSION = {"category": "history", "statement": "The spine surgeon recommended fusion surgery at "
          "L4-5 and L5-S1."}
CHRONIC = [{"code": "G89.4", "text": "Chronic pain syndrome"}]


def test_a_stimulator_screening_while_fusion_is_recommended_is_not_necessary():
    result = _item("Psychological evaluation for a spinal cord stimulator trial",
                   [STIMULATOR, FUSION], diagnoses=CHRONIC)
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["consult.stimulator_candidacy"]
    assert criterion(result, "consult.stimulator_candidacy").status is Status.not_met


def test_the_same_screening_with_no_surgery_pending_is_necessary():
    result = _item("Psychological evaluation for a spinal cord stimulator trial",
                   [STIMULATOR], diagnoses=CHRONIC)
    assert result.outcome is Outcome.necessary
    assert criterion(result, "consult.stimulator_candidacy").status is Status.met


def test_a_record_that_rules_surgery_out_answers_the_rule_though_surgery_was_once_proposed():
    ruled_out = {"category": "history", "statement": "The second spine surgeon found he is not a "
                 "surgical candidate and has not recommended surgery."}
    result = _item("Psychological evaluation for a spinal cord stimulator trial",
                   [STIMULATOR, FUSION, ruled_out], diagnoses=CHRONIC)
    assert result.outcome is Outcome.necessary
    assert criterion(result, "consult.stimulator_candidacy").status is Status.met


def test_a_presurgical_psychological_evaluation_is_not_judged_by_the_stimulator_rule():
    presurgical = {"category": "other", "statement": "The surgeon recommends a psychological "
                   "evaluation before the fusion."}
    result = _item("Psychological evaluation", [presurgical, FUSION], diagnoses=CHRONIC)
    assert result.outcome is Outcome.necessary
    assert criterion(result, "consult.stimulator_candidacy").status is Status.met


# Chlorzoxazone is a muscle relaxant.

def test_parafon_forte_is_judged_as_a_muscle_relaxant():
    result = _item("Parafon Forte 500 mg", [REFERRAL], details={
        "quantity": 90,
        "dose": {"drug": "chlorzoxazone", "amount": 500, "unit": "mg", "frequency": "as directed"}})
    assert result.criteria_set == "other-muscle-relaxant"
    assert result.outcome is Outcome.not_necessary
    assert result.deciding == ["relaxant.short_course"]
