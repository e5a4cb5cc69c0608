"""What the bot does once at startup: places read, what startup built frozen for the collector."""

from __future__ import annotations

import gc
from pathlib import Path

from bot.content.geo import places
from bot.content.model import Content
from bot.storage.repository import Store
from tests.conftest import SECRET, bot_running
from tests.fakebotapi import FakeBotApi


async def test_startup_is_frozen_while_the_bot_runs_and_places_are_read(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    places.cache_clear()
    async with bot_running(bot_api, fixture_content, store):
        assert places.cache_info().currsize == 1  # read before the first location
        assert gc.get_freeze_count() > 0  # full collections skip content, places, the library
    assert gc.get_freeze_count() == 0  # collected as usual again once the bot stopped
