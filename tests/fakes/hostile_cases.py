"""Hostile case files of issue #22, built from an example case: a YAML alias bomb ("billion
laughs"), a large file with many problems, and deeply nested YAML and JSON. Used by the tests and
``benchmarks/hostile_input.py``."""

from __future__ import annotations

from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "cases" / "wc-lumbar-esi-defense.yaml"


def alias_bomb(levels: int = 9, width: int = 10) -> str:
    """A few KB of YAML whose aliases expand to width**levels values, inside a real case."""
    lines = [f'a0: &a0 [{", ".join(["lol"] * width)}]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    case = EXAMPLE.read_text(encoding="utf-8").rstrip()
    return case + "\nnotes_bomb:\n  " + "\n  ".join(lines) + "\n"


def many_problems(problems: int = 40, target_bytes: int = 1_400_000) -> str:
    """The example case padded with valid facts to about ``target_bytes``, of which
    ``problems`` carry an invalid laterality (each one a problem with its own line)."""
    head, _, tail = EXAMPLE.read_text(encoding="utf-8").partition("\nfacts:\n")
    entries = []
    n, size = 1000, len(head) + len(tail)
    while size < target_bytes:
        side = "sideways" if len(entries) < problems else "left"
        entry = (f"  - id: F{n}\n    category: history\n    date: 2016-03-01\n"
                 f"    statement: Padding fact {n} restating that low back pain continued with "
                 f"intermittent radiation and no new injury was reported at the visit.\n"
                 f"    laterality: {side}\n    source: {{document: D1, page: 1}}\n")
        entries.append(entry)
        size += len(entry)
        n += 1
    return head + "\nfacts:\n" + "".join(entries) + tail


def deep_yaml(depth: int = 100_000) -> str:
    return "id: " + "[" * depth + "]" * depth + "\n"


def deep_json(depth: int = 100_000) -> str:
    return '{"id": ' + "[" * depth + "]" * depth + "}"


def deep_json_body(depth: int = 100_000) -> bytes:
    """A JSON request body nested ``depth`` levels (for the API)."""
    return ('{"case": ' + "[" * depth + "]" * depth + "}").encode()


def write_all(directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    files = {"alias_bomb": ("alias-bomb.yaml", alias_bomb()),
             "many_problems": ("many-problems.yaml", many_problems()),
             "deep_yaml": ("deep.yaml", deep_yaml()),
             "deep_json": ("deep.json", deep_json())}
    written = {}
    for key, (name, text) in files.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written[key] = path
    return written
