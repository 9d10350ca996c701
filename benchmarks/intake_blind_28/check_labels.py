"""Check the labels of held-out intake set 28 with set 1's checker (spans verbatim, vocabularies,
date forms, identifiers present).

Run: python benchmarks/intake_blind_28/check_labels.py"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location(
    "intake_blind_check_labels", HERE.parent / "intake_blind" / "check_labels.py"
)
_checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checker)

if __name__ == "__main__":
    sys.exit(_checker.main(HERE))
