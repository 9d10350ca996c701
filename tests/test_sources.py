"""The guideline sources a draft uses: the index is rebuilt when the bundled corpus changed, not
only when excerpts were added or retired."""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path

import pytest

from drafting.settings import Settings
from drafting.sources import GuidelineSources
from guideline_index.corpus import excerpts_by_id

pytestmark = pytest.mark.slow  # `pytest -m "not slow"` runs the core in seconds


def test_a_reworded_excerpt_rebuilds_the_index(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    builds: list[int] = []

    @contextmanager
    def building():  # type: ignore[no-untyped-def]
        builds.append(1)
        yield

    GuidelineSources(settings, building).index()
    GuidelineSources(settings, building).index()
    assert len(builds) == 1  # built once, then reused as it is

    catalog = settings.index_dir / "catalog.jsonl"
    lines = catalog.read_text(encoding="utf-8").splitlines()
    stale = json.loads(lines[0])
    stale["text"] = "An older wording of this excerpt."
    catalog.write_text("\n".join([json.dumps(stale), *lines[1:]]) + "\n", encoding="utf-8")

    index, excerpts = GuidelineSources(settings, building).index()
    assert len(builds) == 2
    current = excerpts_by_id()[stale["id"]]
    assert index.catalog.excerpts[stale["id"]] == current == excerpts[stale["id"]]
