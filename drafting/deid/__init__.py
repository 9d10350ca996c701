"""De-identification: rule-based recognisers (with an optional NER model for names), stable
placeholders, a local reversible map."""

from drafting.deid.deidentifier import Deidentifier, PromptGuard
from drafting.deid.ner import NerUnavailable
from drafting.deid.phimap import PhiKind, PhiMap, PhiMapError, shift_dates

__all__ = ["Deidentifier", "NerUnavailable", "PhiKind", "PhiMap", "PhiMapError", "PromptGuard",
           "shift_dates"]
