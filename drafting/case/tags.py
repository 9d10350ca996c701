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


def suggest(tag: str) -> str:
    close = difflib.get_close_matches(tag, known_tags(), n=3, cutoff=0.6)
    return f"did you mean {' or '.join(close)}?" if close else f"add it to {TAGS_FILE.name} first"
