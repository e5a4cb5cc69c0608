"""A clock that jumps: expiry deletes no one on a wrong date, and outbox retries are not held
back by a clock that went back (and never wait longer than LONGEST_DELAY)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from bot.storage.alerts import LONGEST_DELAY, Delivery
from bot.storage.repository import Store
from tests.conftest import SECRET

PEOPLE = (301, 302, 303)


class Today:
    def __init__(self) -> None:
        self.value = date(2026, 1, 1)

    def __call__(self) -> date:
        return self.value

    def move(self, days: int) -> None:
        self.value += timedelta(days=days)


async def register_everyone(store: Store) -> None:
    for user in PEOPLE:
        await store.registrations.save(
            user, user, origin="PH", host="AE", region="dubai", party="1", language="en"
        )


async def registered(store: Store) -> int:
    return sum(c.people for c in await store.registrations.counts())


@pytest.mark.parametrize("jump", [200, -200])
async def test_a_clock_jump_of_200_days_deletes_and_asks_no_one(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, jump: int
) -> None:
    today = Today()
    async with Store(tmp_path / "db", SECRET.encode(), today=today) as store:
        await register_everyone(store)
        assert await store.registrations.expire() == 0  # the upkeep of 2026-01-01
        today.move(jump)
        assert await store.registrations.expire() == 0
        assert await store.registrations.due_reminders() == []
        assert await registered(store) == len(PEOPLE)
    [warning] = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert warning.startswith("Registrations were not expired and no renewal questions were sent")
    assert "200 days" in warning and "BOT_CLOCK_JUMP_DAYS=2" in warning


async def test_the_new_date_is_believed_once_the_clock_has_run_on_from_it(tmp_path: Path) -> None:
    today = Today()
    async with Store(tmp_path / "db", SECRET.encode(), today=today) as store:
        await register_everyone(store)
        await store.registrations.expire()
        today.move(200)  # the machine was off for 200 days
        assert await store.registrations.expire() == 0
        today.move(1)
        assert await store.registrations.expire() == 0
        today.move(1)  # two days of a steady clock: BOT_CLOCK_JUMP_DAYS
        assert await store.registrations.expire() == len(PEOPLE)


async def test_a_jump_that_is_undone_changes_nothing(tmp_path: Path) -> None:
    today = Today()
    async with Store(tmp_path / "db", SECRET.encode(), today=today) as store:
        await register_everyone(store)
        await store.registrations.expire()
        today.move(200)
        await store.registrations.expire()
        today.move(-199)  # the clock was put right the next day
        assert await store.registrations.expire() == 0
        today.move(200)  # and jumps again: watched from the start, not believed
        assert await store.registrations.expire() == 0
        assert await registered(store) == len(PEOPLE)


async def test_a_restart_with_a_larger_bound_accepts_the_jump_at_once(tmp_path: Path) -> None:
    today = Today()
    async with Store(tmp_path / "db", SECRET.encode(), today=today) as store:
        await register_everyone(store)  # they expire on day 180
        today.move(170)
        await store.registrations.expire()
        today.move(20)
        assert await store.registrations.expire() == 0
    async with Store(tmp_path / "db", SECRET.encode(), today=today, clock_jump_days=20) as store:
        assert await store.registrations.expire() == len(PEOPLE)


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


async def one_delivery(store: Store) -> Delivery:
    await store.registrations.save(
        401, 401, origin="PH", host="AE", region="dubai", party="1", language="en"
    )
    await store.alerts.create(
        origin="PH", host="AE", regions=(), severity="urgent", texts={"en": "Go."}, rollcall=False
    )
    [delivery] = await store.alerts.due()
    return delivery


async def test_a_retry_set_before_the_clock_went_back_is_due_now(tmp_path: Path) -> None:
    clock = Clock()
    async with Store(tmp_path / "db", SECRET.encode(), clock=clock) as store:
        await store.alerts.retry_later(await one_delivery(store), 60.0)
        assert await store.alerts.due() == []
        clock.now -= 3600  # an hour back: the retry would wait an hour and a minute
        assert [d.chat_id for d in await store.alerts.due()] == [401]


async def test_no_retry_waits_longer_than_the_longest_delay(tmp_path: Path) -> None:
    clock = Clock()
    async with Store(tmp_path / "db", SECRET.encode(), clock=clock) as store:
        await store.alerts.postpone(await one_delivery(store), 86_400.0)  # RetryAfter: a day
        clock.now += LONGEST_DELAY - 1
        assert await store.alerts.due() == []
        clock.now += 1
        assert [d.chat_id for d in await store.alerts.due()] == [401]
