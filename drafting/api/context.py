"""What every route needs from the running app: settings, the server's drafting service (over
each request thread's own store), the drafting jobs, and the request's Idempotency-Key and
fingerprint."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from fastapi.responses import JSONResponse

from drafting.api.auth import Caller, authenticate
from drafting.api.jobs import DraftJobs
from drafting.api.tenancy import ApiDraft, Response, tenancy
from drafting.api.validation import CaseValidator
from drafting.api.views import ViewCache
from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore

MAX_IDEMPOTENCY_KEY = 255


@dataclass(frozen=True)
class Api:
    settings: Settings
    service: DraftingService  # one for the server's life; its store is the calling thread's
    jobs: DraftJobs
    views: ViewCache
    validator: CaseValidator

    @property
    def store(self) -> DraftStore:
        """This request thread's store (reads, and the API's tenancy records)."""
        return self.service.store

    def draft_of(self, caller: Caller, draft_id: str) -> ApiDraft:
        """The caller's draft; 404 for one that does not exist and for another
        organisation's alike (its existence is not revealed)."""
        found = tenancy(self.store).api_draft(caller.organisation, draft_id)
        if found is None:
            raise HTTPException(404, detail=f"no draft {draft_id!r} in your organisation")
        return found


def api(request: Request) -> Api:
    return request.app.state.api  # type: ignore[no-any-return]


def idempotency_key(key: Annotated[str | None, Header(
        alias="Idempotency-Key", description="Send the same key again to retry a POST safely: "
        "the first response is returned and nothing is created twice.")] = None) -> str | None:
    if key is not None and not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY:
        raise HTTPException(422, detail=f"Idempotency-Key must be 1 to {MAX_IDEMPOTENCY_KEY} "
                            "characters")
    return key


def fingerprint(method: str, path: str, body: bytes) -> str:
    """What a retried request must repeat exactly to get the first one's response."""
    return hashlib.sha256(f"{method} {path}\n".encode() + body).hexdigest()


def sent(response: Response, location: str | None = None) -> JSONResponse:
    """A (possibly replayed) idempotent response as HTTP: replays say so in a header."""
    headers = {"Idempotent-Replayed": "true"} if response.replayed else {}
    if location:
        headers["Location"] = location
    return JSONResponse(response.body, status_code=response.status_code, headers=headers)


async def raw_body(request: Request) -> bytes:
    return await request.body()


ApiDep = Annotated[Api, Depends(api)]
CallerDep = Annotated[Caller, Depends(authenticate)]
IdempotencyKey = Annotated[str | None, Depends(idempotency_key)]
RawBody = Annotated[bytes, Depends(raw_body)]
