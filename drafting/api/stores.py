"""One draft-store connection per thread: request handlers run in a thread pool and drafting jobs
in their own threads, and each uses its own connection (SQLite WAL readers then never wait for
a writer; PostgreSQL connections are not shared across threads). The server's one drafting
service reaches the store through this pool."""

from __future__ import annotations

import threading
from pathlib import Path

from drafting.service import DraftingService
from drafting.settings import Settings
from drafting.store import DraftStore


class StorePool:
    def __init__(self, location: Path | str):
        self.location = location
        self._local = threading.local()
        self._lock = threading.Lock()
        self._opened: list[DraftStore] = []
        DraftStore.open(location).close()  # create and migrate it now, not in the first request

    def get(self) -> DraftStore:
        store = getattr(self._local, "store", None)
        if store is None:
            store = DraftStore.open(self.location)
            self._local.store = store
            with self._lock:
                self._opened.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._opened:
                store.close()
            self._opened.clear()


class PooledService(DraftingService):
    """The server's drafting service, built once for its life and shared by every request
    thread: each thread's use cases run over that thread's own store connection. Closing it
    closes every connection the pool opened."""

    def __init__(self, settings: Settings, stores: StorePool):
        super().__init__(settings)
        self.stores = stores

    @property
    def store(self) -> DraftStore:
        return self.stores.get()

    def close(self) -> None:
        self.stores.close()
