"""Pydantic types for spinal levels and lists of them, normalised to one spelling."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from drafting.case.vocab import LEVEL_HELP, normalize_level


def _as_list(value: object) -> object:
    """Accept a single level written as a string where a list is expected."""
    return [value] if isinstance(value, str) else value


_LEVEL_SCHEMA = {
    "type": "string",
    "pattern": r"^[CTLSctls][0-9]{1,2}(\s*[-/]\s*[CTLSctls]?[0-9]{1,2})?$",
    "description": LEVEL_HELP,
}

SpinalLevel = Annotated[str, AfterValidator(normalize_level), WithJsonSchema(_LEVEL_SCHEMA)]
SpinalLevels = Annotated[list[SpinalLevel], BeforeValidator(_as_list)]
