"""Every default the front ends used to decide for themselves, decided once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Defaults:
    # A draft asked for one at a time (the draft command, the app) searches the guideline index
    # for excerpts beyond those its criteria rest on. Bulk drafting (a batch run, the HTTP API)
    # does not unless asked: it drafts in worker processes, each of which would open the index
    # (seconds of start-up and hundreds of MB per process).
    retrieval: bool = True
    bulk_retrieval: bool = False
    # Regenerated sections search the index exactly when their draft did (its stored options);
    # a draft stored without that option was made before it was recorded: with retrieval.
    retrieval_if_unrecorded: bool = True
    # Formats written when none are named (the draft command; batch runs write md and json).
    formats: tuple[str, ...] = ("md", "docx", "pdf", "json")
    batch_formats: tuple[str, ...] = ("md", "json")


DEFAULTS = Defaults()
