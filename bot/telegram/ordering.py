"""Updates of different chats are handled concurrently; the updates of one chat in order.

A slow chat, a chat held by a RetryAfter or a busy group never delays anyone else, and a
person's taps are still answered in the order she made them (her state depends on it)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from telegram import Update
from telegram.ext import BaseUpdateProcessor

MAX_CONCURRENT_UPDATES = 4096
"""Most updates in flight are waiting for Telegram's 30 messages a second (a coroutine of a
few kilobytes each, sleeping); with 256, a surge's /starts waiting in the limiter held every
slot and taps from people already served queued behind them (benchmarks/surge.py: button p99
1.4 s at 256, 0.3-0.4 s at 4096)."""
UNBOUNDED = 1_000_000


class PerChatOrder(BaseUpdateProcessor):
    def __init__(
        self,
        max_concurrent_updates: int = MAX_CONCURRENT_UPDATES,
        on_arrival: Callable[[object], None] | None = None,
    ) -> None:
        # PTB's own semaphore is taken before we see the update; ours is taken after the
        # chat's turn comes, so a chat with many waiting updates holds one slot, not all.
        super().__init__(UNBOUNDED)
        self._slots = asyncio.Semaphore(max_concurrent_updates)
        self._queues: dict[int, tuple[asyncio.Lock, int]] = {}
        """Per chat: the lock its updates take in turn, and how many hold or wait for it."""
        self._on_arrival = on_arrival

    async def do_process_update(self, update: object, coroutine: Awaitable[object]) -> None:
        if self._on_arrival is not None:  # before any waiting: flood control judges arrivals
            self._on_arrival(update)
        key = _chat_key(update)
        if key is None:
            async with self._slots:
                await coroutine
            return
        lock, waiting = self._queues.get(key, (asyncio.Lock(), 0))
        self._queues[key] = (lock, waiting + 1)
        try:
            async with lock, self._slots:
                await coroutine
        finally:
            lock, waiting = self._queues[key]
            if waiting == 1:
                del self._queues[key]
            else:
                self._queues[key] = (lock, waiting - 1)

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _chat_key(update: object) -> int | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    return update.effective_user.id if update.effective_user is not None else None
