"""Who decided and what the record gives are not what was denied (#19 paraphrase round 16): in
"denied by the carrier" or "denied on utilization review" the carrier and the review are who
and where, and "the carrier said no to Tramadol" refuses the drug without saying it was not
there; "no Tramadol dose", "we don't have a Robaxin dose" and "no quantity stated" say the
record leaves a detail out, not that the drug is absent. The real reversals beside them are
still flagged."""

from __future__ import annotations

import pytest

from evals.checks.polarity import reversals


def flagged(sentence: str, *facts: str) -> bool:
    return bool(reversals(sentence, [(f"F{i}", f) for i, f in enumerate(facts, start=1)]))


@pytest.mark.parametrize(("sentence", "fact"), [
    # the agent or the venue of a denial
    ("The patches went the same way as the pills: denied by the carrier, upheld by the IRO.",
     "The carrier denied all five prescriptions, and an IRO upheld the carrier's denial."),
    ("Utilization review said no, the reconsideration said no, and the IRO upheld both.",
     "The request was denied on utilization review on April 10, 2018 and denied on "
     "reconsideration."),
    ("The blocks were denied at reconsideration in May.",
     "The reconsideration upheld the denial of the blocks in May."),
    # a refusal is not an absence
    ("Both the claims administrator and the Board said no to Tramadol.",
     "The treating physician requested Tramadol for her back pain."),
    # a detail the record leaves out
    ("The court's opinion gives no Tramadol dose or quantity.",
     "The treating physician prescribed Tramadol."),
    ("We also don't have a Robaxin dose, so the cost cannot be estimated.",
     "The treating physician prescribed the muscle relaxant Robaxin."),
    ("A relaxant with no quantity stated looked like open-ended maintenance.",
     "Parafon Forte was requested, quantity as prescribed."),
    ("My file doesn't have the dates of the earlier shots.",
     "Earlier injections gave relief; the dates were recorded by the clinic."),
])
def test_an_agent_a_refusal_or_a_missing_detail_is_not_a_reversal(sentence, fact):
    assert not flagged(sentence, fact)


@pytest.mark.parametrize(("sentence", "fact"), [
    ("He denied numbness in the legs.", "He reports numbness in both legs."),
    ("She had no numbness in either leg.", "She reports numbness in both legs."),
    ("The physician did not prescribe Tramadol.", "The physician prescribed Tramadol."),
    ("The record shows no Tramadol.", "She takes Tramadol, two tablets daily."),
])
def test_the_patient_or_the_act_denied_is_still_a_reversal(sentence, fact):
    assert flagged(sentence, fact)
