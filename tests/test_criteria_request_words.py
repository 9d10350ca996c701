"""A request is evidence of what it asks for (#18, class 1: specificity and composition). A
compound whose request lists its ingredients ("compounded cream (gabapentin, baclofen, ...)")
contains them, whether or not a medication fact of the record repeats the list: a
non-recommended ingredient named by the request contradicts the criterion and decides the item,
as reviewers decide it. Before, with no medication fact naming the ingredients, the criterion was
'met' while the request itself named gabapentin and baclofen.

The cases are synthetic: the bundled compound-cream example with its medication fact's
ingredients removed and its request renamed."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import Outcome
from drafting.criteria.results import Status
from tests.test_criteria import fact, mutated, result_of, status


def _compound(service: str) -> Case:
    def change(data: dict) -> None:
        item = next(i for i in data["disputed_items"] if i["id"] == "I3")
        item["service"] = service
        item["details"] = {}
        cream = fact(data, "F18")
        cream["statement"] = "A compounded pain cream is requested for the right leg."
        cream.pop("dose", None)
        cream["tags"] = ["topical_compound"]
    return mutated("wc-consult-topical-imr", change)


def test_a_non_recommended_ingredient_the_request_names_decides_against_it():
    result = result_of(_compound("Compounded pain cream (gabapentin 6%, baclofen 2%, "
                                 "diclofenac 3%), 120 g"), "I3")
    assert status(result, "topical_compound.no_unsupported_ingredient") is Status.not_met
    assert result.outcome is Outcome.not_necessary
    assert "topical_compound.no_unsupported_ingredient" in result.deciding


def test_a_request_naming_only_recommended_ingredients_is_not_contradicted():
    result = result_of(_compound("Compounded pain cream (diclofenac 3%, menthol 1%), 120 g"),
                       "I3")
    assert status(result, "topical_compound.no_unsupported_ingredient") is Status.met
