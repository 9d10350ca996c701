"""Who is calling: an API key in ``Authorization: Bearer <key>`` (or ``X-API-Key``), looked up by
its SHA-256 in the store, then the key's rate limit. The caller's organisation scopes every
read and write that follows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from drafting.api.ratelimit import RateLimiter
from drafting.api.tenancy import tenancy
from drafting.store import DraftStore


@dataclass(frozen=True)
class Caller:
    key_id: str
    organisation: str
    webhook_secret: str


BEARER = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
HEADER = APIKeyHeader(name="X-API-Key", auto_error=False, description="Or the key alone.")


def authenticate(request: Request,
                 bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)],
                 header: Annotated[str | None, Depends(HEADER)]) -> Caller:
    """FastAPI dependency: the calling key (401 if missing, unknown or revoked; 429 if over
    its rate)."""
    secret = bearer.credentials if bearer is not None else header
    store: DraftStore = request.app.state.api.store  # this request thread's
    key = tenancy(store).api_key_for(secret) if secret else None
    if key is None:
        raise HTTPException(
            401, detail="missing, unknown or revoked API key: send 'Authorization: Bearer <key>' "
            "(create one with 'necessity keys create --name NAME --org ORGANISATION')",
            headers={"WWW-Authenticate": "Bearer"})
    caller = Caller(key.id, key.organisation, key.webhook_secret)
    request.state.caller = caller
    limiter: RateLimiter = request.app.state.limiter
    wait = limiter.take(key.id)
    if wait:
        request.state.refused = "rate limit"
        raise HTTPException(429, detail=f"rate limit of this API key exceeded; retry in "
                            f"{limiter.retry_after(wait)} s",
                            headers={"Retry-After": limiter.retry_after(wait)})
    return caller
