"""Stage ``export``: the draft written in each chosen format (Markdown, DOCX, PDF, JSON), each
file atomically."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from drafting.draft import Draft
from drafting.export import export


class Export:
    name: ClassVar[str] = "export"

    def __init__(self, out_dir: Path, formats: Sequence[str]):
        self.out_dir = out_dir
        self.formats = list(formats)

    def run(self, draft: Draft) -> dict[str, Path]:
        return export(draft, self.out_dir, self.formats)
