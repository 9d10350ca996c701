"""Who is acting, as the audit log records it: the authenticated principal, not a name typed in.

A front end says who it authenticated: the HTTP API the calling key (``api-key:<id>``, for the
request being handled: ``acting_as``), the CLI the operating-system account running it
(``os:<name>``, for the whole process: ``act_as``). Every audit row then names that principal as
its ``actor``; the name a caller states (``--author``, an API edit's ``author``, a backend's
name) is kept beside it as ``stated_author``. Where no principal was set (the physician app,
which passes its own user, and library callers), the stated name is the actor, as before."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_PROCESS: str | None = None  # the process's principal (the CLI's OS user)
_CONTEXT: ContextVar[str | None] = ContextVar("necessity_principal", default=None)


def api_key_principal(key_id: str) -> str:
    """The principal of an API key."""
    return f"api-key:{key_id}"


def os_principal() -> str:
    """The principal of the operating-system account running this process."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = os.environ.get("USER") or "unknown"
    return f"os:{name}"


def current() -> str | None:
    """The principal acting now: the one of this request (``acting_as``), else the process's
    (``act_as``), else None (the stated name is the actor)."""
    return _CONTEXT.get() or _PROCESS


def act_as(principal: str | None) -> str | None:
    """Set the principal of the whole process (threads and event loops included); returns the
    previous one, so a caller that is not the whole process (a test) can put it back."""
    global _PROCESS
    previous, _PROCESS = _PROCESS, principal
    return previous


@contextmanager
def acting_as(principal: str) -> Iterator[None]:
    """Within the block (this thread or task, and what it awaits), ``principal`` is acting."""
    token = _CONTEXT.set(principal)
    try:
        yield
    finally:
        _CONTEXT.reset(token)


def attribution(stated: str) -> tuple[str, str | None]:
    """(actor, stated author) of an audit row whose caller stated ``stated``: the principal and
    the stated name when a principal is set (the stated name dropped if it only repeats the
    principal's own name), else the stated name alone."""
    stated = stated.strip()
    principal = current()
    if principal is None:
        return stated, None
    if stated in {principal, principal.partition(":")[2]}:
        return principal, None
    return principal, stated or None
