"""A medical-legal evaluator's conclusions on the patient's status, as a workers' compensation
or disability record states them: maximum medical improvement or permanent and stationary
status ("He was MMI as of 06/12/2024", "Not at MMI."), an impairment rating ("DRE Lumbar
Category II, 8% WPI") and apportionment ("70% industrial and 30% non-industrial"). Each is a
fact of the case (category ``other``), dated by its own date where it gives one; a question
asked of the evaluator ("Is the applicant at MMI?") is none."""

from __future__ import annotations

import re

STATUS = re.compile(
    r"\b(?:MMI|maximum (?:medical|therapeutic) improvement|permanent and stationary|P&S)\b|"
    r"\b\d{1,3}\s?%\s*(?:WPI|whole[- ]person(?: impairment)?)\b|\bDRE\b[^.;]{0,30}\bcategory\b|"
    r"\b\d{1,3}\s?%\s*(?:is\s+)?(?:industrial|non-?industrial)\b|"
    r"\b\d{1,3}\s?%[^.;]{0,60}\bcaused by\b[^.;]{0,40}\bindustrial\b",
    re.IGNORECASE)


def medicolegal_status(text: str) -> bool:
    """A sentence concluding the patient's MMI status, impairment or apportionment."""
    return bool(STATUS.search(text)) and not text.rstrip().endswith("?")
