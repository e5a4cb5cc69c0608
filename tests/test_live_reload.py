"""Live reload (bot/telegram/reload.py): a valid edit is served at the next tap, a bad one
leaves the last good content serving and reaches the staff of that nationality, once."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from telegram.constants import MessageLimit
from watchfiles import Change

from bot.config import parse_admin_ids
from bot.content.loader import load_content
from bot.content.problems import Problem
from bot.storage.repository import Store
from bot.telegram.context import LifelineApp
from bot.telegram.reload import ContentFiles, Reloader, origin_of, problems_message
from tests.conftest import FIXTURE_CONTENT, SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of

PH_STAFF, KW_STAFF, ALL_STAFF = 555, 556, 557
ADMINS = f"{PH_STAFF}:PH,{KW_STAFF}:KW,{ALL_STAFF}"


@dataclass
class Live:
    api: FakeBotApi
    app: LifelineApp
    folder: Path
    reloader: Reloader

    def edit(self, relative: str, old: str, new: str) -> None:
        file = self.folder / relative
        text = file.read_text(encoding="utf-8")
        assert old in text
        file.write_text(text.replace(old, new, 1), encoding="utf-8")

    def staff_messages(self, chat_id: int) -> list[str]:
        return [call.params["text"] for call in self.api.sent_to(chat_id, ("sendMessage",))]


@pytest.fixture
async def live(bot_api: FakeBotApi, tmp_path: Path) -> AsyncIterator[Live]:
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    loaded = load_content(folder)
    assert loaded.content is not None
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, loaded.content, store, bot_admin_ids=ADMINS) as app:

        async def tell(chat_id: int, html: str) -> None:
            await app.bot.send_message(chat_id, html)

        deps = app.bot_data.deps
        reloader = Reloader(deps.live, folder, deps.settings.bot_admin_ids, tell)
        yield Live(bot_api, app, folder, reloader)


async def test_a_valid_edit_is_served_at_the_next_tap(live: Live) -> None:
    me = Walker(live.api, 301, "en")
    await me.type("/start ph-ae-en")
    assert "998" in (await me.type("/emergency")).params["text"]
    live.edit("hosts/AE.yaml", 'number: "998"', 'number: "996"')
    assert await live.reloader.reload()
    numbers = (await me.type("/emergency")).params["text"]
    assert "996" in numbers and "998" not in numbers
    assert live.staff_messages(ALL_STAFF) == []  # nothing was wrong: nobody is bothered
    assert live.api.errors == []


async def test_a_bad_edit_keeps_the_old_content_and_reaches_that_nationalitys_staff(
    live: Live,
) -> None:
    me = Walker(live.api, 302, "en")
    await me.type("/start ph-ae-en")
    live.edit("hosts/AE.yaml", 'number: "998"', 'number: "996"')
    live.edit(
        "origins/PH/missions.yaml", "    kind: consulate\n", "    kind: consulate\n    fax: 1\n"
    )
    assert not await live.reloader.reload()
    numbers = (await me.type("/emergency")).params["text"]
    assert "998" in numbers and "996" not in numbers  # the whole new set, or none of it
    for chat in (PH_STAFF, ALL_STAFF):
        [told] = live.staff_messages(chat)
        assert "still serving" in told
        assert "origins/PH/missions.yaml:16:10: mission ae-consulate-dubai, fax" in told
    assert live.staff_messages(KW_STAFF) == []  # not their nationality

    live.edit("origins/PH/missions.yaml", "    fax: 1\n", "    fax: 2\n")  # same error again
    assert not await live.reloader.reload()
    assert len(live.staff_messages(PH_STAFF)) == 1  # once per set of errors, not every save

    live.edit("origins/PH/missions.yaml", "    fax: 2\n", "")
    assert await live.reloader.reload()
    assert "996" in (await me.type("/emergency")).params["text"]
    for chat in (PH_STAFF, ALL_STAFF):
        assert "now live" in live.staff_messages(chat)[-1]
    assert live.staff_messages(KW_STAFF) == []
    assert live.api.errors == []


async def test_an_error_in_a_shared_file_reaches_every_staff_member(live: Live) -> None:
    live.edit("hosts/AE.yaml", 'number: "998"', 'number: "99x"')
    assert not await live.reloader.reload()
    for chat in (PH_STAFF, KW_STAFF, ALL_STAFF):
        [told] = live.staff_messages(chat)
        assert "hosts/AE.yaml:6:34: emergency number 2" in told


async def test_a_button_of_a_removed_plan_says_it_has_expired(live: Live) -> None:
    me = Walker(live.api, 303, "en")
    await me.type("/start ph-ae-en")
    plans = await me.press("1:plans")
    assert "1:plan:fire:1" in data_of(plans)
    await me.press("1:plan:fire:1")
    (live.folder / "origins/PH/plans/fire.yaml").unlink()
    assert await live.reloader.reload()
    for old_button in ("1:plan:fire:2", "1:plan:fire:1"):
        screen = await me.press(old_button)
        assert "expired" in screen.params["text"]
        assert "1:emergency" in data_of(screen)
    assert "1:plan:fire:1" not in data_of(await me.press("1:plans"))
    assert live.api.errors == []


async def test_the_watcher_reloads_once_for_several_saves(
    bot_api: FakeBotApi, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The real watcher, as `python -m bot run` starts it (BOT_CONTENT_RELOAD, default on)."""
    caplog.set_level("INFO")
    folder = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, folder)
    loaded = load_content(folder)
    assert loaded.content is not None
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, loaded.content, store, bot_content_reload=True) as app:
        live = app.bot_data.deps.live
        me = Walker(bot_api, 304, "en")
        await me.type("/start ph-ae-en")
        await asyncio.sleep(0.3)  # the watcher is up
        host = folder / "hosts/AE.yaml"
        current = "998"
        for number in ("995", "994", "993", "996"):  # an editor saving four times
            text = host.read_text(encoding="utf-8")
            host.write_text(text.replace(f'"{current}"', f'"{number}"', 1), encoding="utf-8")
            current = number
            await asyncio.sleep(0.1)
        for _ in range(100):
            if live.generation:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)  # past another debounce: no second reload comes
        assert live.generation == 1
        assert "996" in (await me.type("/emergency")).params["text"]
    reloads = [r for r in caplog.records if r.getMessage().startswith("content reloaded")]
    assert len(reloads) == 1


def test_the_watcher_ignores_swap_files_and_built_data(tmp_path: Path) -> None:
    wanted = ContentFiles(tmp_path)
    assert wanted(Change.modified, str(tmp_path / "hosts" / "AE.yaml"))
    assert wanted(Change.deleted, str(tmp_path / "origins" / "PH" / "plans"))
    assert not wanted(Change.modified, str(tmp_path / "hosts" / ".AE.yaml.swp"))
    assert not wanted(Change.modified, str(tmp_path / "hosts" / "AE.yaml~"))
    assert not wanted(Change.modified, str(tmp_path / "directory" / "emergency.json"))
    assert not wanted(Change.deleted, str(tmp_path / "directory" / "missions.yaml"))
    inside = ContentFiles(tmp_path / "directory" / "content")  # a folder named so above is fine
    assert inside(Change.modified, str(tmp_path / "directory" / "content" / "hosts" / "AE.yaml"))


def test_many_errors_fit_one_message_escaped() -> None:
    errors = [
        Problem(f"content/origins/PH/plans/p{i}.yaml", i, 3, "text has a <b> & stray tag")
        for i in range(400)
    ]
    message = problems_message(errors)
    assert len(message) <= MessageLimit.MAX_TEXT_LENGTH
    assert "&lt;b&gt; &amp;" in message and "<b> &" not in message
    assert "more: python -m bot validate" in message
    assert origin_of(errors[0]) == "PH"
    assert origin_of(Problem("content/hosts/AE.yaml", 1, 1, "x")) is None
    assert parse_admin_ids(ADMINS)[0].may_act_for("PH")
