"""A Texas workers' compensation refill dispute before ODG, built from the bundled opioid appeal
example: the synthetic case the Texas criteria tests vary (its facts, diagnosis and
jurisdiction). New synthetic case text; nothing from a benchmark set."""

from __future__ import annotations

from drafting.case import Case
from tests.test_criteria import mutated

DAY = "2002-04-08"


def refill_fact(source: dict) -> dict:
    """The refill the dispute is about: an anti-inflammatory filled again, no dose given."""
    return {"id": "F1", "category": "medication", "date": DAY, "tags": ["nsaid"],
            "statement": "The pharmacy filled the same anti-inflammatory prescription again in "
            "April; the dose is not given.", "source": source}


def refill_case(facts: list[dict], diagnosis: str, jurisdiction: str) -> Case:
    """The refill item (I1) citing ``facts``, heard after the carrier's denial."""

    def change(data: dict) -> None:
        data.update(setting="other_workers_comp", jurisdiction=jurisdiction, facts=facts,
                    diagnoses=[{"text": diagnosis}])
        data["dates"] = {"injury": "2000-02-14", "request": DAY, "denial": "2002-05-02",
                         "review": "2003-01-20"}
        data["documents"] = [{"id": "D1", "type": "review_decision", "date": "2003-01-20",
                              "title": "Hearing decision", "author": "hearing officer",
                              "pages": 6}]
        data["disputed_items"] = [{
            "id": "I1", "service": "Anti-inflammatory prescription refill (April 2002)",
            "procedure": "other", "date_of_service": DAY, "status": "rendered",
            "request_type": "continuation", "facts": [f["id"] for f in facts]}]
    return mutated("wc-opioids-appeal", change)
