"""Why a document could not be ingested, naming the file."""

from __future__ import annotations

from pathlib import Path


class IngestError(Exception):
    def __init__(self, file: Path | str, problem: str, fix: str = ""):
        self.file, self.problem, self.fix = Path(file), problem, fix
        super().__init__(f"{file}: {problem}." + (f" Fix: {fix}" if fix else ""))
