"""Alerts and roll-calls through the real bot and the fake Bot API server: 200 registrants,
staff scopes, Forbidden and 429, one live message per alert, counts with small cells hidden."""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest

from bot.content.model import Content
from bot.storage.repository import Store
from tests.conftest import SECRET, bot_running
from tests.fakebotapi import Call, FakeBotApi
from tests.test_end_to_end import Walker, data_of

ADMIN, SCOPED_ADMIN = 900, 901
FIRST_USER = 10_000


async def register_many(store: Store, count: int, regions: tuple[str, ...]) -> list[int]:
    users = [FIRST_USER + n for n in range(count)]
    for n, user in enumerate(users):
        await store.registrations.save(
            user,
            user,
            origin="PH",
            host="AE",
            region=regions[n % len(regions)],
            party="1",
            language=("en", "fil", "ar")[n % 3],
        )
    return users


def alerts_to(api: FakeBotApi, users: list[int]) -> list[Call]:
    wanted = set(users)
    return [c for c in api.calls if c.method == "sendMessage" and c.chat_id in wanted]


async def wait_until(condition: object, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not condition():  # type: ignore[operator]
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.05)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "bot.sqlite", SECRET.encode())


async def test_rollcall_to_200_people_counts_answers_per_region(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(
        bot_api, fixture_content, store, bot_admin_ids=f"{ADMIN}", bot_broadcast_rate=30
    ):
        users = await register_many(store, 200, ("dubai", "abu-dhabi"))
        await store.registrations.save(  # one person alone in "region not said"
            FIRST_USER + 999,
            FIRST_USER + 999,
            origin="PH",
            host="AE",
            region=None,
            party="1",
            language="en",
        )
        users.append(FIRST_USER + 999)
        alert_id, queued = await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "Stay indoors.", "fil": "Manatili sa loob."},
            rollcall=True,
            admin_chat=ADMIN,
        )
        assert queued == 201
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 201)
        received = Counter(c.chat_id for c in alerts_to(bot_api, users))
        assert set(received.values()) == {1}  # everyone exactly once
        fil = next(c for c in alerts_to(bot_api, users) if c.chat_id == FIRST_USER + 1)
        assert "Manatili sa loob." in fil.params["text"]
        ar = next(c for c in alerts_to(bot_api, users) if c.chat_id == FIRST_USER + 2)
        assert "Stay indoors." in ar.params["text"]  # no Arabic text: English fallback
        # answers: 150 safe, 3 need help (all in Dubai), the rest silent
        for user in users[:150]:
            bot_api.press(bot_api.user(user, "en"), f"1:rc:{alert_id}:1:safe", 1)
        for user in (users[0], users[2], users[4]):  # changed their minds: latest counts
            bot_api.press(bot_api.user(user, "en"), f"1:rc:{alert_id}:1:help", 1)
        await wait_until(
            lambda: sum(1 for c in bot_api.calls if c.method == "answerCallbackQuery") >= 153
        )
        stats = {row.region: row for row in await store.alerts.stats(alert_id)}
        assert stats["dubai"].safe == 72 and stats["dubai"].help == 3
        assert stats["abu-dhabi"].safe == 75 and stats["abu-dhabi"].help == 0
        assert stats[None].recipients == 1

        def help_screen() -> list[Call]:  # answered at once; the screen at the chat's pace
            return [c for c in bot_api.sent_to(users[0]) if "needs help" in c.params["text"]]

        await wait_until(help_screen)
        assert "999" in help_screen()[-1].params["text"]
        # staff see counts, with small cells hidden
        report = [c.params["text"] for c in bot_api.sent_to(ADMIN)]
        await wait_until(
            lambda: any(
                "Delivery finished" in t
                for t in (c.params["text"] for c in bot_api.sent_to(ADMIN))
            )
        )
        final = [
            c.params["text"]
            for c in bot_api.sent_to(ADMIN)
            if "Delivery finished" in c.params["text"]
        ][-1]
        assert "Region not said: &lt; 5" in final
        # 201 in all, 100 and 100 shown: exact totals would give the hidden 1 away
        assert "Sent: ≈200 of ≈200 · still to send: 0" in final and "201" not in final
        assert report


async def test_update_edits_the_live_message_and_new_round_sends_a_new_one(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(bot_api, fixture_content, store):
        users = await register_many(store, 5, ("dubai",))
        alert_id, _ = await store.alerts.create(
            origin="PH",
            host="AE",
            regions=("dubai",),
            severity="info",
            texts={"en": "Roads closed."},
            rollcall=True,
        )
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 5)
        assert all(
            c.params.get("disable_notification") in (True, "True", "true")
            for c in alerts_to(bot_api, users)
        )  # info is silent
        await store.alerts.update_texts(alert_id, {"en": "Roads closed until 6 pm."})
        await wait_until(
            lambda: (
                sum(
                    1
                    for c in bot_api.calls
                    if c.method == "editMessageText" and c.chat_id in set(users)
                )
                >= 5
            )
        )
        assert len(alerts_to(bot_api, users)) == 5  # edited, not sent again
        await store.alerts.new_round(alert_id)
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 10)
        second = alerts_to(bot_api, users)[-1]
        assert f"1:rc:{alert_id}:2:safe" in data_of(second)
        stale = Walker(bot_api, users[0], "en")
        answer = await stale.press(f"1:rc:{alert_id}:1:safe")  # round 1 is over
        assert "expired" in answer.params["text"]


async def test_reminder_goes_once_to_those_who_did_not_answer(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(bot_api, fixture_content, store):
        users = await register_many(store, 6, ("dubai",))
        alert_id, _ = await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="warning",
            texts={"en": "Check in."},
            rollcall=True,
            remind_after=timedelta(seconds=1),
        )
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 6)
        for user in users[:4]:
            bot_api.press(bot_api.user(user, "en"), f"1:rc:{alert_id}:1:safe", 1)
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 6 + 2 + 4, timeout=15)
        reminders = [
            c
            for c in alerts_to(bot_api, users)
            if "reply_parameters" in c.params or "reply_to_message_id" in c.params
        ]
        assert sorted(c.chat_id for c in reminders) == users[4:]
        await asyncio.sleep(2)
        assert len(alerts_to(bot_api, users)) == 6 + 4 + 2  # alerts, thank-yous, reminders once


async def test_blocked_users_become_inactive_and_429_is_obeyed(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(bot_api, fixture_content, store):
        users = await register_many(store, 10, ("dubai",))
        bot_api.blocked = {users[3]}
        bot_api.throttle = 2
        alert_id, _ = await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "Go north."},
            rollcall=False,
        )
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 9, timeout=20)
        stats = await store.alerts.stats(alert_id)
        assert sum(row.blocked for row in stats) == 1
        assert await store.alerts.count_recipients("PH", "AE", ()) == 9
        assert Counter(c.chat_id for c in alerts_to(bot_api, users)).most_common(1)[0][1] == 1


async def test_non_admin_and_out_of_scope_admin_are_refused(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(
        bot_api, fixture_content, store, bot_admin_ids=f"{ADMIN},{SCOPED_ADMIN}:BY"
    ):
        stranger = Walker(bot_api, 555, "en")
        for command in ("/alert", "/stats"):
            refusal = await stranger.type(command)
            assert "consular staff only" in refusal.params["text"]
        scoped = Walker(bot_api, SCOPED_ADMIN, "en")
        composer = await scoped.type("/alert")
        assert "1:adm:o:PH" not in data_of(composer)  # PH is outside her scope
        before = len(bot_api.calls)
        scoped.api.press(scoped.user, "1:adm:o:PH", composer.result["message_id"])
        await wait_until(
            lambda: any(
                c.method == "answerCallbackQuery" and "staff only" in str(c.params.get("text"))
                for c in bot_api.calls[before:]
            )
        )


async def test_admin_composes_previews_and_sends_an_alert_in_telegram(
    bot_api: FakeBotApi, fixture_content: Content, store: Store, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level("INFO")
    async with bot_running(bot_api, fixture_content, store, bot_admin_ids=f"{ADMIN}"):
        users = await register_many(store, 7, ("dubai", "abu-dhabi"))
        admin = Walker(bot_api, ADMIN, "en")
        await admin.type("/alert")
        await admin.press("1:adm:o:PH")
        await admin.press("1:adm:h:AE")
        regions = await admin.press("1:adm:r:dubai")
        assert any(b.startswith("1:adm:s:") for b in data_of(regions))
        await admin.press("1:adm:s:warning")
        ask = await admin.press("1:adm:c:1")
        assert "English" in ask.params["text"]
        refused = await admin.type("🚨" * 2100)  # 4,200 UTF-16 units: Telegram refuses it
        assert "too long for Telegram" in refused.params["text"]
        preview = await admin.type("Flooding in Deira. Stay on high floors.")
        assert (
            "Recipients now: &lt; 5" in preview.params["text"]
            or "Recipients now: 4" in preview.params["text"]
        )
        assert "Flooding in Deira" in preview.params["text"]
        await admin.press("1:adm:go")
        dubai = [u for n, u in enumerate(users) if n % 2 == 0]
        await wait_until(lambda: len(alerts_to(bot_api, dubai)) >= len(dubai))
        assert not alerts_to(bot_api, [u for u in users if u not in dubai])
        stats = await admin.type("/stats")
        assert stats is not None
        await wait_until(lambda: any(c.method == "sendPhoto" for c in bot_api.calls))
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "Flooding in Deira" not in logged  # staff text is not logged either
    assert not any(str(user) in logged for user in users)


async def test_an_alert_being_composed_survives_a_bot_restart(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> None:
    admin = Walker(bot_api, ADMIN, "en")
    async with bot_running(
        bot_api, fixture_content, Store(tmp_path / "bot.sqlite", SECRET.encode()),
        bot_admin_ids=f"{ADMIN}",
    ):  # fmt: skip
        await admin.type("/alert")
        await admin.press("1:adm:o:PH")
        await admin.press("1:adm:h:AE")
    bot_api.updates.clear()  # Telegram forgets confirmed updates; the fake would replay them
    async with bot_running(
        bot_api, fixture_content, Store(tmp_path / "bot.sqlite", SECRET.encode()),
        bot_admin_ids=f"{ADMIN}",
    ):  # fmt: skip
        regions = await admin.press("1:adm:r:dubai")
    assert "Tick regions" in regions.params["text"]  # where she was, not a new alert
    assert "1:adm:s:urgent" in data_of(regions)


def test_markup_of_alert_fits_callback_limits() -> None:
    data = json.dumps(
        {"inline_keyboard": [[{"text": "x", "callback_data": "1:rc:99999:99:help"}]]}
    )
    assert len("1:rc:99999:99:help") <= 64 and data


async def test_a_delivery_that_cannot_be_recorded_stops_sending_and_tells_staff(
    bot_api: FakeBotApi, fixture_content: Content, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The disk fills while marking deliveries sent: nobody gets the alert twice."""
    async with bot_running(bot_api, fixture_content, store, bot_admin_ids=f"{ADMIN}"):
        users = await register_many(store, 20, ("dubai",))

        async def disk_full(*args: object, **kwargs: object) -> None:
            raise OSError(28, "database or disk is full")

        monkeypatch.setattr(store.alerts, "sent", disk_full)
        await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "Stay indoors."},
            rollcall=False,
            admin_chat=ADMIN,
        )
        await wait_until(lambda: any("Alert delivery stopped" in c.params["text"]
                                     for c in bot_api.sent_to(ADMIN)))  # fmt: skip
        await asyncio.sleep(3.0)  # several rounds of the outbox would have passed
        received = Counter(c.chat_id for c in alerts_to(bot_api, users))
        assert received and set(received.values()) == {1}
        assert len(received) <= 8  # at most the sends already under way


async def test_unblocking_the_bot_restores_alerts_and_her_screen_says_so(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    async with bot_running(bot_api, fixture_content, store):
        users = await register_many(store, 3, ("dubai",))
        she = bot_api.user(users[0])
        bot_api.block(she)
        await wait_until_count(store, 2)
        await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "One."},
            rollcall=False,
        )
        await wait_until(lambda: len(alerts_to(bot_api, users)) >= 2, timeout=20)
        bot_api.block(she, blocked=False)
        await wait_until_count(store, 3)
        await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "Two."},
            rollcall=False,
        )
        await wait_until(
            lambda: any("Two." in c.params["text"] for c in alerts_to(bot_api, [users[0]]))
        )
        assert not any("One." in c.params["text"] for c in alerts_to(bot_api, [users[0]]))
        walker = Walker(bot_api, users[0], "en")
        screen = await walker.type("/register")
        assert "Alerts reach you in this chat" in screen.params["text"]


async def test_a_registered_user_who_writes_again_is_reachable_again(
    bot_api: FakeBotApi, fixture_content: Content, store: Store
) -> None:
    """A block and unblock while the bot was down leaves no my_chat_member to see: any
    message from her proves the bot is not blocked."""
    async with bot_running(bot_api, fixture_content, store):
        users = await register_many(store, 1, ("dubai",))
        await store.registrations.set_reachable(users[0], False)
        assert await store.alerts.count_recipients("PH", "AE", ()) == 0
        await Walker(bot_api, users[0], "en").type("/start")
        assert await store.alerts.count_recipients("PH", "AE", ()) == 1


async def wait_until_count(store: Store, count: int) -> None:
    deadline = asyncio.get_running_loop().time() + 10
    while await store.alerts.count_recipients("PH", "AE", ()) != count:
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"recipients never became {count}")
        await asyncio.sleep(0.05)
