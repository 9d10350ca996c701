"""Structured logs: one JSON object per line on stderr, one line per request (method, route, status,
milliseconds, organisation, key id, draft id) and per background job. Never a request or response
body, a query string, or any case text: only ids, counts and timings."""

from __future__ import annotations

import json
import logging
import re
import sys
import time
import uuid
from typing import Any

LOGGER = "necessity.api"
_FIELDS = ("event", "method", "route", "status", "ms", "organisation", "key_id", "draft_id",
           "case", "state", "error_type", "sections", "attempts", "delivered", "reason",
           "resumed", "request_id")
REQUEST_ID_HEADER = "X-Request-ID"
# A client's own request id is kept only when it is short and plain (it is echoed and logged).
_CLIENT_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(), "message": record.getMessage()}
        entry.update({k: getattr(record, k) for k in _FIELDS if hasattr(record, k)})
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, separators=(",", ":"))


def logger() -> logging.Logger:
    log = logging.getLogger(LOGGER)
    if not any(isinstance(h.formatter, JsonFormatter) for h in log.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def request_id(scope: dict[str, Any]) -> str | None:
    return (scope.get("state") or {}).get("request_id")


class RequestLog:
    """ASGI middleware: gives each request an id (the client's ``X-Request-ID`` if plain, else a
    new one), sends it back in the same header, and logs the request once it is answered."""

    def __init__(self, app: Any):
        self.app = app
        self.log = logger()

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        given = dict(scope["headers"]).get(REQUEST_ID_HEADER.lower().encode(), b"").decode(
            "latin-1")
        rid = given if _CLIENT_ID.match(given) else uuid.uuid4().hex
        scope.setdefault("state", {})["request_id"] = rid

        async def sending(message: dict[str, Any]) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                name = REQUEST_ID_HEADER.lower().encode()
                headers = list(message.get("headers", []))
                if all(key.lower() != name for key, _ in headers):
                    message["headers"] = [*headers, (name, rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            state = scope.get("state", {})
            route = scope.get("route")
            caller = state.get("caller")
            self.log.info("request", extra={
                "event": "request", "method": scope["method"],
                "route": getattr(route, "path", None) or "(unmatched)", "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "organisation": getattr(caller, "organisation", None),
                "key_id": getattr(caller, "key_id", None),
                "draft_id": (scope.get("path_params") or {}).get("draft_id"), "request_id": rid,
                **({"reason": state["refused"]} if "refused" in state else {})})


# uvicorn's own messages (startup, shutdown, errors) in the same JSON lines; its access log is
# off (RequestLog writes one line per request instead).
UVICORN_LOG_CONFIG: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "drafting.api.logs.JsonFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json",
                            "stream": "ext://sys.stderr"}},
    "loggers": {
        "uvicorn": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.error": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
