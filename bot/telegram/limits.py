"""Outgoing rate limits: only what Telegram limits is limited.

What Telegram documents (Bots FAQ, "My bot is hitting limits, how do I avoid this?",
https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
- in a single chat, avoid sending more than one message per second;
- in bulk notifications, not more than about 30 messages per second;
- in a group, not more than 20 messages per minute.
What we assume: a short burst of two messages to one chat is tolerated (a screen and its map
pin); answering a button (answerCallbackQuery), editing a message and reading updates are not
counted as messages sent, so they are never delayed here, and a 429 on them is obeyed for that
chat only.

Interactive replies go ahead of broadcast sends (`rate_limit_args="broadcast"`): during a
roll-call, the person who just tapped "I need help" is answered first. A RetryAfter for one chat
holds that chat only; a broadcast send is not retried here (the outbox postpones it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

SENDS = frozenset(
    {
        "sendMessage",
        "sendVenue",
        "sendLocation",
        "sendPhoto",
        "sendDocument",
        "sendMediaGroup",
        "copyMessage",
        "forwardMessage",
    }
)
"""Methods that send a message: the ones Telegram's limits are about."""
REACTIVE = frozenset({"editMessageText", "editMessageReplyMarkup"})
"""Not throttled, but a 429 on them is obeyed (that chat waits, then one retry)."""
OVERALL_PER_SECOND = 30.0
PER_CHAT_INTERVAL = 1.0
PER_CHAT_BURST = 2.0
GROUP_INTERVAL = 3.0  # 20 a minute
BROADCAST = "broadcast"
MAX_RETRIES = 2
FORGET_CHATS_OVER = 50_000
"""Per-chat state of chats idle for a minute is dropped past this many chats."""


@dataclass
class _Bucket:
    tokens: float
    updated: float
    held_until: float = 0.0


class _Overall:
    """A token bucket of `rate` sends a second in which waiting interactive sends go first."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.tokens = rate
        self.updated = time.monotonic()
        self.waiting_interactive = 0

    def _refill(self, now: float) -> None:
        self.tokens = min(self.rate, self.tokens + (now - self.updated) * self.rate)
        self.updated = now

    async def acquire(self, broadcast: bool) -> None:
        if not broadcast:
            self.waiting_interactive += 1
        try:
            while True:
                self._refill(time.monotonic())
                if self.tokens >= 1 and (not broadcast or self.waiting_interactive == 0):
                    self.tokens -= 1
                    return
                await asyncio.sleep(max((1 - self.tokens) / self.rate, 0.005))
        finally:
            if not broadcast:
                self.waiting_interactive -= 1


class TelegramLimiter(BaseRateLimiter[str]):
    def __init__(self, overall_per_second: float = OVERALL_PER_SECOND) -> None:
        self._overall = _Overall(overall_per_second)
        self._chats: dict[int, _Bucket] = {}

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def _bucket(self, chat: int, now: float) -> _Bucket:
        bucket = self._chats.get(chat)
        if bucket is None:
            if len(self._chats) > FORGET_CHATS_OVER:
                self._chats = {
                    key: value
                    for key, value in self._chats.items()
                    if now - value.updated < 60 or value.held_until > now
                }
            bucket = self._chats[chat] = _Bucket(PER_CHAT_BURST, now)
        return bucket

    async def _chat_turn(self, chat: int | None, counts: bool) -> None:
        """Wait while the chat is held by a RetryAfter, then (for a send) for its own pace."""
        if chat is None:
            return
        interval = GROUP_INTERVAL if chat < 0 else PER_CHAT_INTERVAL
        while True:
            now = time.monotonic()
            bucket = self._bucket(chat, now)
            bucket.tokens = min(PER_CHAT_BURST, bucket.tokens + (now - bucket.updated) / interval)
            bucket.updated = now
            wait = bucket.held_until - now
            if wait <= 0 and (not counts or bucket.tokens >= 1):
                if counts:
                    bucket.tokens -= 1
                return
            if wait <= 0:
                wait = (1 - bucket.tokens) * interval
            await asyncio.sleep(wait)

    def _hold(self, chat: int | None, error: RetryAfter) -> float:
        seconds = (
            error.retry_after
            if isinstance(error.retry_after, int | float)
            else error.retry_after.total_seconds()
        )
        if chat is not None:
            now = time.monotonic()
            bucket = self._bucket(chat, now)
            bucket.held_until = max(bucket.held_until, now + seconds)
        return float(seconds)

    async def process_request(  # noqa: PLR0917 - the signature is PTB's
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint not in SENDS and endpoint not in REACTIVE:
            return await callback(*args, **kwargs)
        chat = _chat_of(data)
        broadcast = rate_limit_args == BROADCAST
        for attempt in range(MAX_RETRIES + 1):
            await self._chat_turn(chat, counts=endpoint in SENDS)
            if endpoint in SENDS:
                await self._overall.acquire(broadcast)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self._hold(chat, error)
                if broadcast or attempt == MAX_RETRIES:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover


def _chat_of(data: dict[str, Any]) -> int | None:
    chat = data.get("chat_id")
    if isinstance(chat, int):
        return chat
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    return None
