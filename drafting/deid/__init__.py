"""De-identification: rule-based recognisers, stable placeholders, a local reversible map."""

from drafting.deid.deidentifier import Deidentifier, PromptGuard
from drafting.deid.phimap import PhiKind, PhiMap, PhiMapError, shift_dates

__all__ = ["Deidentifier", "PhiKind", "PhiMap", "PhiMapError", "PromptGuard", "shift_dates"]
