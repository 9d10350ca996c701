"""Read a case file (YAML or JSON) into a validated ``Case``, or fail with every problem found."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import reprlib
import tempfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from drafting.case.case import Case
from drafting.case.checks import check_case
from drafting.case.duplicate_keys import DuplicateKey, unique_pairs
from drafting.case.parsing import (
    MAX_DEPTH,
    CutValue,
    Parsed,
    UnsafeYaml,
    YamlSyntax,
    json_depth_over,
    line_of,
    long_number,
    parse_yaml,
)
from drafting.case.problems import CaseFileError, Loc, Problem

MAX_CASE_BYTES = 2 * 1024 * 1024
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

_PATTERN_HINTS = {
    "^(?:[0-9]{4}[0-9FTU]|[A-V][0-9]{4})$": "write a CPT code (five characters, e.g. 64483 or "
    "0275T) or a HCPCS code (a letter and four digits, e.g. E0730), quoted",
    "^F[1-9][0-9]*$": "fact ids are F followed by a number: F1, F2, ...",
    "^I[1-9][0-9]*$": "disputed item ids are I followed by a number: I1, I2, ...",
    "^D[1-9][0-9]*$": "document ids are D followed by a number: D1, D2, ...",
    "^[a-z0-9][a-z0-9-]{2,79}$": "case ids are 3-80 lower-case letters, digits and hyphens",
}


def load_case(path: Path | str, today: dt.date | None = None) -> Case:
    path = Path(path)
    parsed, text = _read(path)
    lines = _Lines(parsed, text)
    try:
        case = Case.model_validate(parsed.data)
    except ValidationError as exc:
        raise CaseFileError(path, [lines.locate(p) for p in _from_pydantic(exc)]) from None
    problems = check_case(case, today)
    if problems:
        raise CaseFileError(path, [lines.locate(p) for p in problems])
    return case


class _Lines:
    """Lines of problems, from the one node tree of the file (JSON is composed once, only
    when a problem needs a line)."""

    def __init__(self, parsed: Parsed, text: str):
        self.root, self.text, self.composed = parsed.root, text, parsed.root is not None

    def locate(self, problem: Problem) -> Problem:
        if not self.composed:
            self.composed = True
            try:
                self.root = parse_yaml(self.text).root
            except (UnsafeYaml, YamlSyntax):
                self.root = None
        return Problem(problem.loc, problem.message, problem.fix, line_of(self.root, problem.loc))


def _fail(path: Path, message: str, fix: str, line: int | None = None) -> CaseFileError:
    return CaseFileError(path, [Problem((), message, fix, line)])


def read_case_file(path: Path) -> tuple[dict[str, Any], str]:
    """The parsed mapping (dates left as text) and the raw text of a case file, or an error."""
    parsed, text = _read(path)
    return parsed.data, text


# Byte-order marks of UTF-16 (LE, BE; UTF-32 LE starts the same), what Notepad's "Unicode" writes.
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _read(path: Path) -> tuple[Parsed, str]:
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise _fail(
            path, f"unsupported file type '{path.suffix}'", "use a .yaml, .yml or .json file"
        )
    if not path.is_file():
        raise _fail(path, "no such file", "check the path")
    size = path.stat().st_size
    if size > MAX_CASE_BYTES:
        raise _fail(
            path,
            f"file is {size:,} bytes, over the {MAX_CASE_BYTES:,}-byte limit for a case file",
            "a case file holds structured facts, not the records themselves; attach records "
            "as documents",
        )
    raw = path.read_bytes()
    if raw.startswith(_UTF16_BOMS):  # Windows editors' "Unicode": text, not binary
        raise _fail(path, "file is UTF-16 text, not UTF-8", "save it as UTF-8")
    if b"\x00" in raw:
        raise _fail(path, "file is binary, not a text case file", "save the case as YAML or JSON")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        message = f"file is not UTF-8 text (byte {exc.start})"
        raise _fail(path, message, "save it as UTF-8") from None
    if not text.strip():
        raise _fail(path, "file is empty", "start from a file in examples/cases/")
    parsed = _parse(path, text, kind)
    if not isinstance(parsed.data, dict):
        raise _fail(path, f"top level is a {type(parsed.data).__name__}, not a mapping",
                    "the file must be one case: a mapping with id, document_type, facts, ...")
    return parsed, text


def _parse(path: Path, text: str, kind: str) -> Parsed:
    if kind == "json":
        try:
            # a UTF-8 byte-order mark (Windows editors) is not JSON syntax; YAML already skips it
            data = json.loads(text.removeprefix("\ufeff"), object_pairs_hook=unique_pairs)
        except json.JSONDecodeError as exc:
            raise _fail(path, f"invalid JSON: {exc.msg} (column {exc.colno})", "fix the syntax",
                        exc.lineno) from None
        except RecursionError:
            data = None
        except DuplicateKey as exc:
            raise _fail(path, exc.message, exc.fix) from None
        except ValueError as exc:  # an integer past Python's digit limit
            digits = re.search(r"has (\d+) digits", str(exc))
            raise _fail(path, *long_number(int(digits[1]) if digits else 0)) from None
        if data is None or json_depth_over(data):
            raise _fail(path, f"JSON nested more than {MAX_DEPTH} levels deep",
                        "a case file is a few levels deep; flatten the structure")
        return Parsed(data, None)
    try:
        return parse_yaml(text)
    except CutValue as exc:
        raise CaseFileError(path, [Problem(loc, message, fix, line)
                                   for loc, message, fix, line in exc.cuts]) from None
    except (UnsafeYaml, DuplicateKey) as exc:
        raise _fail(path, exc.message, exc.fix, exc.line) from None
    except YamlSyntax as exc:
        if "nesting depth" in exc.problem:  # libyaml's own limit, past ours in flow style
            raise _fail(path, f"nested more than {MAX_DEPTH} levels deep", "a case file is a "
                        "few levels deep; flatten the structure", exc.line) from None
        column = f" (column {exc.column})" if exc.column else ""
        raise _fail(path, f"invalid YAML: {exc.problem}{column}", "fix the syntax; check "
                    "indentation and quote values that contain ': '", exc.line) from None


# What an error message shows of a value: bounded, however large or deeply nested it is.
_SHOW = reprlib.Repr()
_SHOW.maxstring, _SHOW.maxother, _SHOW.maxlevel, _SHOW.maxlist, _SHOW.maxdict = 60, 60, 2, 4, 4


def _from_pydantic(exc: ValidationError) -> list[Problem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc: Loc = tuple(part for part in error["loc"] if not isinstance(part, str) or
                         not part.startswith(("function-", "list[")))
        problems.append(Problem(loc, *_explain(error)))
    return problems


def _explain(error: Mapping[str, Any]) -> tuple[str, str]:
    kind, msg, ctx = error["type"], error["msg"], error.get("ctx") or {}
    shown = _SHOW.repr(error.get("input"))
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    if kind == "missing":
        return "required field is missing", f"add '{error['loc'][-1]}'"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(error["loc"][-1]), _field_names(), n=1, cutoff=0.75)
        fix = f"did you mean '{close[0]}'?" if close else "remove it or correct its spelling"
        return "unknown field", f"{fix} (see examples/case.schema.json)"
    if kind == "enum":
        return f"{shown} is not allowed", f"use one of: {ctx.get('expected', '')}"
    if kind.startswith("date"):
        return f"{shown} is not a valid date", "write the date as YYYY-MM-DD, e.g. 2024-03-15"
    if kind == "string_pattern_mismatch":
        hint = _PATTERN_HINTS.get(ctx.get("pattern", ""), f"match the pattern {ctx.get('pattern')}")
        return f"{shown} is not in the expected form", hint
    if kind == "value_error":
        message, _, fix = msg.removeprefix("Value error, ").partition("; ")
        return message, fix
    if kind == "too_short":
        return "must not be empty", "add at least one entry"
    if kind in {"int_parsing", "int_type", "float_parsing", "float_type", "int_from_float"}:
        return f"{shown} is not a number", "write a plain number without units"
    if kind in {"bool_parsing", "bool_type"}:
        return f"{shown} is not true or false", "write true or false"
    if kind == "string_type":
        value = error.get("input")
        example = str(value) if isinstance(value, int | float | bool) else "..."
        return f"{shown} is not text", f"quote it, e.g. \"{example}\""
    if kind in {"list_type", "dict_type", "model_type"}:
        return f"wrong type: {msg.lower()}, got {shown}", "see examples/case.schema.json"
    return f"{msg} (got {shown})", "see examples/case.schema.json"


@cache
def _field_names() -> frozenset[str]:
    """Every field name used anywhere in the case model, for spelling suggestions."""
    schema = Case.model_json_schema()
    models = [schema, *schema.get("$defs", {}).values()]
    return frozenset(name for model in models for name in model.get("properties", {}))


def load_case_text(text: str, name: str = "case.yaml") -> Case:
    """Validate case file text exactly as a file of that name would be validated."""
    suffix = Path(name).suffix or ".yaml"
    with tempfile.TemporaryDirectory(prefix="necessity-case-") as directory:
        path = Path(directory) / f"{Path(name).stem}{suffix}"
        path.write_text(text, encoding="utf-8")
        return load_case(path)


def case_from_text(text: str, validated: str | None, name: str) -> Case:
    """A stored case: its validated JSON if stored and still valid for this version of the case
    model (no parsing, a millisecond), else its text validated again."""
    if validated is not None:
        try:
            return Case.model_validate_json(validated)
        except ValidationError:
            pass  # written by an older case model: validate the text instead
    return load_case_text(text, name)


def read_case_bytes(data: bytes, name: str) -> tuple[Case, str]:
    """Validate a case file's bytes (an upload, a request body) as a file called ``name`` would
    be; returns the case and its text. Problems are raised as one CaseFileError naming
    ``name``, line and field."""
    if data.startswith(_UTF16_BOMS):
        raise CaseFileError(name, [Problem((), "the file is UTF-16 text, not UTF-8",
                                           "save it as UTF-8 YAML or JSON")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseFileError(name, [Problem((), f"the file is not UTF-8 text (byte {exc.start})",
                                           "save it as UTF-8 YAML or JSON")]) from None
    try:
        return load_case_text(text, name), text
    except CaseFileError as exc:
        raise CaseFileError(name, exc.problems) from None
