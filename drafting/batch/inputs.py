"""The case files of a batch: found from a directory or a glob, every one validated before any
drafting starts. A bad file is reported with all its problems and skipped; so is a second file
with the same content, or with a case id another file already uses (their outputs would
overwrite each other)."""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from drafting.case import Case, CaseFileError, case_file_hash, load_case
from drafting.case.loader import SUFFIXES
from drafting.store import NewRunItem


class NoCaseFilesError(ValueError):
    """The directory or pattern names no case file."""


@dataclass(frozen=True)
class CheckedCase:
    item: NewRunItem
    case: Case | None  # None when invalid


def find_case_files(spec: str) -> list[Path]:
    """Case files (.yaml, .yml, .json) directly in a directory, or matching a glob pattern
    (``**`` recurses), in sorted order."""
    path = Path(spec)
    if path.is_dir():
        found = [p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES]
    elif path.is_file():
        found = [path]
    else:
        found = [Path(p) for p in glob.glob(spec, recursive=True)
                 if Path(p).is_file() and Path(p).suffix.lower() in SUFFIXES]
    if not found:
        what = "directory" if path.is_dir() else "pattern"
        raise NoCaseFilesError(f"{spec}: no case files (.yaml, .yml, .json) in this {what}")
    return sorted(found)


def check_cases(paths: list[Path]) -> list[CheckedCase]:
    """Validate every file; never raises for a bad file (its problems are in ``item.errors``)."""
    checked: list[CheckedCase] = []
    by_hash: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for path in paths:
        shown = str(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            checked.append(CheckedCase(NewRunItem(shown, errors=[f"{shown}: cannot read: "
                                                                  f"{exc.strerror or exc}"]),
                                       None))
            continue
        case_hash = case_file_hash(data)
        try:
            case = load_case(path)
        except CaseFileError as exc:
            errors = [p.render(exc.file) for p in exc.problems]
            checked.append(CheckedCase(NewRunItem(shown, case_hash=case_hash, errors=errors),
                                       None))
            continue
        errors = []
        if case_hash in by_hash:
            errors.append(f"{shown}: same content as {by_hash[case_hash]}; drafted once, there")
        elif case.id in by_id:
            errors.append(f"{shown}: case id '{case.id}' is also the id of {by_id[case.id]}; "
                          "their outputs would overwrite each other. Fix: give each case its "
                          "own id")
        if errors:
            checked.append(CheckedCase(NewRunItem(shown, case_id=case.id, errors=errors), None))
            continue
        by_hash[case_hash], by_id[case.id] = shown, shown
        checked.append(CheckedCase(NewRunItem(shown, case_id=case.id, case_hash=case_hash,
                                              content=data.decode("utf-8"),
                                              validated=case.model_dump_json()), case))
    return checked
