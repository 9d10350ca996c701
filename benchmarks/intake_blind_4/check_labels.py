"""Check the blind labels of intake set 4 with set 1's checker (same rules: every evidence/trap
span occurs verbatim in its text, vocabularies and date forms are valid, identifiers occur).

Run: python benchmarks/intake_blind_4/check_labels.py"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
_SPEC = importlib.util.spec_from_file_location(
    "intake_blind_check_labels", HERE.parent / "intake_blind" / "check_labels.py"
)
assert _SPEC is not None and _SPEC.loader is not None
_SET1 = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(_SET1)

if __name__ == "__main__":
    sys.exit(_SET1.main(HERE))
