"""Stage ``store``: each section saved to the draft store as soon as it is drafted (with its
model call), never blocking the event loop: writes run on ``writer`` (a group-commit writer in a
batch or an API worker; asyncio's thread pool otherwise)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Mapping
from concurrent.futures import Executor
from typing import Any, ClassVar, TypeVar

from drafting.draft import SectionDraft
from drafting.stages.runner import StageRunner
from drafting.store import DraftStore

T = TypeVar("T")


async def on_writer(writer: Executor | None, fn: Callable[..., T], *args: Any) -> T:
    return await asyncio.get_running_loop().run_in_executor(writer, functools.partial(fn, *args))


class SaveSection:
    name: ClassVar[str] = "store"

    def __init__(self, store: DraftStore, draft_id: str, author: str,
                 positions: Mapping[str, int], runner: StageRunner,
                 writer: Executor | None = None,
                 after_save: Callable[[SectionDraft], None] | None = None):
        self.store = store
        self.draft_id = draft_id
        self.author = author
        self.positions = positions
        self.runner = runner
        self.writer = writer
        self.after_save = after_save

    async def run(self, section: SectionDraft) -> int:
        with self.runner.record(self.name):
            version = await on_writer(self.writer, functools.partial(
                self.store.save_section, position=self.positions.get(section.key)),
                self.draft_id, section, self.author)
        if self.after_save is not None:
            self.after_save(section)
        return version
