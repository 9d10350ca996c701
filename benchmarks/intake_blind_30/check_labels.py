"""Check the labels of held-out intake set 30 with set 29's checker, pointed at this folder.

Set 29's checker wraps set 28's, which wraps set 1's (spans verbatim, vocabularies, date forms,
identifiers present).

Run: python benchmarks/intake_blind_30/check_labels.py"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "intake_blind_29_check_labels", HERE.parent / "intake_blind_29" / "check_labels.py"
)
_set29 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set29)

if __name__ == "__main__":
    sys.exit(_set29._set28._checker.main(HERE))
