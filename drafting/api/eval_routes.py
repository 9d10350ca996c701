"""``/v1/evals``: run the eval checks over some of the organisation's stored drafts, as a QA team
runs a suite before sign-off: scores pooled over the drafts, gated by thresholds. Read-only, so
safe to retry."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException

from drafting.api.context import ApiDep, CallerDep
from drafting.api.schemas import EvalRequest
from drafting.api.tenancy import tenancy

router = APIRouter(prefix="/v1/evals", tags=["evals"])


@router.post("")
def run_evals(request: EvalRequest, api: ApiDep, caller: CallerDep) -> dict[str, Any]:
    """Check the drafts (latest versions, overrides applied) against their stored cases."""
    store = api.store
    problems = [{"loc": ["body", "drafts", n], "field": f"drafts[{n}]",
                 "message": f"no draft {draft_id!r} in your organisation"}
                for n, draft_id in enumerate(request.drafts)
                if tenancy(store).api_draft(caller.organisation, draft_id) is None]
    if problems:
        raise HTTPException(422, detail=problems)
    report = api.service.evaluation.stored(list(dict.fromkeys(request.drafts)),
                                           request.embeddings, thresholds=request.thresholds)
    return {"passed": report.passed, **report.model_dump(mode="json")}
