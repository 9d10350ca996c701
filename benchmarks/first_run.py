"""Blind-set studies: their numbered sets, found as soon as a set's folder exists, and result
files that keep the first run (scored before any change to the code under test) above the
current one, so the two are always read side by side."""

from __future__ import annotations

from pathlib import Path

FIRST_RUN, NOW = "== first run", "== now"
RESULTS = Path(__file__).resolve().parent / "results"


def numbered_sets(folder: Path, prefix: str, result_prefix: str) -> dict[str, tuple[Path, Path]]:
    """Every set ``folder/{prefix}_N`` by its number N, with the file its runs are written to
    (``benchmarks/results/{result_prefix}_N.txt``): a new held-out set needs no code change
    before its first run."""
    sets = {}
    for path in sorted(folder.glob(f"{prefix}_[0-9]*")):
        number = path.name.rsplit("_", 1)[1]
        sets[number] = (path, RESULTS / f"{result_prefix}_{number}.txt")
    return sets


def write_beside_first_run(path: Path, title: str, before: str, block: list[str]) -> str:
    """Write ``title``, the file's first-run block (``block`` itself on the very first run,
    labelled as scored before any change to ``before``) and ``block`` as the current run;
    returns the text written."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    if FIRST_RUN in old and NOW in old:
        first = old[old.index(FIRST_RUN):old.index(NOW)].rstrip()
    else:
        first = f"{FIRST_RUN} (before any change to {before}) ==\n" + "\n".join(block)
    text = f"{title}\n\n{first}\n\n{NOW} ==\n" + "\n".join(block) + "\n"
    path.write_text(text, encoding="utf-8")
    return text
