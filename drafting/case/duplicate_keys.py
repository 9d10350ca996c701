"""Refuse a key written twice in one mapping of a case file.

YAML 1.2 and JSON (RFC 8259: names "SHOULD be unique") leave a repeated key to the reader, and
both PyYAML and Python's json keep the last value silently: a fact pasted over another, or a
second ``statement:`` added under a fact, would drop the first without a word. A case is
written by hand and by intake, so a repeated key is refused with the line of both copies.
"""

from __future__ import annotations

from typing import Any

import yaml

# "<<" is YAML's merge key; it may repeat legitimately and is not a field.
_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKey(ValueError):
    """A mapping holds the same key twice; ``line`` is the second one (None for JSON)."""

    def __init__(self, key: str, line: int | None = None, first_line: int | None = None):
        where = f" (first at line {first_line})" if first_line is not None else ""
        self.message = f"the key '{key[:60]}' is written twice in one mapping{where}"
        self.fix = "keep one of them: a repeated key silently replaces the first value"
        self.line = line
        super().__init__(self.message)


def check_yaml_keys(root: yaml.Node) -> None:
    """Walk the composed nodes (each once; aliases are shared nodes) and refuse a mapping whose
    scalar keys repeat."""
    seen: set[int] = set()
    pending: list[yaml.Node] = [root]
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[str, int] = {}
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.tag != _MERGE:
                    line = key.start_mark.line + 1
                    if key.value in first:
                        raise DuplicateKey(str(key.value), line, first[key.value])
                    first[key.value] = line
                pending.append(value)
        elif isinstance(node, yaml.SequenceNode):
            pending.extend(node.value)


def unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads`` object_pairs_hook: a dict, or DuplicateKey on a repeated name."""
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise DuplicateKey(key)
        found[key] = value
    return found
