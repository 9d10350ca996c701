"""Write a drafted case as a YAML case file a reviewer can read: the same layout as the example
cases (flow style for short mappings), with a header saying what to check."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from drafting.case import Case

FLOW_KEYS = {"source", "dose", "duration", "details"}


class _Flow(dict):
    """A mapping written on one line."""


class _FlowList(list):
    """A list of scalars written on one line."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:  # shared dates must not become &id001 anchors
        return True


def _flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


_Dumper.add_representer(_Flow, _flow)
_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence(
    "tag:yaml.org,2002:seq", v, flow_style=True))
_Dumper.add_multi_representer(Enum, lambda d, v: d.represent_str(str(v.value)))


def _tidy(value: Any, key: str | None = None) -> Any:
    """Whole floats as integers; short mappings in flow style."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        tidy = {k: _tidy(v, k) for k, v in value.items()}
        return _Flow(tidy) if key in FLOW_KEYS else tidy
    if isinstance(value, list):
        items = [_tidy(v) for v in value]
        if key in ("documents", "measures", "diagnoses"):
            items = [_Flow(i) if isinstance(i, dict) else i for i in items]
        if items and not any(isinstance(i, dict | list) for i in items):
            return _FlowList(items)
        return items
    return value


def render(data: dict[str, Any], header: list[str]) -> str:
    body = yaml.dump(_tidy(data), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header)
    return comments + body


def write(path: Path, data: dict[str, Any], header: list[str]) -> None:
    """Write atomically: a failure leaves any earlier file as it was."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(render(data, header), encoding="utf-8")
    tmp.replace(path)


def write_valid(path: Path, data: dict[str, Any], header: list[str], replace: bool = False
                ) -> Case:
    """Write the case only if the file, as written, loads through the case model; otherwise
    raise CaseFileError naming ``path``, line and field, and leave any earlier file as it was.
    An existing file is replaced only when asked."""
    from drafting.case import CaseFileError, load_case

    if path.exists() and not replace:
        raise FileExistsError(f"{path} already exists; choose another case id or replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.stem}.partial{path.suffix}")  # the loader reads by suffix
    tmp.write_text(render(data, header), encoding="utf-8")
    try:
        case = load_case(tmp)
    except CaseFileError as exc:
        tmp.unlink()
        raise CaseFileError(path, exc.problems) from None
    tmp.replace(path)
    return case


def header_lines(files: int, today: dt.date, proposed: int, unreadable: list[str],
                 refused: list[str], notes: list[str], learned: int = 0) -> list[str]:
    lines = [f"Drafted by 'necessity intake' from {files} record file(s) on {today.isoformat()}.",
             "A reviewer checks every fact against its source page before this case is used;",
             "each statement is the sentence as written on that page."]
    if proposed:
        lines.append(f"{proposed} fact(s) marked 'proposed: true' came from a language model: "
                     "accept each by deleting the flag, or delete the fact.")
    if learned:
        lines.append(f"{learned} fact(s) marked 'proposed: true' were read by the sentence "
                     "classifier (a statistical reader trained on labelled synthetic records, "
                     "not a language model) from sentences no rule read: accept or delete each.")
    if unreadable:
        lines += ["", "Pages without readable text (counted in the inventory, no facts read):"]
        lines += [f"  {entry}" for entry in unreadable]
    if refused:
        lines += ["", "Files not read:"] + [f"  {entry}" for entry in refused]
    if notes:
        lines += ["", "To check:"] + [f"  {note}" for note in notes]
    return lines
