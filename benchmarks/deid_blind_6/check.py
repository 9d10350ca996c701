"""Validate deid_blind_6/labels.yaml against the texts in this folder, with set 5's checker
(the same rules; written by the set's author as a copy of it, replaced by this call).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_6/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_5_check",
                                               HERE.parent / "deid_blind_5" / "check.py")
_checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checker)

if __name__ == "__main__":
    sys.exit(_checker.main(HERE))
