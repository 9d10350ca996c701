"""The bundled example cases are valid, match the published JSON Schema, and together cover
what the product must handle."""

from __future__ import annotations

import json
from collections import Counter

import jsonschema
import pytest

from drafting.case import Case, load_case
from drafting.case.loader import read_case_file
from drafting.case.vocab import DocumentType, Outcome, Perspective, ProcedureFamily
from drafting.criteria.standards import review_standards
from tests.conftest import EXAMPLES, example_paths

SCHEMA_FILE = EXAMPLES.parent / "case.schema.json"


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    return {path.name: load_case(path) for path in example_paths()}


def test_there_are_at_least_ten_synthetic_examples(cases):
    assert len(cases) >= 10
    assert all(case.synthetic for case in cases.values())


def test_committed_schema_is_current():
    assert json.loads(SCHEMA_FILE.read_text()) == Case.model_json_schema(), (
        "run: necessity case schema --out examples/case.schema.json"
    )


@pytest.mark.parametrize("path", example_paths(), ids=lambda p: p.name)
def test_json_schema_accepts_every_example(path):
    schema = json.loads(SCHEMA_FILE.read_text())
    document, _ = read_case_file(path)
    jsonschema.validate(document, schema)


def test_json_schema_rejects_a_broken_case():
    schema = json.loads(SCHEMA_FILE.read_text())
    document, _ = read_case_file(EXAMPLES / "wc-lumbar-esi-plaintiff.yaml")
    document["facts"][0]["category"] = "radiology"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, schema)


def test_examples_cover_every_procedure_family(cases):
    used = {item.procedure for case in cases.values() for item in case.disputed_items}
    assert used == set(ProcedureFamily)


def test_examples_cover_every_document_type_and_setting(cases):
    assert {case.document_type for case in cases.values()} == set(DocumentType)
    # Settings judged on another setting's criteria, or with no guideline in the index, are
    # covered in tests/test_criteria_real_records.py.
    own = {s for s, standard in review_standards().items()
           if standard.reference is None and standard.guideline_in_index}
    assert {case.setting for case in cases.values()} == own


def test_one_litigation_case_is_written_from_both_sides(cases):
    def facts_of(case: Case) -> str:
        return json.dumps([f.model_dump(mode="json") for f in case.facts])

    by_facts: dict[str, set[Perspective]] = {}
    for case in cases.values():
        if case.document_type is DocumentType.litigation_opinion:
            by_facts.setdefault(facts_of(case), set()).add(case.perspective)
    assert any({Perspective.plaintiff, Perspective.defense} <= sides
               for sides in by_facts.values())


def test_every_item_has_an_expected_outcome_and_all_outcomes_occur(cases):
    outcomes = Counter()
    for case in cases.values():
        for item in case.disputed_items:
            assert item.expected is not None, f"{case.id} {item.id} has no expected outcome"
            outcomes[item.expected.outcome] += 1
    # "insufficient documentation" is the personal-injury setting's outcome for an unestablished
    # item (guideline_index/review_standards.yaml); no example item ends there by hand.
    assert {Outcome.necessary, Outcome.not_necessary} <= set(outcomes)


def test_a_multi_item_case_has_mixed_outcomes(cases):
    assert any(
        len(case.disputed_items) >= 4
        and len({item.expected.outcome for item in case.disputed_items}) >= 2
        for case in cases.values()
    )


def test_a_case_has_a_submission_gap(cases):
    def has_gap(case: Case) -> bool:
        missing = {doc.id for doc in case.documents if not doc.included}
        return any(set(fact.references) & missing for fact in case.facts)

    assert any(has_gap(case) for case in cases.values())


def test_readme_lists_every_example_with_its_expected_outcomes(cases):
    readme = (EXAMPLES.parents[1] / "README.md").read_text(encoding="utf-8")
    for name, case in cases.items():
        row = next((line for line in readme.splitlines() if line.startswith(f"| `{name}` |")), "")
        assert row, f"README has no row for {name}"
        for item in case.disputed_items:
            outcome = item.expected.outcome.value.replace("_", " ")
            assert f"{item.id} {item.procedure} → {outcome}" in row
