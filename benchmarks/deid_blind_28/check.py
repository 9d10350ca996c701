"""Validate deid_blind_28/labels.yaml against the texts in this folder with set 27's checker
(which reuses set 10's, and through it sets 8, 7, 6 and 5; the same rules, called here with
this folder).

Run: /work/main/.venv/bin/python benchmarks/deid_blind_28/check.py
"""

import importlib.util
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("deid_blind_27_check",
                                               HERE.parent / "deid_blind_27" / "check.py")
_set27 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set27)
_main = _set27._main

if __name__ == "__main__":
    sys.exit(_main(HERE))
