"""Per-user flood control: a burst is fine, a flood gets one polite note and is then ignored
until it calms down, so one person cannot slow the bot down for everyone else."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum


class Verdict(Enum):
    ALLOW = "allow"
    WARN = "warn"  # first update over the limit: say so once
    DROP = "drop"


@dataclass
class _Bucket:
    tokens: float
    updated: float
    warned: bool = False


@dataclass
class FloodGuard:
    """A token bucket per user, in memory only (ids are never logged or stored)."""

    burst: int = 20
    per_second: float = 1.0
    clock: Callable[[], float] = time.monotonic
    _buckets: dict[int, _Bucket] = field(default_factory=dict)
    _on_arrival: dict[int, Verdict] = field(default_factory=dict)
    """Verdicts given when updates arrived, by update id, until their handler asks."""

    def arrived(self, update: object) -> None:
        """Judge an update when it arrives, not when its turn comes: one chat's updates are
        handled one after another at Telegram's pace, which would hide any flood."""
        user = getattr(update, "effective_user", None)
        update_id = getattr(update, "update_id", None)
        if user is not None and isinstance(update_id, int):
            if len(self._on_arrival) > 100_000:  # handlers that never asked (dropped updates)
                self._on_arrival.clear()
            self._on_arrival[update_id] = self.check(user.id)

    def verdict(self, update_id: int, user_id: int) -> Verdict:
        found = self._on_arrival.pop(update_id, None)
        return found if found is not None else self.check(user_id)

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        bucket = self._buckets.get(user_id)
        if bucket is None:
            bucket = self._buckets[user_id] = _Bucket(float(self.burst), now)
            if len(self._buckets) > 10_000:
                self._forget_idle(now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.updated) * self.per_second)
        bucket.updated = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return Verdict.ALLOW
        if bucket.warned:
            return Verdict.DROP
        bucket.warned = True
        return Verdict.WARN

    def _forget_idle(self, now: float) -> None:
        full_after = self.burst / self.per_second
        for user_id in [u for u, b in self._buckets.items() if now - b.updated > full_after]:
            del self._buckets[user_id]
