"""Check the labels of held-out intake set 29 with set 28's checker, pointed at this folder.

Set 28's checker wraps set 1's (spans verbatim, vocabularies, date forms, identifiers present).

Run: python benchmarks/intake_blind_29/check_labels.py"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "intake_blind_28_check_labels", HERE.parent / "intake_blind_28" / "check_labels.py"
)
_set28 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set28)

if __name__ == "__main__":
    sys.exit(_set28._checker.main(HERE))
