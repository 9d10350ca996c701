"""Problems found in a case file, each naming where it is and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

Loc = tuple[str | int, ...]


def format_path(loc: Loc) -> str:
    """``("facts", 3, "source", "page")`` -> ``facts[3].source.page``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    loc: Loc
    message: str
    fix: str = ""
    line: int | None = None

    @property
    def path(self) -> str:
        return format_path(self.loc)

    def render(self, file: Path | str) -> str:
        where = f"{file}:{self.line}" if self.line else f"{file}"
        fix = f" Fix: {self.fix}" if self.fix else ""
        return f"{where}: {self.path}: {self.message}.{fix}"


class CaseFileError(Exception):
    """A case file that cannot be used, with every problem found in it."""

    def __init__(self, file: Path | str, problems: list[Problem]):
        self.file = Path(file)
        self.problems = problems
        super().__init__("\n".join(p.render(file) for p in problems))
