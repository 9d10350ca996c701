"""Request bodies above ``api_max_body_bytes`` are refused with 413 before any handler sees them:
at once when Content-Length says so, otherwise as soon as the streamed body passes the limit.
A JSON body nested deeper than a case file can be is refused with 422 before it is parsed. The
body is read here, bounded, and handed on unchanged."""

from __future__ import annotations

import json
import re
from typing import Any

from drafting.case.parsing import MAX_DEPTH

Scope = dict[str, Any]
Message = dict[str, Any]


class BodyLimit:
    def __init__(self, app: Any, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._too_large(scope, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.limit:
                await self._too_large(scope, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        media = dict(scope["headers"]).get(b"content-type", b"").split(b";")[0].strip().lower()
        if media.endswith(b"json") and json_nesting(body) > MAX_DEPTH:
            await self._refuse(scope, send, 422, "request_too_deep",
                               f"the JSON body is nested more than {MAX_DEPTH} levels deep")
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, scope: Scope, send: Any) -> None:
        await self._refuse(scope, send, 413, "request_too_large", f"the request body is larger "
                           f"than {self.limit} bytes (api_max_body_bytes)")

    @staticmethod
    async def _refuse(scope: Scope, send: Any, status: int, code: str, message: str) -> None:
        state = scope.setdefault("state", {})
        state["refused"] = code
        body = json.dumps({"error": code, "message": message, "detail": [],
                           "request_id": state.get("request_id")}).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": body})


_STRING = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(rb"[\[\]{}]")


def json_nesting(body: bytes) -> int:
    """The deepest nesting of arrays and objects in a JSON text, strings skipped (linear; the
    body need not be valid JSON)."""
    depth = deepest = 0
    for match in _BRACKET.finditer(_STRING.sub(b"", body)):
        if match.group() in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest
