"""Validate held-out paraphrase set 28 with set 27's checker (which wraps set 26's, which loads
set 4's validator), pointed at this folder and the id pattern <case>-p28-NNN; nothing is copied.

Run from the repo root: python evals/data/paraphrase_28/check.py
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "paraphrase_27_check", os.path.join(HERE, "..", "paraphrase_27", "check.py"))
_set27 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_set27)

if __name__ == "__main__":
    sys.exit(_set27._set26._checker.main(HERE, "p28"))
