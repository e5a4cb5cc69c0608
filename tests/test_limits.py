"""Only what Telegram limits is limited: buttons are answered at once, one chat's RetryAfter holds
that chat only, replies go ahead of broadcast sends; over HTTP, a slow chat delays no one else
and one chat's updates stay in order."""

from __future__ import annotations

import asyncio
import contextlib
import random
import time
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.telegram import limits
from bot.telegram.limits import BROADCAST, TelegramLimiter
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of


class Recorder:
    """A stand-in for PTB's request callback: records when each request went out."""

    def __init__(self, refuse_first: dict[int, float] | None = None) -> None:
        self.started = time.monotonic()
        self.done: list[tuple[str, float]] = []
        self.refuse_first = dict(refuse_first or {})

    def callback(self, name: str, chat: int | None = None):  # type: ignore[no-untyped-def]
        async def call(*args: Any, **kwargs: Any) -> bool:
            if chat in self.refuse_first:
                raise RetryAfter(self.refuse_first.pop(chat))  # type: ignore[arg-type]
            self.done.append((name, time.monotonic() - self.started))
            return True

        return call


async def _send(  # noqa: PLR0917 - a test helper read as a sentence
    limiter: TelegramLimiter,
    recorder: Recorder,
    name: str,
    endpoint: str,
    chat: int | None,
    args: str | None = None,
) -> Any:
    data = {} if chat is None else {"chat_id": chat}
    return await limiter.process_request(
        recorder.callback(name, chat), (), {}, endpoint, data, args
    )


def _at(recorder: Recorder, name: str) -> float:
    return next(at for done, at in recorder.done if done == name)


async def test_answering_a_button_never_waits_behind_sends() -> None:
    limiter, recorder = TelegramLimiter(), Recorder()
    sends = [
        asyncio.create_task(_send(limiter, recorder, f"m{n}", "sendMessage", 7)) for n in range(6)
    ]
    await asyncio.sleep(0.05)
    await _send(limiter, recorder, "answer", "answerCallbackQuery", None)
    assert _at(recorder, "answer") < 0.2
    await asyncio.gather(*sends)
    finishing = sorted(at for _, at in recorder.done if at)
    assert finishing[-1] >= 3.5  # one chat: a burst of two, then one a second


async def test_retry_after_for_one_chat_holds_that_chat_only() -> None:
    limiter, recorder = TelegramLimiter(), Recorder(refuse_first={1: 2})
    held = asyncio.create_task(_send(limiter, recorder, "held", "sendMessage", 1))
    await asyncio.sleep(0.05)
    await _send(limiter, recorder, "other", "sendMessage", 2)
    await held
    assert _at(recorder, "other") < 0.2
    assert _at(recorder, "held") >= 1.9  # it waited its chat's retry_after, then went out


async def test_a_broadcast_send_is_not_retried_by_the_limiter() -> None:
    limiter, recorder = TelegramLimiter(), Recorder(refuse_first={3: 1})
    try:
        await _send(limiter, recorder, "alert", "sendMessage", 3, BROADCAST)
    except RetryAfter:
        pass
    else:
        raise AssertionError("the outbox must see the RetryAfter and postpone the delivery")
    assert recorder.done == []


async def test_replies_go_ahead_of_broadcast_sends() -> None:
    limiter, recorder = TelegramLimiter(overall_per_second=5), Recorder()
    alerts = [
        asyncio.create_task(
            _send(limiter, recorder, f"alert{n}", "sendMessage", 100 + n, BROADCAST)
        )
        for n in range(15)
    ]
    await asyncio.sleep(0.3)
    await _send(limiter, recorder, "reply", "sendMessage", 99)
    await asyncio.gather(*alerts)
    order = [name for name, _ in recorder.done]
    assert order.index("reply") <= 7  # the bucket's first second, then the reply


async def test_no_31_sends_arrive_within_a_second_however_long_their_way() -> None:
    """Telegram counts a message when it arrives: a send let through in one second but delayed
    on its way (a busy loop, a wait for a connection) must not land in the next second's 30."""
    limiter, arrived = TelegramLimiter(), []
    ways = random.Random(8)  # noqa: S311 - delays, not secrets

    async def send(chat: int) -> None:
        async def over_the_network() -> bool:
            await asyncio.sleep(ways.uniform(0, 0.3))  # to Telegram
            arrived.append(time.monotonic())
            await asyncio.sleep(ways.uniform(0, 0.1))  # the answer back
            return True

        await limiter.process_request(
            over_the_network, (), {}, "sendMessage", {"chat_id": chat}, None
        )

    started = time.monotonic()
    await asyncio.gather(*(send(1000 + n) for n in range(75)))
    arrived.sort()
    assert all(later - first >= 1.0 for first, later in zip(arrived, arrived[30:], strict=False))
    assert time.monotonic() - started < 4.0  # still about 30 a second


async def test_a_surge_of_replies_goes_out_in_the_order_it_came() -> None:
    limiter, recorder = TelegramLimiter(overall_per_second=5), Recorder()
    replies = []
    for n in range(12):
        replies.append(asyncio.create_task(_send(limiter, recorder, f"r{n}", "sendMessage", n)))
        await asyncio.sleep(0.01)
    await asyncio.gather(*replies)
    assert [name for name, _ in recorder.done] == [f"r{n}" for n in range(12)]


async def test_a_refused_button_answer_is_sent_again_and_the_screen_does_not_wait() -> None:
    limiter, attempts = TelegramLimiter(), []

    async def answer() -> bool:
        attempts.append(time.monotonic())
        if len(attempts) == 1:
            raise RetryAfter(1)  # type: ignore[arg-type]
        return True

    started = time.monotonic()
    with contextlib.suppress(RetryAfter):  # the handler logs it and shows the screen
        await limiter.process_request(answer, (), {}, "answerCallbackQuery", {}, None)
    assert time.monotonic() - started < 0.1  # the handler goes on to the screen at once
    await asyncio.sleep(1.2)
    assert len(attempts) == 2 and attempts[1] - attempts[0] >= 1.0
    await limiter.shutdown()


async def test_a_button_answer_refused_again_is_sent_until_its_tap_would_expire(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "ANSWER_RETRY_WITHIN", 2.5)  # 10 s in the bot
    limiter, attempts = TelegramLimiter(), []

    async def answer() -> bool:
        attempts.append(time.monotonic())
        if len(attempts) < 3:
            raise RetryAfter(1)  # type: ignore[arg-type]
        return True

    with contextlib.suppress(RetryAfter):
        await limiter.process_request(answer, (), {}, "answerCallbackQuery", {}, None)
    await asyncio.sleep(2.3)
    assert len(attempts) == 3  # refused twice, answered the third time

    late: list[float] = []

    async def refused() -> bool:
        late.append(time.monotonic())
        raise RetryAfter(1)  # type: ignore[arg-type]

    with contextlib.suppress(RetryAfter):
        await limiter.process_request(refused, (), {}, "answerCallbackQuery", {}, None)
    await asyncio.sleep(3.3)
    assert len(late) == 3  # at 0, 1 and 2 s: a fourth would come after the tap's time
    await limiter.shutdown()


async def test_a_slow_chat_delays_no_one_else(running_bot: FakeBotApi) -> None:
    running_bot.slow_chats[401] = 3.0
    slow, quick = Walker(running_bot, 401, "en"), Walker(running_bot, 402, "en")
    running_bot.send_text(slow.user, "/start ph-ae")
    await asyncio.sleep(0.2)
    started = time.monotonic()
    answer = await quick.type("/start ph-ae")
    assert time.monotonic() - started < 1.5
    assert "1:emergency" in data_of(answer)


async def test_one_chats_updates_are_answered_in_order(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 403, "en")
    await me.type("/start ph-ae")
    before = me.seen
    for word in ("fire", "lost passport", "smoke"):
        running_bot.send_text(me.user, word)
    answers = await running_bot.wait_for(403, before + 3)
    found = [data_of(call)[0] for call in answers[before:]]
    assert found == ["1:plan:fire:1", "1:plan:lost-passport:1", "1:plan:fire:1"]


async def test_an_expired_button_still_gets_its_screen(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 404, "en")
    await me.type("/start ph-ae")
    running_bot.callback_lifetime = 0.0  # every tap is already too old to answer
    screen = await me.press("1:emergency")
    assert screen.method == "editMessageText" and "999" in screen.params["text"]
    for _ in range(100):  # the answer is sent beside the screen, not before it: it may follow
        if running_bot.late_answers:
            break
        await asyncio.sleep(0.02)
    assert running_bot.late_answers == 1
    assert not any("went wrong" in c.params.get("text", "") for c in running_bot.sent_to(404))
