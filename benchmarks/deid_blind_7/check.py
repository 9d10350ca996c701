"""Validate deid_blind_7/labels.yaml against the texts in this folder, with set 6's checker
(which is set 5's; the same rules, called here with this folder).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_7/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_6_check",
                                               HERE.parent / "deid_blind_6" / "check.py")
_set6 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set6)
_main = getattr(_set6, "main", None) or _set6._checker.main

if __name__ == "__main__":
    sys.exit(_main(HERE))
