"""Result files of blind-set studies keep the first run (scored before any change to the code
under test) above the current one, so the two are always read side by side."""

from __future__ import annotations

from pathlib import Path

FIRST_RUN, NOW = "== first run", "== now"


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
