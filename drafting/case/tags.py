"""The finding-tag vocabulary (``tags.yaml``): a misspelt tag fails instead of flipping a result."""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

import yaml

TAGS_FILE = Path(__file__).with_name("tags.yaml")


@cache
def known_tags() -> dict[str, str]:
    """Tag -> meaning, over all groups of the vocabulary file."""
    groups = yaml.safe_load(TAGS_FILE.read_text(encoding="utf-8"))
    return {tag: meaning for group in groups.values() for tag, meaning in group.items()}


NEGATIONS = ("non_", "no_", "not_", "without_", "negative_", "absent_", "denies_", "never_")


def _negated(tag: str) -> bool:
    return tag.startswith(NEGATIONS)


def suggest(tag: str) -> str:
    """Close known tags, never one of the opposite meaning (``non_smoker`` never suggests
    ``smoker``, ``no_relief`` never ``relief``)."""
    close = [t for t in difflib.get_close_matches(tag, known_tags(), n=5, cutoff=0.6)
             if _negated(t) == _negated(tag)][:3]
    if close:
        return f"did you mean {' or '.join(close)}?"
    if _negated(tag):
        return (f"tags record findings that are present; say what is absent in the statement, "
                f"or add '{tag}' to {TAGS_FILE.name} first")
    return f"add it to {TAGS_FILE.name} first"
