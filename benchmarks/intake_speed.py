"""Intake speed with and without the sentence classifier, side by side in one run: every
labelled blind record text (benchmarks/intake_blind*/), read by ``run_intake`` without OCR, once
by the rules alone (NECESSITY_SENTENCE_MODEL=off) and once with the bundled classifier, each
configuration timed in alternating passes (the best of PASSES), after one untimed warm-up pass
that loads the vocabularies and the model.

Run: ``python benchmarks/intake_speed.py`` (writes benchmarks/results/intake_speed.txt)."""

from __future__ import annotations

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafting.intake.learned.model import ENV  # noqa: E402
from drafting.intake.run import run_intake  # noqa: E402

PASSES = 3
TODAY = dt.date(2026, 12, 5)
RESULT = ROOT / "benchmarks" / "results" / "intake_speed.txt"


def _pass(texts: list[Path], classifier: bool) -> float:
    os.environ[ENV] = "" if classifier else "off"
    started = time.perf_counter()
    for path in texts:
        run_intake([path], case_id="speed", ocr=False, today=TODAY)
    return time.perf_counter() - started


def main() -> None:
    texts = sorted(p for p in (ROOT / "benchmarks").glob("intake_blind*/*.txt")
                   if p.with_suffix(".labels.yaml").exists())
    size = sum(p.stat().st_size for p in texts)
    for classifier in (False, True):
        _pass(texts[:3], classifier)  # warm-up: vocabularies and model loaded
    best = {False: float("inf"), True: float("inf")}
    for _ in range(PASSES):
        for classifier in (False, True):
            best[classifier] = min(best[classifier], _pass(texts, classifier))
    os.environ.pop(ENV, None)
    load = os.getloadavg()[0]
    lines = [f"intake speed, {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC: {len(texts)} blind "
             f"record texts ({size / 1024:.0f} KB), no OCR, best of {PASSES} alternating passes",
             f"  rules alone (NECESSITY_SENTENCE_MODEL=off): {best[False]:.2f} s "
             f"({1000 * best[False] / len(texts):.0f} ms a text)",
             f"  rules and sentence classifier:              {best[True]:.2f} s "
             f"({1000 * best[True] / len(texts):.0f} ms a text)",
             f"  ratio with / without the classifier: {best[True] / best[False]:.2f}",
             f"  load average (1 min) after timing: {load:.2f} on {os.cpu_count()} cores", ""]
    RESULT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
