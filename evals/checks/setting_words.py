"""Abbreviations a setting reads its own way (``setting_abbreviations`` in
``evals/data/lexicon.yaml``): in California workers' comp "RFA" is the request for authorization
form, not radiofrequency ablation. The entities check reads them as their setting's meaning
before it looks for concepts, unless the case asks for the concept they otherwise name."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evals.checks.entities import Lexicon


def setting_meanings(lex: Lexicon, setting: str, requested: frozenset[str]
                     ) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The setting's own abbreviations (pattern, meaning) that stand for something other than
    the concept they name elsewhere, less those whose concept the case asks for."""
    return tuple((re.compile(rf"\b{re.escape(abbr)}\b"), meaning)
                 for abbr, meaning in lex.in_setting.get(setting, {}).items()
                 if not any(said & requested for said, _ in lex.mentions(abbr)))
