"""The webhook a client may name when it requests a draft: one POST of a small JSON body (ids and
status, never case text) when the draft finishes, signed with HMAC-SHA256 over the exact body
with the requesting key's webhook secret (header ``X-Necessity-Signature: sha256=<hex>``),
retried with backoff on errors, timeouts, 429 and 5xx answers; redirects are not followed.

Each delivery resolves the URL's host once, checks the addresses (``webhook_targets``) and
connects to the checked address; each attempt has its own timeout and the whole delivery a
deadline. What a client is shown is only ``delivered`` (with the attempt it took) or ``failed``:
never the receiver's status, an error's text or timings, which would tell a client what answers
at an address. The detail goes only to the server's log."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import ssl
import time
from dataclasses import dataclass
from typing import Any

import httpx

from drafting.api.webhook_targets import Allowance, Target, TargetRefused, resolve

SIGNATURE_HEADER = "X-Necessity-Signature"
BACKOFF_S = 0.5  # first wait between attempts; doubled after each


@dataclass(frozen=True)
class WebhookCall:
    """A webhook to send: made where the draft finished, sent by the server's webhook queue."""

    draft_id: str
    organisation: str
    url: str
    secret: str
    payload: dict[str, Any]


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    attempts: int  # attempts made (0: refused, or never sent)
    detail: str  # for the server's log only

    @property
    def result(self) -> str:
        """What the draft's client is shown (and the store keeps)."""
        return f"delivered on attempt {self.attempts}" if self.delivered else "failed"


@dataclass(frozen=True)
class Limits:
    timeout_s: float  # one attempt: connect, send, the answer's status line and headers
    deadline_s: float  # the whole delivery: resolving, every attempt, the waits between them
    attempts: int


def signature(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _pinned(target: Target) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The URL with the checked address as its host, the Host header the URL names, and for
    https the TLS server name (the certificate is checked against the host, not the address)."""
    url = httpx.URL(target.url)
    host = {"Host": url.netloc.decode("ascii")}
    tls = {"sni_hostname": target.host} if url.scheme == "https" else {}
    return url.copy_with(host=str(target.address)), host, tls


async def deliver(call: WebhookCall, allow: Allowance, limits: Limits, *,
                  verify: ssl.SSLContext | bool = True) -> Outcome:
    """POST the call's payload; at most ``limits.attempts`` tries within ``limits.deadline_s``
    (``verify``: the certificates https receivers are checked against; default: certifi's)."""
    deadline = time.monotonic() + limits.deadline_s

    def left() -> float:
        return deadline - time.monotonic()

    try:
        async with asyncio.timeout(min(limits.timeout_s, left())):
            target = await resolve(call.url, allow)
    except TargetRefused as exc:
        return Outcome(False, 0, f"refused: {exc.detail}")
    except TimeoutError:
        return Outcome(False, 0, "resolving the host timed out")
    body = json.dumps(call.payload, sort_keys=True).encode()
    url, host, extensions = _pinned(target)
    headers = {**host, "Content-Type": "application/json",
               SIGNATURE_HEADER: signature(call.secret, body),
               "X-Necessity-Event": str(call.payload.get("event", ""))}
    outcome = Outcome(False, 0, "not attempted: the deadline had passed")
    wait = BACKOFF_S
    async with httpx.AsyncClient(timeout=limits.timeout_s, follow_redirects=False,
                                 verify=verify, trust_env=False) as client:  # no proxy
        for attempt in range(1, limits.attempts + 1):
            try:
                async with asyncio.timeout(min(limits.timeout_s, left())), client.stream(
                        "POST", url, content=body, headers=headers,
                        extensions=extensions) as answer:
                    status = answer.status_code  # the body is never read
            except TimeoutError:
                outcome = Outcome(False, attempt, f"attempt {attempt}: timed out")
            except httpx.HTTPError as exc:
                outcome = Outcome(False, attempt,
                                  f"attempt {attempt}: {type(exc).__name__}: {exc}")
            else:
                if 200 <= status < 300:
                    return Outcome(True, attempt, f"HTTP {status} on attempt {attempt}")
                outcome = Outcome(False, attempt, f"attempt {attempt}: HTTP {status}")
                if status < 500 and status != 429:
                    break  # refused (or redirected); sending it again will not help
            if attempt == limits.attempts:
                break
            if left() <= wait:
                return Outcome(False, attempt, f"{outcome.detail}; deadline reached")
            await asyncio.sleep(wait)
            wait *= 2
    return outcome
