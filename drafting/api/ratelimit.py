"""Requests per API key: a token bucket per key (``api_rate_burst`` at once, refilled at
``api_rate_per_minute``). Kept in this process's memory: one ``necessity serve`` process."""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass


@dataclass
class _Bucket:
    tokens: float
    updated: float


class RateLimiter:
    def __init__(self, per_minute: int, burst: int, clock=time.monotonic):  # type: ignore[no-untyped-def]
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Spend one request of ``key``; returns 0 if allowed, else the seconds to wait."""
        with self._lock:
            at = self._clock()
            bucket = self._buckets.setdefault(key, _Bucket(self.burst, at))
            bucket.tokens = min(self.burst, bucket.tokens + (at - bucket.updated) * self.rate)
            bucket.updated = at
            if bucket.tokens >= 1:
                bucket.tokens -= 1
                return 0.0
            return (1 - bucket.tokens) / self.rate

    @staticmethod
    def retry_after(wait: float) -> str:
        return str(max(1, math.ceil(wait)))
