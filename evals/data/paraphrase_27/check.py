"""Validate held-out paraphrase set 27 with set 26's checker (which loads set 4's validator),
pointed at this folder and the id pattern <case>-p27-NNN; nothing is copied.

Run from the repo root: python evals/data/paraphrase_27/check.py
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "paraphrase_26_check", os.path.join(HERE, "..", "paraphrase_26", "check.py"))
_set26 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set26)

if __name__ == "__main__":
    sys.exit(_set26._checker.main(HERE, "p27"))
