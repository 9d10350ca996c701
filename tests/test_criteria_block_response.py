"""#25 class 3 (a stated poor response is "not met", not "undocumented"): the response to a
diagnostic medial branch block is often written on the block's own procedure record ("the block
helped, but only for a short while"). It answers the ablation's dual-block criterion there as in
a response note, and one block recorded in both places is still one block. New synthetic
statements on a bundled example."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import mutated, result_of
from tests.test_criteria_real_records import criterion

SOURCE = {"document": "D1", "page": 1}


def _rfa(blocks: list[tuple[str, str]], keep_responses: bool = False) -> Case:
    """The Medicare facet example with its block procedure records replaced by ``blocks``
    (date, statement) and, unless kept, its separate response notes removed."""
    def change(data: dict) -> None:
        data["facts"] = [f for f in data["facts"] if f.get("procedure") != "mbb"
                         or (keep_responses and f["category"] == "response")]
        data["facts"] += [{"id": f"F{90 + i}", "category": "procedure", "date": day,
                           "procedure": "mbb", "statement": said, "levels": ["L4-L5", "L5-S1"],
                           "laterality": "bilateral", "source": SOURCE}
                          for i, (day, said) in enumerate(blocks)]
        kept = {f["id"] for f in data["facts"]}
        for entry in data["disputed_items"]:
            entry["facts"] = [i for i in entry["facts"] if i in kept]
            if entry.get("prior_decision"):
                entry["prior_decision"]["facts"] = [
                    i for i in entry["prior_decision"].get("facts", []) if i in kept]
    return mutated("medicare-lumbar-facet-rfa", change)


def test_a_block_whose_record_says_it_helped_only_briefly_fails_the_dual_block_criterion():
    result = result_of(_rfa([("2024-05-14", "Bilateral L4-L5 and L5-S1 medial branch block; "
                              "the patient said it helped, but only for a short while.")]), "I2")
    dual = criterion(result, "rfa.dual_blocks")
    assert dual.status is Status.not_met and dual.contradicting_facts == ["F90"]
    assert result.outcome is Outcome.not_necessary and "rfa.dual_blocks" in result.deciding


def test_two_block_records_each_stating_a_qualifying_relief_meet_it():
    result = result_of(_rfa([
        ("2024-05-14", "Bilateral L4-L5 and L5-S1 medial branch block: 85% relief of the index "
         "pain for six hours."),
        ("2024-06-04", "Confirmatory bilateral medial branch block: 80% relief for the "
         "anaesthetic's duration.")]), "I2")
    assert criterion(result, "rfa.dual_blocks").status is Status.met


def test_one_block_recorded_on_its_procedure_record_and_in_a_response_note_is_not_two():
    one = _rfa([("2024-05-14", "Bilateral L4-L5 and L5-S1 medial branch block: 85% relief of "
                 "the index pain.")], keep_responses=True)
    one = one.model_copy(update={"facts": [f for f in one.facts if f.date.isoformat()
                                           != "2024-06-04"]})
    assert criterion(result_of(one, "I2"), "rfa.dual_blocks").status is not Status.met
