"""Time and token accounting per pipeline stage."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from drafting.draft import StageTiming


class StageLog:
    def __init__(self) -> None:
        self.stages: list[StageTiming] = []

    @contextmanager
    def stage(self, name: str) -> Iterator[StageTiming]:
        timing = StageTiming(stage=name, seconds=0.0)
        started = time.perf_counter()
        try:
            yield timing
        finally:
            timing.seconds = round(time.perf_counter() - started, 4)
            self.stages.append(timing)
