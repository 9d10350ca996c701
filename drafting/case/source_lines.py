"""Find the line of a YAML/JSON file at which a path such as ``facts[3].source.page`` stands."""

from __future__ import annotations

import yaml

from drafting.case.problems import Loc


def line_of(text: str, loc: Loc) -> int | None:
    """1-based line of the deepest node on ``loc`` that exists, or None if unparseable."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    line = None
    for part in loc:
        if node is None:
            break
        line = node.start_mark.line + 1
        node = _child(node, part)
    if node is not None:
        line = node.start_mark.line + 1
    return line


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return node.value[part] if 0 <= part < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return value
    return None
