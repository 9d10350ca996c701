"""Validate deid_blind_8/labels.yaml against the texts in this folder, with set 7's checker
(which is set 6's, which is set 5's; the same rules, called here with this folder).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_8/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_7_check",
                                               HERE.parent / "deid_blind_7" / "check.py")
_set7 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set7)
_main = getattr(_set7, "main", None) or _set7._main

if __name__ == "__main__":
    sys.exit(_main(HERE))
