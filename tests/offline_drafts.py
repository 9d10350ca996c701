"""Offline drafts of a case file for the eval checks' tests, and a draft with one sentence added
at the end of its last section (where a model's extra sentence would stand)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from drafting.backends.registry import create
from drafting.case import Case, case_file_hash, load_case
from drafting.draft import Draft
from drafting.settings import Settings
from drafting.stages import draft_case
from guideline_index.corpus import excerpts_by_id

SETTINGS = Settings()
EXCERPTS = excerpts_by_id()


def offline_draft(path: Path) -> tuple[Draft, Case]:
    """The offline composer's draft of the case file at ``path``, and the case."""
    case = load_case(path)
    draft = asyncio.run(draft_case(case, case_file_hash(path.read_bytes()),
                                   create("offline", SETTINGS), SETTINGS, EXCERPTS))
    return draft, case


def with_sentence(draft: Draft, text: str) -> Draft:
    """A copy of ``draft`` with ``text`` as a new paragraph at the end of its last section."""
    changed = draft.model_copy(deep=True)
    section = changed.sections[-1]
    section.text = section.text.rstrip() + "\n\n" + text
    return changed
