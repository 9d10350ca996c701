"""The stage runner: the pipeline's stages in order, and what each one cost in one draft (time,
tokens sent and received, errors)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from drafting.draft import StageTiming

# The drafting pipeline, in order. The README's Architecture section lists exactly these
# (tests/test_architecture.py checks it), and every draft's provenance records its stages in
# this order.
PIPELINE: tuple[str, ...] = ("retrieve", "criteria", "plan", "context", "render", "generate",
                             "check_citations", "store", "export")


class StageRunner:
    """Records each stage of one draft. Whole-draft stages are timed once; per-section work
    (``check_citations`` and ``store`` run inside ``generate``, section by section) is summed
    over the sections. A stage that raises records the error, then the error propagates."""

    def __init__(self) -> None:
        self._timings: dict[str, StageTiming] = {}

    @property
    def stages(self) -> list[StageTiming]:
        """The stages that ran, in pipeline order."""
        return [self._timings[name] for name in PIPELINE if name in self._timings]

    def timing(self, name: str) -> StageTiming:
        if name not in PIPELINE:
            raise KeyError(f"unknown stage {name!r}; the pipeline is {', '.join(PIPELINE)}")
        return self._timings.setdefault(name, StageTiming(stage=name, seconds=0.0))

    @contextmanager
    def record(self, name: str) -> Iterator[StageTiming]:
        timing = self.timing(name)
        started = time.perf_counter()
        try:
            yield timing
        except Exception as exc:
            timing.errors.append(f"{type(exc).__name__}: {exc}")
            raise
        finally:
            timing.seconds = round(timing.seconds + time.perf_counter() - started, 4)
