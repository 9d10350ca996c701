"""Load the bundled excerpt corpus (``guideline_index/corpus/*.yaml``), failing with the file and
excerpt named when anything is wrong."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from drafting.case.problems import Problem
from guideline_index.excerpt import Excerpt

CORPUS_DIR = Path(__file__).with_name("corpus")
# Keys a corpus file states once for all its excerpts; an excerpt may override any of them.
FILE_DEFAULTS = ("guideline", "short", "edition", "publisher", "source", "settings", "paginated")


class CorpusError(Exception):
    def __init__(self, file: Path, problems: list[Problem]):
        self.file, self.problems = file, problems
        super().__init__("\n".join(problem.render(file) for problem in problems))


def load_corpus_file(path: Path) -> list[Excerpt]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CorpusError(path, [Problem((), f"invalid YAML: {exc}", "fix the syntax")]) from None
    if not isinstance(data, dict) or not isinstance(data.get("excerpts"), list):
        fix = "a corpus file has file-level keys and 'excerpts: [...]'"
        raise CorpusError(path, [Problem(("excerpts",), "no list of excerpts", fix)])
    defaults = {key: data[key] for key in FILE_DEFAULTS if key in data}
    excerpts, problems = [], []
    for index, raw in enumerate(data["excerpts"]):
        entry: dict[str, Any] = {**defaults, **raw} if isinstance(raw, dict) else raw
        try:
            excerpts.append(Excerpt.model_validate(entry))
        except ValidationError as exc:
            name = raw.get("id", "?") if isinstance(raw, dict) else "?"
            for error in exc.errors(include_url=False):
                loc = ("excerpts", index, *error["loc"])
                problems.append(Problem(loc, f"excerpt '{name}': {error['msg']}",
                                        "see guideline_index/corpus/README.md"))
    if problems:
        raise CorpusError(path, problems)
    return excerpts


@cache
def load_corpus(directory: Path = CORPUS_DIR) -> tuple[Excerpt, ...]:
    """Every excerpt of every corpus file, ids unique across files."""
    excerpts: list[Excerpt] = []
    seen: dict[str, Path] = {}
    for path in sorted(directory.glob("*.yaml")):
        for excerpt in load_corpus_file(path):
            if excerpt.id in seen:
                where = f"'{excerpt.id}' (also in {seen[excerpt.id].name})"
                problem = Problem(("excerpts",), f"duplicate excerpt id {where}",
                                  "give each excerpt its own id")
                raise CorpusError(path, [problem])
            seen[excerpt.id] = path
            excerpts.append(excerpt)
    return tuple(excerpts)


def excerpts_by_id(directory: Path = CORPUS_DIR) -> dict[str, Excerpt]:
    return {excerpt.id: excerpt for excerpt in load_corpus(directory)}
