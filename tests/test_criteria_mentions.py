"""A finding the record names as absent is no evidence of it (#18, #25): a criterion that looks
for words in a statement ('numbness', 'radicular', 'red flag') does not find them where the
statement says they are missing ('denies numbness', 'no red flags', 'radicular symptoms are not
described'), while a phrase that carries its own negation ('not established as safe', 'only
temporary relief') and care mentioned with a poor result ('not improved with exercise') still
count. The cases are synthetic."""

from __future__ import annotations

from drafting.case import Fact
from drafting.case.vocab import Outcome
from drafting.criteria.mentions import mentions
from tests.test_criteria import result_of
from tests.test_criteria_families import INJURY, _item


def _fact(statement: str) -> Fact:
    return Fact.model_validate({"id": "F1", "category": "exam", "date": "2023-01-01",
                                "statement": statement,
                                "source": {"document": "D1", "page": 1}})


def test_a_word_named_as_absent_is_no_mention_of_it():
    for statement in ("He denies numbness or tingling.", "No red flags on examination.",
                      "Neurological findings, radicular symptoms and prior imaging are not "
                      "described in the note.", "Without weakness of either leg."):
        assert not mentions(_fact(statement), ["numbness", "red flags", "radicular",
                                               "weakness"]), statement


def test_a_word_present_or_a_phrase_with_its_own_negation_is_a_mention():
    assert mentions(_fact("Numbness in the left hand at night."), ["numbness"])
    assert mentions(_fact("The device is not established as safe."),
                    ["not established as safe"])
    assert mentions(_fact("Back pain not improved with exercise."), ["exercise"])
    assert mentions(_fact("No relief at rest; weakness of the left foot."), ["weakness"])


def test_an_emg_whose_record_says_limb_symptoms_are_not_described_has_no_nerve_question():
    ordered = {"category": "other", "statement": "The pain clinic recommended EMG and nerve "
               "conduction testing; radicular symptoms are not described."}
    result = result_of(_item("EMG/NCV of the lower extremities", [INJURY, ordered],
                             example="pi-mvc-multi-item", setting="commercial"), "I9")
    assert result.outcome is Outcome.not_necessary
    assert "emg.nerve_question" in result.deciding
    tingling = {"category": "exam", "statement": "Tingling runs down the left leg to the "
                "foot, with reduced sensation over the left L5 dermatome."}
    asked = result_of(_item("EMG/NCV of the lower extremities", [INJURY, tingling, ordered],
                            example="pi-mvc-multi-item", setting="commercial"), "I9")
    assert asked.outcome is Outcome.necessary
