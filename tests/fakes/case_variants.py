"""Many distinct synthetic cases from the bundled examples: each copy gets its own case id (so
its content hash and its output file names differ), for batch tests and benchmarks.

With ``distinct_facts`` each copy's fact statements also end in a sentence naming the copy (in
letters, so no number, date, side or level changes), as the facts of real cases differ from case
to case: a benchmark then pays for encoding every case's own facts instead of reusing the counts
of an earlier copy's identical facts."""

from __future__ import annotations

import re
import string
from pathlib import Path

import yaml

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"
_ID = re.compile(r"^id: (\S+)$", re.MULTILINE)


def copy_name(n: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': the copy number in letters."""
    letters = string.ascii_lowercase
    name = letters[n % 26]
    while n >= 26:
        n //= 26
        name = letters[n % 26] + name
    return name


def write_case_variants(directory: Path, count: int, examples: Path = EXAMPLES, *,
                        distinct_facts: bool = False) -> list[Path]:
    """Write ``count`` case files into ``directory``, cycling through the examples; the n-th
    copy of ``x.yaml`` has case id ``x-vNNN``. Returns their paths in order."""
    sources = sorted(examples.glob("*.yaml"))
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for n in range(count):
        source = sources[n % len(sources)]
        text = source.read_text(encoding="utf-8")
        case_id = _ID.search(text)
        assert case_id, f"{source} has no top-level id line"
        new_id = f"{case_id.group(1)[:70]}-v{n:03d}"
        text = _ID.sub(f"id: {new_id}", text, count=1)
        if distinct_facts:
            data = yaml.safe_load(text)
            for fact in data["facts"]:
                fact["statement"] = f"{fact['statement'].rstrip()} Filed as copy {copy_name(n)}."
            text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
        path = directory / f"{new_id}.yaml"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
