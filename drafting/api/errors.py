"""Every error the API sends has one shape: ``{"error": code, "message": text, "detail": [...]}``,
where each detail names the field (``loc`` as FastAPI gives it, and ``field`` as dotted text) and,
for a case file, its line and how to fix it."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException

from drafting.api.tenancy import IdempotencyConflict
from drafting.case import CaseFileError
from drafting.case.problems import format_path
from drafting.store import NotStoredError


def _code(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "_").replace("-", "_")


def _body(status: int, message: str, detail: list[dict[str, Any]] | None = None,
          code: str | None = None) -> dict[str, Any]:
    return {"error": code or _code(status), "message": message, "detail": detail or []}


def _field(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = tuple(loc[1:]) if loc and loc[0] in ("body", "query", "path", "header") else tuple(loc)
    return format_path(parts)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    if isinstance(exc.detail, list):
        message = "; ".join(f"{d['field']}: {d['message']}" for d in exc.detail)
        body = _body(exc.status_code, message, exc.detail)
    else:
        body = _body(exc.status_code, str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    detail = [{"loc": list(e["loc"]), "field": _field(e["loc"]), "message": e["msg"]}
              for e in exc.errors()]
    message = "; ".join(f"{d['field']}: {d['message']}" for d in detail)
    return JSONResponse(_body(422, message, detail, "invalid_request"), status_code=422)


async def _case_file(request: Request, exc: CaseFileError) -> JSONResponse:
    detail = [{"loc": ["body", *p.loc], "field": p.path, "line": p.line, "message": p.message,
               "fix": p.fix} for p in exc.problems]
    return JSONResponse(_body(422, str(exc), detail, "invalid_case"), status_code=422)


async def _idempotency(request: Request, exc: IdempotencyConflict) -> JSONResponse:
    detail = [{"loc": ["header", "Idempotency-Key"], "field": "Idempotency-Key",
               "message": str(exc)}]
    return JSONResponse(_body(422, str(exc), detail, "idempotency_key_reused"), status_code=422)


async def _not_stored(request: Request, exc: NotStoredError) -> JSONResponse:
    return JSONResponse(_body(404, str(exc)), status_code=404)


async def _refused(request: Request, exc: ValueError) -> JSONResponse:
    """A request the store refuses as it stands (unchanged text, a draft still running)."""
    return JSONResponse(_body(409, str(exc)), status_code=409)


async def _internal(request: Request, exc: Exception) -> JSONResponse:
    """A bug, not a refusal: pydantic's ValidationError is a ValueError, but not the client's."""
    return JSONResponse(_body(500, f"internal error ({type(exc).__name__})"), status_code=500)

def install(app: FastAPI) -> None:
    app.add_exception_handler(HTTPException, _http)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation)  # type: ignore[arg-type]
    app.add_exception_handler(CaseFileError, _case_file)  # type: ignore[arg-type]
    app.add_exception_handler(IdempotencyConflict, _idempotency)  # type: ignore[arg-type]
    app.add_exception_handler(NotStoredError, _not_stored)  # type: ignore[arg-type]
    app.add_exception_handler(ValueError, _refused)  # type: ignore[arg-type]
    app.add_exception_handler(ValidationError, _internal)  # type: ignore[arg-type]

