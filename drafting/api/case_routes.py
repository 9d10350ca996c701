"""``/v1/cases``: submit a case file (YAML or JSON, validated exactly as the CLI validates a file)
and read it back. The same file submitted again by the same organisation is the same case."""

from __future__ import annotations

from anyio import to_thread
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import JSONResponse

from drafting.api.context import (
    ApiDep,
    CallerDep,
    IdempotencyKey,
    RawBody,
    fingerprint,
    sent,
)
from drafting.api.tenancy import tenancy
from drafting.api.views import case_view
from drafting.case import case_file_hash, case_from_text

router = APIRouter(prefix="/v1/cases", tags=["cases"])

SUFFIXES = {"application/json": ".json", "application/yaml": ".yaml",
            "application/x-yaml": ".yaml", "text/yaml": ".yaml", "text/x-yaml": ".yaml"}
CASE_BODY = {"requestBody": {"required": True, "content": {
    "application/yaml": {"schema": {"type": "string"}},
    "application/json": {"schema": {"type": "object"}}}}}


@router.post("", status_code=201, openapi_extra=CASE_BODY,
             responses={200: {"description": "This case file was already submitted."},
                        413: {"description": "Body too large."},
                        415: {"description": "Not YAML or JSON."},
                        422: {"description": "Invalid case file; each problem names its field "
                                             "and line."}})
async def submit_case(request: Request, body: RawBody, api: ApiDep, caller: CallerDep,
                      key: IdempotencyKey) -> JSONResponse:
    """Submit a case file (Content-Type application/yaml or application/json)."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    suffix = SUFFIXES.get(media)
    if suffix is None:
        raise HTTPException(415, detail=f"send the case file as application/yaml or "
                            f"application/json, not {media or 'no Content-Type'}")
    # In a validation worker process, within the time budget: never in this server process.
    case, text = await api.validator.validate(body, f"case{suffix}")
    case_hash = case_file_hash(body)

    def persist():  # type: ignore[no-untyped-def]
        store = api.store  # this request thread's

        def action(conn):  # type: ignore[no-untyped-def]
            stored, new = tenancy(store).add_api_case(conn, caller.organisation, caller.key_id,
                                                      case.id, case_hash, f"{case.id}{suffix}",
                                                      text, case.model_dump_json())
            return (201 if new else 200), case_view(stored, case)

        return tenancy(store).idempotent(caller.organisation, key,
                                         fingerprint("POST", "/v1/cases", body), action)

    response = await to_thread.run_sync(persist)
    return sent(response, response.body["links"]["self"])


@router.get("/{case_ref}")
def get_case(case_ref: str, api: ApiDep, caller: CallerDep) -> dict:  # type: ignore[type-arg]
    """A submitted case: its ids, type, perspective, setting and disputed items."""
    stored = tenancy(api.store).api_case(caller.organisation, case_ref)
    if stored is None:
        raise HTTPException(404, detail=f"no case {case_ref!r} in your organisation")
    name, text, validated = tenancy(api.store).case_file(stored.case_id, stored.case_hash)
    case = case_from_text(text, validated, name)
    return case_view(stored, case)
