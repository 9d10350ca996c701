"""Check the blind labels: every evidence/trap span occurs verbatim in its text, vocabularies and
date forms are valid, identifiers occur in the text.

Run: python benchmarks/intake_blind_3/check_labels.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.intake_blind.check_labels import main  # set 1's checker

if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent))
