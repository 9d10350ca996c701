"""The catalog: every indexed excerpt (bundled or ingested) as JSON lines, plus what was ingested.

The catalog is the source of truth the BM25 index and Chroma are built from, so both can be
rebuilt from it at any time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from guideline_index.excerpt import Excerpt


@dataclass
class Catalog:
    directory: Path
    excerpts: dict[str, Excerpt] = field(default_factory=dict)
    ingested: dict[str, dict] = field(default_factory=dict)  # content hash -> file record

    @property
    def excerpts_file(self) -> Path:
        return self.directory / "catalog.jsonl"

    @property
    def manifest_file(self) -> Path:
        return self.directory / "ingested.json"

    @classmethod
    def open(cls, directory: Path) -> Catalog:
        catalog = cls(directory)
        if catalog.excerpts_file.exists():
            with catalog.excerpts_file.open(encoding="utf-8") as lines:
                for line in lines:
                    excerpt = Excerpt.model_validate_json(line)
                    catalog.excerpts[excerpt.id] = excerpt
        if catalog.manifest_file.exists():
            catalog.ingested = json.loads(catalog.manifest_file.read_text(encoding="utf-8"))
        return catalog

    def save(self) -> None:
        """Write both files atomically (write aside, then rename)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        body = "".join(e.model_dump_json() + "\n" for e in self.excerpts.values())
        _atomic_write(self.excerpts_file, body)
        _atomic_write(self.manifest_file, json.dumps(self.ingested, indent=2, sort_keys=True))

    def ordered(self) -> list[Excerpt]:
        return list(self.excerpts.values())


def _atomic_write(path: Path, text: str) -> None:
    partial = path.with_suffix(path.suffix + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)
