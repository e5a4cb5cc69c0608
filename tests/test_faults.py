"""Telegram misbehaving: 5xx, dropped connections, slow answers, 429, a server restart. The bot
keeps answering, each update once, with no failure in its own logs."""

from __future__ import annotations

import asyncio
import logging

import pytest

from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker


def own_errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.name.startswith("bot") and r.levelno >= logging.ERROR
    ]


async def test_each_update_is_answered_once_despite_faults(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    me = Walker(running_bot, 701, "en")
    await me.type("/start ph-ae")
    running_bot.faults = ["500", "reset", "slow", "500"]
    running_bot.throttle = 0
    for command in ("/emergency", "/plans", "/consulate", "/help"):
        await me.type(command)
    running_bot.throttle = 1
    await me.type("/emergency")
    await asyncio.sleep(0.5)
    texts = [c.params["text"] for c in running_bot.sent_to(701)]
    assert len(texts) == 6  # /start and five commands, each exactly once
    assert own_errors(caplog) == []


async def test_bot_answers_after_the_api_server_restarts(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    me = Walker(running_bot, 702, "en")
    await me.type("/start ph-ae")
    restart = asyncio.create_task(running_bot.restart(down_for=1.0))
    await asyncio.sleep(0.2)
    running_bot.send_text(me.user, "/emergency")  # arrives while the server is down
    await restart
    answers = await running_bot.wait_for(702, 2, timeout=30)
    assert "999" in answers[-1].params["text"]
    assert own_errors(caplog) == []


async def test_a_timed_out_answer_is_not_followed_by_an_apology(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    me = Walker(running_bot, 703, "en")
    await me.type("/start ph-ae")
    running_bot.faults = ["hang"]
    running_bot.send_text(me.user, "/emergency")
    await running_bot.wait_for(703, 2, timeout=20)
    await asyncio.sleep(1.0)
    texts = [c.params["text"] for c in running_bot.sent_to(703)]
    assert len(texts) == 2 and "999" in texts[-1]  # delivered late, once, no "Sorry"
    assert own_errors(caplog) == []
    after = await me.type("/help")  # and the bot is still answering
    assert "/forget" in after.params["text"]


async def test_an_update_the_library_cannot_read_is_skipped_not_logged(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("DEBUG")
    unreadable = {"message_id": 1, "date": "yesterday", "chat": {}, "text": "Zanubiya 7350142987"}
    running_bot._push("message", unreadable)
    answer = await Walker(running_bot, 601, "en").type("/start ph-ae")
    assert "1:emergency" in str(answer.params.get("reply_markup"))  # polling moved past it
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "skipped an unreadable update" in logged
    assert "Zanubiya" not in logged and "7350142987" not in logged


async def test_a_location_gets_its_screen_when_the_note_before_it_is_refused(
    running_bot: FakeBotApi, caplog: pytest.LogCaptureFixture
) -> None:
    """The "Thank you" that removes the location keyboard is sent while the screen is made;
    Telegram refusing it never costs her the numbers, nor earns an apology."""
    me = Walker(running_bot, 704, "en")
    await me.type("/start ph-ae")
    running_bot.faults = ["400"]
    running_bot.send_location(me.user, 25.2, 55.27)
    answers = await running_bot.wait_for(704, 2, timeout=20)
    await asyncio.sleep(0.3)
    assert len(running_bot.sent_to(704)) == 2  # /start's menu, then the screen: no "Sorry"
    assert "999" in answers[-1].params["text"]
    assert own_errors(caplog) == []


async def test_the_note_before_a_location_screen_arrives_first(running_bot: FakeBotApi) -> None:
    me = Walker(running_bot, 705, "en")
    await me.type("/start ph-ae")
    running_bot.faults = ["slow"]  # the note takes long: the screen still waits for it
    await me.locate(25.2, 55.27)
    note, screen = running_bot.sent_to(705)[-2:]
    assert "Thank you" in note.params["text"] and "999" in screen.params["text"]
