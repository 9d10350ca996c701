"""Python's cyclic garbage collector while drafts are checked.

Checking a draft allocates many short-lived containers (a sentence's claims, word sets, tuples
of matches) while long-lived ones stay: the lexicons, the checker's caches and, with
embeddings, the model (some 400,000 objects). With CPython's defaults the collector runs every
700 net container allocations, and each collection of its oldest generation traverses every
long-lived object (100-150 ms a time here, with the model loaded): a cold pass over the eval
speed benchmark's drafts took from 1.0 to 1.9 s by where those collections fell.

So: ``settle()`` moves every object alive once the checker is loaded out of the collector's
reach (``gc.freeze``; they are still freed when nothing refers to them, and a process checks
with the same lexicons and model until it ends), and ``fewer_collections()`` collects the
youngest generation less often while checks run (nothing is left uncollected: collections
still run, less often), putting back the threshold it found when the last check running leaves
(checks may run in several threads at once)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Net container allocations between two collections of the youngest generation while checking
# (CPython's default is 700). Chosen from the eval speed benchmark: a pass stopped getting
# faster above about 10,000 and its peak memory did not change.
CHECK_THRESHOLD = 20_000

# Off: CPython's own collector settings, untouched (the eval speed benchmark measures both).
TUNED = True

_lock = threading.Lock()
_running = 0
_saved: tuple[int, int, int] | None = None
_settled: set[str] = set()


def set_tuned(on: bool) -> None:
    """Whether checks use these settings (off: CPython's own, nothing frozen; for measuring)."""
    global TUNED
    with _lock:
        TUNED = on
        if not on:
            gc.unfreeze()
            _settled.clear()


def settle(loaded: str) -> None:
    """Once per process for each kind of long-lived state (``loaded``: "checks" once the
    lexicons are read, "model" once the embedding model is): leave every object alive now out
    of every later collection (``gc.freeze``)."""
    with _lock:
        if TUNED and loaded not in _settled:
            gc.freeze()
            _settled.add(loaded)


@contextmanager
def fewer_collections(threshold: int = CHECK_THRESHOLD) -> Iterator[None]:
    """Collect the youngest generation every ``threshold`` allocations (never more often than
    the process already does) for the duration of the block."""
    global _running, _saved
    with _lock:
        if _running == 0 and TUNED:
            _saved = gc.get_threshold()
            if _saved[0] and _saved[0] < threshold:  # 0: the collector is off; leave it so
                gc.set_threshold(threshold, *_saved[1:])
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0 and _saved is not None:
                gc.set_threshold(*_saved)
                _saved = None
