"""Flood control: a burst is answered, a flood gets one polite note, other users are unaffected."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.content.model import Content
from bot.storage.repository import Store
from bot.telegram.flood import FloodGuard, Verdict
from tests.conftest import SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker

BURST = 5


def test_burst_then_one_warning_then_silence_then_recovery() -> None:
    now = [0.0]
    guard = FloodGuard(burst=5, per_second=1.0, clock=lambda: now[0])
    verdicts = [guard.check(1) for _ in range(8)]
    assert verdicts == [Verdict.ALLOW] * 5 + [Verdict.WARN, Verdict.DROP, Verdict.DROP]
    assert guard.check(2) is Verdict.ALLOW  # another user is not affected
    now[0] += 2.0
    assert guard.check(1) is Verdict.ALLOW


async def test_hundred_messages_in_a_second_do_not_silence_others(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, fixture_content, store, bot_flood_burst=BURST):
        await _flood(bot_api)


async def _flood(running_bot: FakeBotApi) -> None:
    flooder = Walker(running_bot, 301, "en")
    calm = Walker(running_bot, 302, "en")
    await flooder.type("/start ph-ae")
    for n in range(100):
        running_bot.send_text(flooder.user, f"fire {n}")
    answer = await calm.type("/start ph-ae")  # at once: her chat does not wait for his
    assert "1:emergency" in str(answer.params.get("reply_markup"))
    assert len(running_bot.sent_to(301)) < 1 + BURST  # his replies go out at one a second
    for _ in range(200):  # his burst at Telegram's pace for one chat, then the note
        if any("very fast" in c.params["text"] for c in running_bot.sent_to(301)):
            break
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.5)
    to_flooder = running_bot.sent_to(301)
    notes = [c for c in to_flooder if "very fast" in c.params["text"]]
    assert len(notes) == 1
    assert len(to_flooder) <= 1 + BURST + 1  # /start, the burst, one note
