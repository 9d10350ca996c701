"""The stance check (issue #20, read by the eval harness on any backend's draft): an appeal
letter, pre-denial dossier or letter of medical necessity that concludes against its own request
or concedes the denial's objection is an error; a note to the physician saying what the record
lacks, a determination's neutral outcome and a quoted denial are not."""

from __future__ import annotations

from drafting.case import Case
from drafting.case.vocab import DocumentType
from drafting.draft import Draft
from evals.checks import CHECKS
from evals.context import EvalContext
from evals.harness import evaluate_draft
from tests.test_document_types import EXCERPTS, drafted


def rewritten(draft: Draft, item: str, paragraph: str) -> Draft:
    """The draft as a model might have written it: the item's section ends with ``paragraph``."""
    sections = [s.model_copy(update={"text": f"{s.text}\n\n{paragraph}"})
                if s.item_id == item and s.kind == "item_analysis" else s
                for s in draft.sections]
    return draft.model_copy(update={"sections": sections})


def stance_findings(draft: Draft, case: Case) -> list[str]:
    report = evaluate_draft(draft, case, EXCERPTS)
    return [f.message for f in report.findings if f.check == "stance"]


def test_the_harness_runs_the_stance_check_on_advocacy_drafts_only():
    assert "stance" in CHECKS
    appeal, case = drafted("wc-consult-topical-imr", DocumentType.appeal_letter)
    review, _ = drafted("wc-consult-topical-imr", DocumentType.review_determination)
    assert CHECKS["stance"].units(EvalContext(appeal, case, EXCERPTS)) > 0
    assert CHECKS["stance"].units(EvalContext(review, case, EXCERPTS)) == 0


def test_an_appeal_that_concludes_against_its_request_is_an_error():
    appeal, case = drafted("wc-consult-topical-imr", DocumentType.appeal_letter)
    assert stance_findings(appeal, case) == []
    conceding = rewritten(appeal, "I3", "In conclusion, the requested compounded cream is not "
                          "medically necessary on this record.")
    found = stance_findings(conceding, case)
    assert len(found) == 1 and "not_necessary against its requester" in found[0]


def test_a_dossier_that_concedes_the_objection_is_an_error():
    dossier, case = drafted("commercial-lumbar-fusion-dossier", DocumentType.predenial_dossier)
    assert stance_findings(dossier, case) == []
    conceding = rewritten(dossier, "I1", "On the smoking history, the objection is sound.")
    assert any("concedes the objection" in m for m in stance_findings(conceding, case))


def test_a_note_to_the_physician_and_a_quoted_denial_are_not_the_letter_concluding():
    appeal, case = drafted("wc-consult-topical-imr", DocumentType.appeal_letter)
    noted = rewritten(appeal, "I3", "**Before sending.** As the record stands, a reviewer "
                      "would likely find the cream not medically necessary: add the failed "
                      "trial of a single-agent topical.")
    quoted = rewritten(appeal, "I3", 'The reviewer wrote that the cream is "not medically '
                       'necessary"; the record answers that objection.')
    assert stance_findings(noted, case) == []
    assert stance_findings(quoted, case) == []


def test_a_determination_may_uphold_a_denial():
    review, case = drafted("wc-consult-topical-imr", DocumentType.review_determination)
    upheld = rewritten(review, "I3", "The compounded cream is not medically necessary.")
    assert stance_findings(upheld, case) == []


def test_a_checklist_box_naming_a_record_is_not_a_conclusion():
    dossier, case = drafted("commercial-lumbar-fusion-dossier", DocumentType.predenial_dossier)
    sections = [s.model_copy(update={"text": s.text + "\n- [ ] Peer review finding the fusion "
                                     "not medically necessary (dated 2 May 2024)."})
                if s.kind == "checklist" else s for s in dossier.sections]
    boxed = dossier.model_copy(update={"sections": sections})
    assert any(s.kind == "checklist" for s in dossier.sections)
    assert stance_findings(boxed, case) == []
    # the same words as the checklist's own sentence are the letter concluding
    sections = [s.model_copy(update={"text": s.text + "\n\nThe fusion is not medically "
                                     "necessary."})
                if s.kind == "checklist" else s for s in dossier.sections]
    assert stance_findings(dossier.model_copy(update={"sections": sections}), case)
