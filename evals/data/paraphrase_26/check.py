"""Validate held-out paraphrase set 26 with set 4's checker (the same rules, ids <case>-p26-NNN;
set 25's wrapper with the folder and the id pattern changed).

Run from the repo root: python evals/data/paraphrase_26/check.py
"""

import importlib.util
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location(
    "paraphrase_4_check", os.path.join(HERE, "..", "paraphrase_4", "check.py"))
_checker = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_checker)

if __name__ == "__main__":
    sys.exit(_checker.main(HERE, "p26"))
