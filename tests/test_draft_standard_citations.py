"""A standard's citation is one sentence in a draft, and the offline composer's drafts of an
item judged on it raise no eval error about it: a citation written with abbreviations
("Tex. Lab. Code §408.021") was cut by the sentence rules at each full stop, and every draft
of a pre-ODG Texas item then carried dozens of uncited "claims" (its codification's years and
numbers) and repeated fragments. New synthetic case text, as in test_criteria_eras.py."""

from __future__ import annotations

import asyncio

import pytest

from drafting.backends.registry import create
from drafting.case import as_document_type
from drafting.case.vocab import DocumentType
from drafting.outline import supports
from drafting.settings import Settings
from drafting.stages import draft_case
from evals.harness import evaluate_draft
from guideline_index.corpus import excerpts_by_id
from tests.test_criteria_eras import PAIN, _facet_request


@pytest.mark.parametrize("kind", [DocumentType.review_determination, DocumentType.appeal_letter,
                                  DocumentType.litigation_opinion])
def test_a_draft_judged_on_the_texas_labor_code_raises_no_error_about_its_citation(kind):
    case = as_document_type(_facet_request("2004-05-03", PAIN), kind)
    assert supports(case, kind)
    settings, excerpts = Settings(), excerpts_by_id()
    draft = asyncio.run(draft_case(case, "h", create("offline", settings), settings, excerpts))
    text = "\n".join(s.text for s in draft.sections)
    assert "§408.021" in text  # the standard is cited ...
    findings = [f for f in evaluate_draft(draft, case, excerpts).findings
                if f.severity == "error" and "408.021" in (f.text or "")]
    assert findings == []  # ... and nothing about its citation is an error
