"""``/v1/drafts``: request a draft (202; drafted in the background), poll it, edit a section, read
its history, export it. Every route answers 404 for a draft of another organisation."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import JSONResponse, Response

from drafting.api.context import ApiDep, CallerDep, IdempotencyKey, fingerprint, sent
from drafting.api.logs import logger
from drafting.api.schemas import EXPORT_MEDIA, DraftRequest, ExportFormat, SectionEdit
from drafting.api.tenancy import tenancy
from drafting.api.views import accepted, finished_body, history_view, progress_view
from drafting.api.webhook_targets import TargetRefused, allowance, check
from drafting.backends.base import BackendError
from drafting.case import DraftRequestError, case_from_text
from drafting.service import DraftRequest as ServiceRequest
from drafting.service import LoadedCase
from drafting.store import acting_as, api_key_principal

router = APIRouter(prefix="/v1/drafts", tags=["drafts"])
POLL_AFTER_S = "1"  # Retry-After on a draft not finished: offline drafts take about a second


def _invalid(field: str, message: str) -> HTTPException:
    return HTTPException(422, detail=[{"loc": ["body", field], "field": field,
                                       "message": message}])


@router.post("", status_code=202, responses={
    202: {"description": "Accepted: poll the draft's link until its status is complete."},
    404: {"description": "No such case in your organisation."}})
def request_draft(request: DraftRequest, api: ApiDep, caller: CallerDep,
                  key: IdempotencyKey) -> JSONResponse:
    """Draft a submitted case in the background; returns the draft id at once."""
    if request.backend not in api.settings.api_backend_names:
        raise _invalid("backend", f"backend {request.backend!r} is not offered by this server; "
                       f"choose from {', '.join(api.settings.api_backend_names)}")
    service = api.service
    store = service.store
    api_case = tenancy(store).api_case(caller.organisation, request.case)
    if api_case is None:
        raise _invalid("case", f"no case {request.case!r} in your organisation; submit it "
                       "with POST /v1/cases first")
    name, text, validated = tenancy(store).case_file(api_case.case_id, api_case.case_hash)
    asked = ServiceRequest(
        LoadedCase(case_from_text(text, validated, name), None, name, api_case.case_hash),
        actor=caller.key_id, document_type=request.document_type,
        perspective=request.perspective, backend=request.backend, retrieval=request.retrieval,
        options={"source": "api"})
    try:
        case = service.drafting.case_of(asked)
    except DraftRequestError as exc:
        raise _invalid("perspective", str(exc)) from None
    try:
        backend = service.drafting.backend(request.backend)
    except BackendError as exc:
        raise _invalid("backend", str(exc)) from None
    retrieval = service.drafting.retrieval(request.retrieval, bulk=True)
    webhook = None if request.webhook_url is None else str(request.webhook_url)
    if webhook is not None:
        try:  # checked again, and its host resolved again, when the webhook is sent
            check(webhook, allowance(api.settings.api_webhook_allow))
        except TargetRefused as exc:
            logger().info("webhook refused", extra={
                "event": "webhook_refused", "organisation": caller.organisation,
                "reason": exc.detail})
            raise _invalid("webhook_url", str(exc)) from None

    def action(conn):  # type: ignore[no-untyped-def]
        draft_id = service.drafting.begin(asked, case, backend, retrieval, conn=conn)
        tenancy(store).add_api_draft(conn, draft_id, caller.organisation, api_case.id,
                                     caller.key_id, retrieval, webhook)
        return 202, accepted(draft_id, api_case.id)

    body = request.model_dump_json().encode()
    with acting_as(api_key_principal(caller.key_id)):  # the audit log's actor is the key
        response = tenancy(store).idempotent(caller.organisation, key,
                                             fingerprint("POST", "/v1/drafts", body), action)
    if not response.replayed:
        api.jobs.submit(response.body["id"])
    answer = sent(response, response.body["links"]["self"])
    answer.headers["Retry-After"] = POLL_AFTER_S
    return answer


@router.get("/{draft_id}", responses={200: {"description": "The draft. While it is queued or "
                                      "running, a Retry-After header says when to ask again."}})
def get_draft(draft_id: str, api: ApiDep, caller: CallerDep) -> Response:
    """Status, sections (latest versions) with citations, criteria (overrides applied), sources,
    and, once finished, the eval checks' scores and findings."""
    found = api.draft_of(caller, draft_id)
    store = api.store
    if found.state != "finished":
        return JSONResponse(progress_view(store, found), headers={"Retry-After": POLL_AFTER_S})
    return Response(finished_body(api.service, found, api.views),
                    media_type="application/json")


def _finished(api: ApiDep, caller: CallerDep, draft_id: str) -> None:
    found = api.draft_of(caller, draft_id)
    if found.state != "finished":
        raise HTTPException(409, detail=f"draft {draft_id!r} is {found.state}; wait until it "
                            "has finished")


@router.get("/{draft_id}/export", response_class=Response, responses={
    200: {"content": {media: {} for media in EXPORT_MEDIA.values()}},
    409: {"description": "Not finished yet."}})
def export_draft(draft_id: str, api: ApiDep, caller: CallerDep,
                 format: Annotated[ExportFormat, Query()] = "docx") -> Response:
    """The reviewed draft (latest versions, overrides listed) as DOCX, PDF, Markdown or JSON."""
    _finished(api, caller, draft_id)
    with acting_as(api_key_principal(caller.key_id)):
        draft, written = api.service.exports.stored(
            draft_id, api.settings.data_dir / "exports" / draft_id, [format], caller.key_id)
    path = written[format]
    return Response(path.read_bytes(), media_type=EXPORT_MEDIA[format], headers={
        "Content-Disposition": f'attachment; filename="{draft.case_id}-{draft_id}.{format}"'})


@router.post("/{draft_id}/sections/{section_key}", responses={
    404: {"description": "No such draft or section."},
    409: {"description": "Not finished yet, or the text is unchanged."}})
def edit_section(draft_id: str, section_key: str, edit: SectionEdit, api: ApiDep,
                 caller: CallerDep, key: IdempotencyKey) -> JSONResponse:
    """Save a reviewer's text as the section's next version (author and reason required); its
    citation markers are checked and invalid ones listed."""
    _finished(api, caller, draft_id)
    service = api.service
    # Checked before the transaction (checking reads the draft and its case).
    citations = service.review.check(draft_id, section_key, edit.text)

    def action(conn):  # type: ignore[no-untyped-def]
        edited = service.review.edit(draft_id, section_key, edit.text, edit.author,
                                     edit.reason, conn=conn, citations=citations)
        return 200, {"id": draft_id, "section": section_key, "version": edited.version,
                     "invalid_citations": [{"marker": c.marker, "problem": c.problem}
                                           for c in edited.invalid_citations],
                     "links": {"draft": f"/v1/drafts/{draft_id}",
                               "history": f"/v1/drafts/{draft_id}/history"}}

    body = edit.model_dump_json().encode()
    path = f"/v1/drafts/{draft_id}/sections/{section_key}"
    with acting_as(api_key_principal(caller.key_id)):  # edit.author: the stated author
        return sent(tenancy(service.store).idempotent(caller.organisation, key,
                                                      fingerprint("POST", path, body), action))


@router.get("/{draft_id}/history")
def draft_history(draft_id: str, api: ApiDep, caller: CallerDep) -> dict[str, Any]:
    """Every version of every section, and the draft's audit log."""
    api.draft_of(caller, draft_id)
    return history_view(api.store, draft_id)
