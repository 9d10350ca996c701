"""#25 class 1 (request type from the record) for surgery: a fusion requested after an earlier
fusion on record is a revision (request_types.yaml ``operated``), reported as such and judged
on the fusion criteria (which every fusion request must meet), never silently as a first
fusion; an earlier decompression without fusion, or a fusion only proposed, leaves it a first
request. A new synthetic case: the fusion dossier example with a prior operation added to the
history."""

from __future__ import annotations

from drafting.case.vocab import RequestType
from tests.test_criteria import mutated, result_of


def _with_history(statement: str, tags: list[str]):
    def change(data: dict) -> None:
        data["facts"].append({"id": "F99", "category": "history", "date": "2019-06-01",
                              "statement": statement, "tags": tags,
                              "source": {"document": "D7", "page": 1}})

    return result_of(mutated("commercial-lumbar-fusion-dossier", change), "I1")


def test_a_fusion_after_an_earlier_fusion_is_a_revision():
    before = _with_history("Seasonal allergies; no operations.", [])
    result = _with_history("Prior L5-S1 posterolateral fusion in 2019 for spondylolisthesis.",
                           ["surgery", "post_surgical_changes"])
    assert before.request_type is RequestType.initial
    assert result.request_type is RequestType.revision
    assert "F99" in (result.request_type_basis or "")
    # the fusion criteria judge every request type: a revision must meet them too
    assert result.criteria_set == "lumbar-fusion"
    assert (result.outcome, result.deciding) == (before.outcome, before.deciding)


def test_an_earlier_decompression_without_fusion_leaves_a_first_fusion_request():
    result = _with_history("Prior L4-L5 laminectomy in 2019 for stenosis; no fusion was done.",
                           ["surgery"])
    # 'no fusion was done' still names fusion: the words alone must not make a revision
    assert result.request_type is RequestType.initial


def test_a_fusion_only_proposed_before_is_no_earlier_operation():
    result = _with_history("In 2019 a fusion was recommended but he chose therapy instead.",
                           ["surgery"])
    assert result.request_type is RequestType.initial
