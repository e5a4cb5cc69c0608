"""Registration end to end over HTTP: register in four taps, see, update, renew, forget, expire."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.content.model import Content
from bot.storage.repository import Store
from bot.telegram.background import upkeep
from tests.conftest import SECRET, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_end_to_end import Walker, data_of


class Clock:
    def __init__(self) -> None:
        self.today = date(2026, 1, 1)

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def bot_with_clock(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path, clock: Clock
) -> AsyncIterator[tuple[FakeBotApi, Store]]:
    # These tests move the date by months at a time: no clock jump is suspected.
    store = Store(tmp_path / "bot.sqlite", SECRET.encode(), today=clock, clock_jump_days=400)
    async with bot_running(bot_api, fixture_content, store) as app:
        store.app = app  # type: ignore[attr-defined]  # for tests that run the upkeep by hand
        yield bot_api, store


@pytest.mark.parametrize(
    ("user_id", "language", "stored_word"),
    [
        (201, "en", "Stored"),
        (202, "tl", None),
        (203, "ru", None),
        (204, "ar", None),
    ],
)
async def test_register_in_four_taps_then_see_update_and_forget(
    bot_with_clock: tuple[FakeBotApi, Store], user_id: int, language: str, stored_word: str | None
) -> None:
    api, store = bot_with_clock
    me = Walker(api, user_id, language)
    await me.type("/start ph-ae")
    notice = await me.type("/register")
    assert "1:regask" in data_of(notice)  # what is stored comes first
    confirm = await me.press("1:regask")
    regions = await me.press("1:regregion")
    assert "1:regparty:dubai" in data_of(regions) and "1:regparty:-" in data_of(regions)
    party = await me.press("1:regparty:dubai")
    assert "1:regsave:dubai:2-4" in data_of(party)
    mine = await me.press("1:regsave:dubai:2-4")
    assert "1:unreg" in data_of(mine)
    registered = await store.registrations.get(user_id)
    assert registered is not None and (registered.region, registered.party) == ("dubai", "2-4")
    assert "1:regask" in data_of(notice) and confirm.method == "editMessageText"
    # update one answer: region only
    regions = await me.press("1:regregion")
    assert "1:regsave:abu-dhabi:2-4" in data_of(regions)
    await me.press("1:regsave:-:2-4")
    updated = await store.registrations.get(user_id)
    assert updated is not None and updated.region is None and updated.party == "2-4"
    done = await me.type("/forget")
    assert "deleted" in done.params["text"] or done.params["text"]
    assert await store.registrations.get(user_id) is None
    assert api.errors == []


async def test_reminder_two_weeks_before_expiry_then_lapse(
    bot_with_clock: tuple[FakeBotApi, Store], clock: Clock
) -> None:
    api, store = bot_with_clock
    me = Walker(api, 210, "en")
    await me.type("/start ph-ae")
    await me.type("/register")
    await me.press("1:regsave:dubai:1")
    clock.today += timedelta(days=170)
    [reminder] = await store.registrations.due_reminders()
    assert reminder.chat_id == 210 and reminder.host == "AE"
    assert await store.registrations.due_reminders() == []  # asked once only
    renewed = await me.press("1:renew")
    assert "1:unreg" in data_of(renewed)
    registered = await store.registrations.get(210)
    assert registered is not None and registered.expires_on == clock.today + timedelta(days=180)
    clock.today += timedelta(days=181)
    assert await store.registrations.expire() == 1
    assert await store.registrations.get(210) is None


async def test_forged_registration_answers_are_refused(
    bot_with_clock: tuple[FakeBotApi, Store],
) -> None:
    api, store = bot_with_clock
    me = Walker(api, 211, "en")
    await me.type("/start ph-ae")
    for forged in ("1:regsave:atlantis:1", "1:regsave:dubai:99", "1:regparty:nowhere", "1:renew"):
        screen = await me.press(forged)
        assert "expired" in screen.params["text"]
    assert await store.registrations.get(211) is None


async def test_database_files_reveal_no_one_after_registrations(
    bot_with_clock: tuple[FakeBotApi, Store], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    api, store = bot_with_clock
    people = [(7350142987, "Zanubiya"), (6021559310, "Rowena"), (5100200300, "Алесь")]
    for user_id, name in people:
        me = Walker(api, user_id, "en")
        me.user["first_name"] = name
        await me.type("/start ph-ae")
        await me.type("/register")
        await me.press("1:regsave:dubai:1")
    alert_id, _ = await store.alerts.create(
        origin="PH",
        host="AE",
        regions=(),
        severity="info",
        texts={"en": "Test."},
        rollcall=True,
    )
    await api.wait_for(people[0][0], 4)
    files = [path for path in tmp_path.iterdir() if path.name.startswith("bot.sqlite")]
    assert any(path.name.endswith("-wal") for path in files)  # the WAL is checked too
    raw = b"".join(path.read_bytes() for path in files)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for user_id, name in people:
        for needle in (
            str(user_id).encode(),
            user_id.to_bytes(8, "big"),
            user_id.to_bytes(8, "little"),
            name.encode(),
        ):
            assert needle not in raw
        assert str(user_id) not in logged and name not in logged
    assert alert_id


async def test_upkeep_asks_once_in_her_language_and_deletes_lapsed(
    bot_with_clock: tuple[FakeBotApi, Store], clock: Clock
) -> None:
    api, store = bot_with_clock
    me = Walker(api, 220, "ru")
    await me.type("/start ph-ae-ru")
    await me.type("/register")
    await me.press("1:regsave:dubai:1")
    clock.today += timedelta(days=167)
    await upkeep(store, store.app.bot)  # type: ignore[attr-defined]
    question = api.sent_to(220)[-1]
    assert "1:renew" in data_of(question) and "ОАЭ" in question.params["text"]
    await upkeep(store, store.app.bot)  # type: ignore[attr-defined]
    assert api.sent_to(220)[-1] is question  # asked once
    clock.today += timedelta(days=14)
    await upkeep(store, store.app.bot)  # type: ignore[attr-defined]
    assert await store.registrations.get(220) is None


async def test_after_forget_no_copy_of_the_files_holds_her_keys(
    bot_with_clock: tuple[FakeBotApi, Store], tmp_path: Path
) -> None:
    api, store = bot_with_clock
    people = [7350142987, 6021559310, 5100200300, 4100200300, 3100200300]
    for user_id in people:
        me = Walker(api, user_id, "en")
        await me.type("/start ph-ae")
        await me.type("/register")
        await me.press("1:regsave:dubai:1")
    for user_id in people:
        await Walker(api, user_id, "en").type("/forget")
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("bot.sqlite"))
    for user_id in people:  # what the secret key would turn her id into
        assert store.key(user_id) not in raw
