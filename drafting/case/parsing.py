"""Parse a case file's text once, safely, keeping the node tree for line numbers.

A YAML file is first read as a stream of events (libyaml where installed; linear, no recursion)
to measure its nesting depth and how far its aliases would expand. A file nested deeper than any
case, or whose aliases would expand past a small budget ("billion laughs"), is refused before
any object is built. The accepted file is then composed once; the same nodes give the data and,
for every problem found later, the line it stands on, so a file with many problems is not
parsed again per problem. JSON is parsed by the standard library and its nesting measured the
same way."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from typing import Any

import yaml

from drafting.case.duplicate_keys import check_yaml_keys
from drafting.case.problems import Loc

# A case is at most about six levels deep (case > facts > fact > source > page); 64 leaves room
# for nested notes and stops recursion in the composer and the validator long before it matters.
MAX_DEPTH = 64
# Anchors and aliases are legal YAML and a case may reuse a block; expanding them may not add
# more than this many nodes in all (a 9-level "billion laughs" would add 10**9).
MAX_ALIAS_NODES = 10_000

_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _SafeLoader(yaml.SafeLoader):
    """Safe YAML (pure Python) that leaves dates as text, so pydantic reports a bad date."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS


_Loader: type = _SafeLoader
if getattr(yaml, "__with_libyaml__", False):
    class _CLoader(yaml.CSafeLoader):
        yaml_implicit_resolvers = _NO_TIMESTAMPS

    _Loader = _CLoader


class UnsafeYaml(ValueError):
    """The file's structure is refused before it is built: too deep or an alias bomb."""

    def __init__(self, message: str, fix: str, line: int | None):
        super().__init__(message)
        self.message, self.fix, self.line = message, fix, line


def long_number(digits: int) -> tuple[str, str]:
    """The message and fix for an integer longer than Python converts (``int`` refuses more than
    ``sys.get_int_max_str_digits()`` digits, CVE-2020-10735): no age, dose or count is that long."""
    return (f"a number of {digits:,} digits, past the {sys.get_int_max_str_digits():,}-digit "
            "limit for numbers", "write the number as the record gives it, or quote it as text")


def _construct_int(loader: yaml.constructor.SafeConstructor, node: yaml.ScalarNode) -> int:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_int(loader, node)
    except ValueError:
        raise UnsafeYaml(*long_number(len(str(node.value))), node.start_mark.line + 1) from None


_loader_class: Any
for _loader_class in {_SafeLoader, _Loader}:  # both are yaml.SafeLoader classes
    _loader_class.add_constructor("tag:yaml.org,2002:int", _construct_int)


class YamlSyntax(ValueError):
    def __init__(self, problem: str, line: int | None, column: int | None):
        super().__init__(problem)
        self.problem, self.line, self.column = problem, line, column


@dataclass(frozen=True)
class Parsed:
    """The data of a case file and, for YAML, its root node (for line numbers)."""

    data: Any
    root: yaml.Node | None


def _line(event: yaml.Event) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def _syntax(exc: yaml.YAMLError) -> YamlSyntax:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return YamlSyntax(problem, mark.line + 1 if mark else None,
                      mark.column + 1 if mark else None)


def check_yaml_structure(text: str) -> None:
    """Refuse a YAML text nested deeper than MAX_DEPTH or whose aliases would expand past
    MAX_ALIAS_NODES, in one streaming pass that builds nothing."""
    sizes: dict[str, int] = {}  # anchor -> nodes in the anchored subtree, aliases expanded
    stack: list[list[Any]] = []  # open collections: [anchor, nodes so far]
    added = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise UnsafeYaml(f"nested more than {MAX_DEPTH} levels deep",
                                     "a case file is a few levels deep; flatten the structure",
                                     _line(event))
                stack.append([event.anchor, 1])
            elif isinstance(event, yaml.CollectionEndEvent):
                anchor, size = stack.pop()
                if anchor is not None:
                    sizes[anchor] = size
                if stack:
                    stack[-1][1] += size
            elif isinstance(event, (yaml.ScalarEvent, yaml.AliasEvent)):
                if isinstance(event, yaml.AliasEvent):
                    size = sizes.get(event.anchor, 1)
                    added += size
                    if added > MAX_ALIAS_NODES:
                        raise UnsafeYaml(
                            f"aliases would expand to more than {MAX_ALIAS_NODES:,} extra "
                            f"values (alias *{event.anchor})", "write the values out instead of "
                            "repeating anchors (YAML '&' and '*')", _line(event))
                else:
                    size = 1
                    if event.anchor is not None:
                        sizes[event.anchor] = 1
                if stack:
                    stack[-1][1] += size
    except yaml.YAMLError as exc:
        raise _syntax(exc) from None


def parse_yaml(text: str) -> Parsed:
    """Check the structure, then compose once and construct from the same nodes."""
    check_yaml_structure(text)
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is not None:
            check_yaml_keys(root)
            check_cut_values(root, text)
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise _syntax(exc) from None
    finally:
        loader.dispose()
    return Parsed(data, root)


# After an unquoted value, " #" opens a YAML comment: "service: Tylenol #3 (with codeine)"
# is read as "Tylenol". A comment that begins with a digit ("#3", "#90", "#2") is nearly always
# the rest of the value (a product number, a quantity, a block's number), never a remark.
_CUT = re.compile(r"[ \t]+#\d")


class CutValue(UnsafeYaml):
    """Unquoted values that YAML cuts short at " #<digit>", taking the rest for a comment:
    ``cuts`` holds (field path, message, fix, line) for each, in line order."""

    def __init__(self, cuts: list[tuple[Loc, str, str, int]]):
        super().__init__(*cuts[0][1:])
        self.cuts = cuts


def check_cut_values(root: yaml.Node, text: str) -> None:
    """Refuse a file whose unquoted values are followed on their line by " #<digit>": each would
    be read short and the rest silently dropped."""
    lines = text.splitlines()
    cuts = []
    pending: list[tuple[yaml.Node, Loc]] = [(root, ())]
    while pending:
        node, loc = pending.pop()
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                pending += [(key, loc), (value, (*loc, str(key.value)))]
        elif isinstance(node, yaml.SequenceNode):
            pending += [(child, (*loc, i)) for i, child in enumerate(node.value)]
        elif isinstance(node, yaml.ScalarNode) and not node.style:  # plain ("" in libyaml)
            end = node.end_mark
            rest = lines[end.line][end.column:] if end.line < len(lines) else ""
            if _CUT.match(rest):
                whole = f"{node.value}{rest}".strip()
                shown = whole if len(whole) <= 70 else whole[:67] + "..."
                cuts.append((loc, f"the value {node.value!r} stops where ' #' begins: YAML reads "
                             f"{rest.strip()[:40]!r} as a comment, so it would be dropped",
                             f"quote the whole value: \"{shown}\"", end.line + 1))
    if cuts:
        raise CutValue(sorted(cuts, key=lambda cut: cut[3]))


def json_depth_over(data: Any, limit: int = MAX_DEPTH) -> bool:
    """Whether parsed JSON nests deeper than ``limit`` (iterative: no recursion)."""
    pending: list[tuple[Any, int]] = [(data, 0)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict | list):
            if depth >= limit:
                return True
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, depth + 1) for child in children)
    return False


def line_of(root: yaml.Node | None, loc: Loc) -> int | None:
    """1-based line of the deepest node on ``loc`` that exists (None without a node tree)."""
    node: yaml.Node | None = root
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
