"""Which worker process drafts which case of a ``--workers`` run, decided as they go.

Every worker walks the run's remaining cases in order and drafts a case only after claiming it:
creating a file named after the run item in the session's claims directory with ``O_EXCL``, which
the kernel grants to exactly one process. Workers that draft faster simply claim more, so all of
them stay busy to the end of the run (with a fixed split by case hash, in one 500-case run one
worker had 234 cases and finished at 28.1 s, the other 266 at 32.2 s, drafting alone meanwhile).

Claims last one session: the parent makes a fresh directory for its workers and removes it when
they have ended. A stopped run's next session starts with no claims; what it must not draft again
is decided by the store, as in a one-process run (``jobs.resumed_run_jobs``)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class Claims:
    def __init__(self, directory: Path):
        if not directory.is_dir():
            raise FileNotFoundError(f"claims directory {directory} does not exist")
        self.directory = directory

    def take(self, item_id: int) -> bool:
        """True if this process now owns the run item, False if another process took it."""
        try:
            descriptor = os.open(self.directory / str(item_id),
                                 os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return False
        os.close(descriptor)
        return True


@contextmanager
def session_claims(run_id: str) -> Iterator[Path]:
    """A fresh claims directory for one session of workers, removed afterwards."""
    directory = Path(tempfile.mkdtemp(prefix=f"necessity-claims-{run_id}-"))
    try:
        yield directory
    finally:
        shutil.rmtree(directory, ignore_errors=True)
