"""Every error the API sends has one shape: ``{"error": code, "message": text, "detail": [...],
"request_id": id}``, where each detail names the field (``loc`` as FastAPI gives it, and ``field``
as dotted text) and, for a case file, its line and how to fix it. An unexpected exception is a
JSON 500 naming only its request id; its traceback goes to the server log under that id."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from drafting.api.logs import REQUEST_ID_HEADER, logger, request_id
from drafting.api.tenancy import IdempotencyConflict
from drafting.api.validation import ValidationBusy
from drafting.case import CaseFileError
from drafting.case.problems import format_path
from drafting.store import NotStoredError


def _code(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")


def _body(status: int, message: str, detail: list[dict[str, Any]] | None = None,
          code: str | None = None) -> dict[str, Any]:
    return {"error": code or _code(status), "message": message, "detail": detail or []}


def _answer(request: Request, body: dict[str, Any], status: int,
            headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({**body, "request_id": request_id(request.scope)}, status_code=status,
                        headers=headers)


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = tuple(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header") else tuple(loc)
    return format_path(parts)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    if isinstance(exc.detail, list):
        message = "; ".join(f"{d['field']}: {d['message']}" for d in exc.detail)
        body = _body(exc.status_code, message, exc.detail)
    else:
        body = _body(exc.status_code, str(exc.detail))
    return _answer(request, body, exc.status_code, exc.headers)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = [{"loc": list(e["loc"]), "field": _field(e["loc"]), "message": e["msg"]}
              for e in exc.errors()]
    message = "; ".join(f"{d['field']}: {d['message']}" for d in detail)
    return _answer(request, _body(422, message, detail, "invalid_request"), 422)


async def _case_file(request: Request, exc: CaseFileError) -> JSONResponse:
    detail = [{"loc": ["body", *p.loc], "field": p.path, "line": p.line, "message": p.message,
               "fix": p.fix} for p in exc.problems]
    return _answer(request, _body(422, str(exc), detail, "invalid_case"), 422)


async def _idempotency(request: Request, exc: IdempotencyConflict) -> JSONResponse:
    detail = [{"loc": ["header", "Idempotency-Key"], "field": "Idempotency-Key",
               "message": str(exc)}]
    return _answer(request, _body(422, str(exc), detail, "idempotency_key_reused"), 422)


async def _busy(request: Request, exc: ValidationBusy) -> JSONResponse:
    return _answer(request, _body(503, str(exc), code="busy"), 503, {"Retry-After": "5"})


async def _not_stored(request: Request, exc: NotStoredError) -> JSONResponse:
    return _answer(request, _body(404, str(exc)), 404)


async def _refused(request: Request, exc: ValueError) -> JSONResponse:
    """A request the store refuses as it stands (unchanged text, a draft still running)."""
    return _answer(request, _body(409, str(exc)), 409)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    """A bug, not a refusal: pydantic's ValidationError is a ValueError, but not the client's."""
    return await _unexpected(request, exc)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    """Anything else: logged with its traceback under the request id, never shown."""
    rid = request_id(request.scope)
    logger().error("unhandled error", exc_info=exc,
                   extra={"event": "error", "request_id": rid, "error_type": type(exc).__name__})
    # Answered outside the request log's middleware, which adds the header to every other answer.
    return _answer(request, _body(500, f"internal error; quote request id {rid}"), 500,
                   {REQUEST_ID_HEADER: rid or ""})


def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(CaseFileError, _case_file)  # type: ignore[arg-type]
    app.add_exception_handler(IdempotencyConflict, _idempotency)  # type: ignore[arg-type]
    app.add_exception_handler(NotStoredError, _not_stored)  # type: ignore[arg-type]
    app.add_exception_handler(ValidationBusy, _busy)  # type: ignore[arg-type]
    app.add_exception_handler(ValueError, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(ValidationError, _internal)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected)

