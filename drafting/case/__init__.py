"""The structured case file: model, vocabularies, loading and validation."""

from drafting.case.case import Case, Diagnosis, KeyDates, Patient
from drafting.case.fact import Dose, Duration, Fact, Measure
from drafting.case.fingerprint import case_file_hash
from drafting.case.item import DisputedItem, ExpectedOutcome, ItemDetails, PriorDecision
from drafting.case.loader import case_from_text, load_case, load_case_text, read_case_bytes
from drafting.case.problems import CaseFileError, Problem
from drafting.case.records import Document, SourceRef
from drafting.case.variants import DraftRequestError, as_document_type, recast

__all__ = [
    "Case", "CaseFileError", "Diagnosis", "DisputedItem", "Document", "Dose", "DraftRequestError",
    "Duration", "ExpectedOutcome", "Fact", "ItemDetails", "KeyDates", "Measure", "Patient",
    "PriorDecision", "Problem", "SourceRef", "as_document_type", "case_file_hash",
    "case_from_text", "load_case", "load_case_text", "read_case_bytes", "recast",
]
