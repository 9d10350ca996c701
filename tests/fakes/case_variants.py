"""Many distinct synthetic cases from the bundled examples: each copy gets its own case id (so
its content hash and its output file names differ), for batch tests and benchmarks."""

from __future__ import annotations

import re
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "cases"
_ID = re.compile(r"^id: (\S+)$", re.MULTILINE)


def write_case_variants(directory: Path, count: int, examples: Path = EXAMPLES) -> list[Path]:
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
        path = directory / f"{new_id}.yaml"
        path.write_text(_ID.sub(f"id: {new_id}", text, count=1), encoding="utf-8")
        written.append(path)
    return written
