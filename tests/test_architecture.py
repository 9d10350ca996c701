"""The architecture holds: one drafting service behind every front end, stages run in the order
the README shows, layers as pyproject.toml declares them, and no cycles between packages."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from drafting.stages import PIPELINE
from tests.conftest import ROOT

FRONT_ENDS = ("drafting/cli", "drafting/api", "drafting/batch", "ui")
# What a front end must never do itself: assemble the pipeline or go under the store's public
# methods. Each pattern is one way the code used to do it.
UNDER_THE_SERVICE = {
    "imports a pipeline stage": r"^\s*(from|import) drafting\.(stages|pipeline|recording|"
                                r"reviewing|sources)\b",
    "creates a backend itself": r"^\s*(from|import) drafting\.backends\.registry\b",
    "writes files through the exporters": r"^\s*(from|import) drafting\.export\b",
    "imports store internals": r"^\s*(from|import) drafting\.store\.(reading|review|writing|"
                               r"connection|schema)",
    "goes under the store's methods": r"\bstore\.(reading|writing|db)\.",
    "begins, saves or finishes a draft itself": r"\.(begin_in|begin_draft|save_section|"
                                                r"finish_draft|save_regenerated|edit_section|"
                                                r"record_exports)\(|\bedit_in\(",
    "reviews through the store": r"\bstore\.review\.(override|sign_off|record_export)\(",
    "calls the pipeline": r"(?<![.\w])(draft_case|prepare|evaluate_draft|evaluate_case)\(",
}


def violations(text: str) -> list[str]:
    found = []
    for number, line in enumerate(text.splitlines(), start=1):
        for what, pattern in UNDER_THE_SERVICE.items():
            if re.search(pattern, line):
                found.append(f"line {number}: {what}: {line.strip()}")
    return found


def test_the_check_catches_each_way_around_the_service():
    samples = [
        "from drafting.stages import prepare",
        "from drafting.backends.registry import create",
        "    from drafting.export import export",
        "from drafting.store.review import edit_in",
        "section = store.reading.section_draft(conn, row)",
        "draft_id = store.begin_in(conn, case)",
        "version = edit_in(conn, draft_id, key, text, author, reason)",
        "store.review.sign_off(draft_id, author)",
        "draft = asyncio.run(draft_case(case, h, backend, settings, excerpts))",
    ]
    assert all(violations(sample) for sample in samples)
    assert not violations("draft_id, draft = service.drafting.draft(request)")
    assert not violations("from drafting.store import DraftSummary, NotStoredError")
    assert not violations("overrides = service.store.review.overrides(draft_id)")


@pytest.mark.parametrize("front_end", FRONT_ENDS)
def test_front_ends_go_through_the_service(front_end: str):
    found = {str(path.relative_to(ROOT)): violations(path.read_text(encoding="utf-8"))
             for path in sorted((ROOT / front_end).rglob("*.py"))}
    assert not {path: lines for path, lines in found.items() if lines}


def test_the_readme_shows_the_pipeline_the_runner_runs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    flow = re.search(r"```mermaid\n(flowchart LR.*?)```", section, re.S)
    assert flow, "README: the Architecture section has no pipeline flowchart"
    shown = re.findall(r"(\w+)\[", flow.group(1))
    assert shown == list(PIPELINE)


def test_layer_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    run = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True,
                         timeout=300)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "drafting" and len(parts) > 1 else parts[0]


def test_no_cycles_between_packages():
    graph = grimp.build_graph("drafting", "evals", "ui", "guideline_index", "prompts")
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if _package(module) != _package(imported):
                edges.setdefault(_package(module), set()).add(_package(imported))
    edges.pop("drafting", None)  # the top package only names its version
    cycles = []
    for start in edges:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for following in edges.get(node, ()):
                if following == start:
                    cycles.append(" -> ".join([*path, start]))
                elif following not in path and len(path) < 8:
                    stack.append((following, [*path, following]))
    assert not cycles, sorted(set(cycles))[:10]
