"""Outgoing rate limits: only what Telegram limits is limited.

What Telegram documents (Bots FAQ, "My bot is hitting limits, how do I avoid this?",
https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this):
- in a single chat, avoid sending more than one message per second;
- in bulk notifications, not more than about 30 messages per second;
- in a group, not more than 20 messages per minute.
What we assume: "30 a second" is counted as Telegram receives the messages, over any one
second (so a token bucket that lets a full bucket and its refill through in one second is too
fast); a short burst of two messages to one chat is tolerated (a screen and its map pin);
answering a button (answerCallbackQuery), editing a message and reading updates are not
counted as messages sent, so they are never delayed here, and a 429 on them is obeyed for that
chat only (a button answer is sent again after it, in the background). tests/fakebotapi.py
enforces the same.

Interactive replies go ahead of broadcast sends (`rate_limit_args="broadcast"`): during a
roll-call, the person who just tapped "I need help" is answered first. A RetryAfter for one chat
holds that chat only; a broadcast send is not retried here (the outbox postpones it).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any

from telegram.error import RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)
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
ANSWER = "answerCallbackQuery"
ANSWER_RETRY_WITHIN = 10.0
"""A button answer refused with a RetryAfter is sent again after it, in the background, as
long as it can go within this many seconds of the tap: the tap is still alive (Telegram keeps
one about 15 s) and the screen does not wait."""
MAX_RETRIES = 2
FORGET_CHATS_OVER = 50_000
"""Per-chat state of chats idle for a minute is dropped past this many chats."""


@dataclass
class _Bucket:
    tokens: float
    updated: float
    held_until: float = 0.0


class _Overall:
    """At most `rate` messages in any second at Telegram, let through first come first served,
    waiting interactive sends before any broadcast send.

    Telegram counts a message when it arrives, some time after it is let through here (a wait
    for a connection, the network, a busy event loop), by a delay that varies: sends one second
    apart here can arrive closer together there. So a send counts from the moment it is let
    through until one second after its answer came back, and at most `rate` count at once. A
    send arrives before its answer comes back, so no `rate` + 1 of them can arrive within one
    second, however the delays vary; the price is the round trip added to each second.

    (A token bucket of `rate` tokens would let 2 x `rate` through in one second: a full bucket,
    then its refill.) Waiters sleep on a future each, and one timer wakes the head of the queue:
    400 waiting replies cost one wake-up per send, not 400."""

    def __init__(self, rate: float) -> None:
        self.limit = max(int(rate), 1)
        self.window = self.limit / rate  # a fractional rate: the same count in a longer window
        self.in_flight = 0
        self.answered: deque[float] = deque()
        """When the answers to the sends of the last `window` seconds came back."""
        self.waiting: tuple[deque[asyncio.Future[None]], deque[asyncio.Future[None]]] = (
            deque(),
            deque(),
        )
        """Interactive sends, then broadcast sends, in the order they came."""
        self._timer: asyncio.TimerHandle | None = None

    def _room(self, now: float) -> bool:
        while self.answered and now - self.answered[0] >= self.window:
            self.answered.popleft()
        return self.in_flight + len(self.answered) < self.limit

    async def acquire(self, broadcast: bool) -> None:
        """Wait for a turn; the caller must call `done()` when the send has been answered."""
        if not any(self.waiting) and self._room(time.monotonic()):
            self.in_flight += 1
            return
        turn = asyncio.get_running_loop().create_future()
        queue = self.waiting[1 if broadcast else 0]
        queue.append(turn)
        self._wake()
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():  # given a turn, then cancelled
                self.done()
            elif turn in queue:
                queue.remove(turn)
            raise

    def done(self) -> None:
        """The send was answered (or failed): it counts for one more window."""
        self.in_flight -= 1
        self.answered.append(time.monotonic())
        self._wake()

    def _wake(self) -> None:
        """Let through whoever fits now, in order; come back when the oldest answer leaves
        the window."""
        now = time.monotonic()
        for queue in self.waiting:
            while queue and self._room(now):
                turn = queue.popleft()
                if not turn.done():  # its task may have been cancelled meanwhile
                    turn.set_result(None)
                    self.in_flight += 1
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if any(self.waiting) and self.answered:
            delay = self.answered[0] + self.window - now
            self._timer = asyncio.get_running_loop().call_later(max(delay, 0.001), self._wake)


class TelegramLimiter(BaseRateLimiter[str]):
    def __init__(self, overall_per_second: float = OVERALL_PER_SECOND) -> None:
        self._overall = _Overall(overall_per_second)
        self._chats: dict[int, _Bucket] = {}
        self._later: set[asyncio.Task[None]] = set()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        for task in self._later:
            task.cancel()
        await asyncio.gather(*self._later, return_exceptions=True)

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
        seconds = _seconds(error)
        if chat is not None:
            now = time.monotonic()
            bucket = self._bucket(chat, now)
            bucket.held_until = max(bucket.held_until, now + seconds)
        return seconds

    def _answer_later(
        self,
        seconds: float,
        callback: Callable[..., Coroutine[Any, Any, object]],
        args: Any,
        kwargs: dict[str, Any],
    ) -> None:
        """Answer a button again after each RetryAfter, while the tap is still alive."""
        if seconds > ANSWER_RETRY_WITHIN:
            return

        async def answer() -> None:
            waited, wait = 0.0, seconds
            while waited + wait <= ANSWER_RETRY_WITHIN:
                await asyncio.sleep(wait)
                waited += wait
                try:
                    await callback(*args, **kwargs)
                    return
                except RetryAfter as error:  # refused again: once more, if there is time
                    wait = _seconds(error)
                except TelegramError as error:  # too old by now: let it be
                    log.info("a button answer failed again: %s", type(error).__name__)
                    return
            log.info("a button answer was refused until its tap expired")

        task = asyncio.create_task(answer())
        self._later.add(task)
        task.add_done_callback(self._later.discard)

    async def process_request(  # noqa: PLR0917 - the signature is PTB's
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: str | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint == ANSWER:
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                self._answer_later(_seconds(error), callback, args, kwargs)
                raise  # the screen goes on at once; the answer follows
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
            finally:
                if endpoint in SENDS:
                    self._overall.done()
        raise AssertionError("unreachable")  # pragma: no cover


def _seconds(error: RetryAfter) -> float:
    wait = error.retry_after
    return float(wait if isinstance(wait, int | float) else wait.total_seconds())


def _chat_of(data: dict[str, Any]) -> int | None:
    chat = data.get("chat_id")
    if isinstance(chat, int):
        return chat
    if isinstance(chat, str) and chat.lstrip("-").isdigit():
        return int(chat)
    return None
