"""The drafting service: one object behind every front end (see ``service.py``)."""

from drafting.service.actor import current_user
from drafting.service.defaults import DEFAULTS, Defaults
from drafting.service.drafting import Estimate, Preparation, reusable
from drafting.service.exports import (
    FORMAT_LABELS,
    FORMAT_MEDIA_TYPES,
    UnknownFormatError,
    chosen_formats,
)
from drafting.service.requests import DraftRequest, LoadedCase
from drafting.service.review import Edited, Regenerated, StoredCaseError, affected_sections
from drafting.service.service import DraftingService

__all__ = [
    "DEFAULTS", "FORMAT_LABELS", "FORMAT_MEDIA_TYPES", "Defaults", "DraftRequest",
    "DraftingService", "Edited", "Estimate",
    "LoadedCase", "Preparation", "Regenerated", "StoredCaseError", "UnknownFormatError",
    "affected_sections", "chosen_formats", "current_user", "reusable",
]
