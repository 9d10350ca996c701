"""Which process is drafting: ``host:pid``, recorded on drafts and runs while in progress, so a
later command can tell a live run from one whose process was killed."""

from __future__ import annotations

import os
import socket


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def is_alive(worker: str | None) -> bool | None:
    """True/False for a worker on this host; None when it is on another host (unknown)."""
    if not worker:
        return False
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return None
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else
        return True
    return True
