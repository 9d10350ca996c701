"""The webhook a client may name when it requests a draft: one POST of a small JSON body (ids and
status, never case text) when the draft finishes, signed with HMAC-SHA256 over the exact body
with the requesting key's webhook secret (header ``X-Necessity-Signature: sha256=<hex>``),
retried with backoff on errors and 5xx answers."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import httpx

SIGNATURE_HEADER = "X-Necessity-Signature"
BACKOFF_S = 0.5  # first wait between attempts; doubled after each


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def deliver(url: str, secret: str, payload: dict[str, Any], *, timeout_s: float,
            attempts: int) -> tuple[bool, str]:
    """POST ``payload``; returns (delivered, what happened) after at most ``attempts`` tries."""
    body = json.dumps(payload, sort_keys=True).encode()
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: signature(secret, body),
               "X-Necessity-Event": str(payload.get("event", ""))}
    outcome = "not attempted"
    wait = BACKOFF_S
    with httpx.Client(timeout=timeout_s, follow_redirects=False) as client:
        for attempt in range(1, attempts + 1):
            try:
                answer = client.post(url, content=body, headers=headers)
            except httpx.HTTPError as exc:
                outcome = f"attempt {attempt}: {type(exc).__name__}: {exc}"
            else:
                if answer.status_code < 300:
                    return True, f"HTTP {answer.status_code} on attempt {attempt}"
                outcome = f"attempt {attempt}: HTTP {answer.status_code}"
                if answer.status_code < 500 and answer.status_code != 429:
                    break  # the receiver refused it; sending it again will not help
            if attempt < attempts:
                time.sleep(wait)
                wait *= 2
    return False, outcome
