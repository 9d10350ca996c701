"""Unified diffs between two versions of a section's text."""

from __future__ import annotations

import difflib


def unified_diff(old: str, new: str, *, key: str, old_version: int, new_version: int,
                 context: int = 3) -> str:
    """A unified diff, line by line, labelled ``<key> v<n>``; empty when the texts are equal."""
    lines = difflib.unified_diff(
        old.splitlines(), new.splitlines(), fromfile=f"{key} v{old_version}",
        tofile=f"{key} v{new_version}", n=context, lineterm="")
    return "\n".join(lines)
