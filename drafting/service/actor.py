"""Who is acting, for the audit log, when no author is given."""

from __future__ import annotations

import getpass
import os


def current_user() -> str:
    """The user running this process (the CLI, the app)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"
