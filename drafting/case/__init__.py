"""The structured case file: model, vocabularies, loading and validation."""

from drafting.case.case import Case, Diagnosis, KeyDates, Patient
from drafting.case.fact import Dose, Duration, Fact, Measure
from drafting.case.fingerprint import case_file_hash
from drafting.case.item import DisputedItem, ExpectedOutcome, ItemDetails, PriorDecision
from drafting.case.loader import load_case
from drafting.case.problems import CaseFileError, Problem
from drafting.case.records import Document, SourceRef

__all__ = [
    "Case", "CaseFileError", "Diagnosis", "DisputedItem", "Document", "Dose", "Duration",
    "ExpectedOutcome", "Fact", "ItemDetails", "KeyDates", "Measure", "Patient", "PriorDecision",
    "Problem", "SourceRef", "case_file_hash", "load_case",
]
