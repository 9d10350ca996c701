"""Validate deid_blind_27/labels.yaml against the texts in this folder, with set 10's checker
(which calls set 8's, 7's, 6's and 5's; the same rules, called here with this folder).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_27/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_10_check",
                                               HERE.parent / "deid_blind_10" / "check.py")
_set10 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set10)
_main = _set10._main

if __name__ == "__main__":
    sys.exit(_main(HERE))
