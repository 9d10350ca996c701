"""Validate deid_blind_9/labels.yaml against the texts in this folder, with set 8's checker
(which is set 7's, set 6's and set 5's; the same rules, called here with this folder).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_9/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_8_check",
                                               HERE.parent / "deid_blind_8" / "check.py")
_set8 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set8)
_main = _set8._main

if __name__ == "__main__":
    sys.exit(_main(HERE))
