"""One sender per database: a second bot is refused in one sentence, a dead one's lease lapses
(at once on the same machine), and a bot that lost its lease stops delivering alerts."""

from __future__ import annotations

import asyncio
import logging
import signal
import socket
from pathlib import Path

import pytest

from bot.content.model import Content
from bot.storage.lease import SENDER, Holder, LeaseHeldError
from bot.storage.repository import Store
from tests.conftest import SECRET, bot_exit, bot_running
from tests.fakebotapi import FakeBotApi
from tests.test_kill_resume import start_bot, wait_for


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def store(database: Path, clock: Clock | None = None, holder: Holder | None = None) -> Store:
    return Store(database, SECRET.encode(), clock=clock or Clock(), holder=holder)


async def test_a_second_holder_is_refused_until_the_lease_lapses(tmp_path: Path) -> None:
    clock = Clock()
    async with store(tmp_path / "db", clock) as first, store(tmp_path / "db", clock) as second:
        await first.lease.acquire(SENDER)
        clock.now += 29
        with pytest.raises(LeaseHeldError) as refused:
            await second.lease.acquire(SENDER)
        assert str(refused.value) == (
            f"Another Lifeline process (pid {first.lease.holder.pid} on {socket.gethostname()})"
            f" is already running on {tmp_path / 'db'}; stop it first, or wait 30 s if it crashed."
        )
        clock.now += 2  # the first stopped renewing (paused, or crashed on another machine)
        await second.lease.acquire(SENDER)
        assert not await first.lease.renew(SENDER)
        assert await second.lease.renew(SENDER)


async def test_a_lease_from_before_the_clock_went_back_has_lapsed(tmp_path: Path) -> None:
    clock = Clock()
    async with store(tmp_path / "db", clock) as first, store(tmp_path / "db", clock) as second:
        await first.lease.acquire(SENDER)
        clock.now -= 3600  # its expiry is now an hour and 30 s away: no holder sets that
        await second.lease.acquire(SENDER)


async def test_a_dead_holder_on_this_machine_is_replaced_at_once(tmp_path: Path) -> None:
    child = await asyncio.create_subprocess_exec("true")
    await child.wait()
    here, clock = Holder.this_process(), Clock()
    async with store(tmp_path / "db", clock) as second:
        elsewhere = Holder("other", child.pid, "another-machine", here.pid_namespace)
        await _crashed_holding(second, elsewhere, clock.now + 20)
        with pytest.raises(LeaseHeldError, match="another-machine"):  # cannot know: wait
            await second.lease.acquire(SENDER)
        dead = Holder("dead", child.pid, here.hostname, here.pid_namespace)
        await _crashed_holding(second, dead, clock.now + 20)
        await second.lease.acquire(SENDER)


async def _crashed_holding(store: Store, holder: Holder, expires_at: float) -> None:
    """The row a process leaves when it dies holding the lease."""
    await store.db.execute(
        "INSERT OR REPLACE INTO leases VALUES (?, ?, ?, ?, ?, ?)",
        (SENDER, holder.token, holder.pid, holder.hostname, holder.pid_namespace, expires_at),
    )
    await store.db.commit()


async def test_closing_the_store_gives_the_lease_back(tmp_path: Path) -> None:
    clock = Clock()
    async with store(tmp_path / "db", clock) as first:
        await first.lease.acquire(SENDER)
    async with store(tmp_path / "db", clock) as second:
        await second.lease.acquire(SENDER)


async def test_a_lost_lease_is_reported_by_the_renewal(tmp_path: Path) -> None:
    async with Store(tmp_path / "db", SECRET.encode()) as first:
        first.lease.ttl = 0.3
        await first.lease.acquire(SENDER)
        lost: list[str] = []
        first.lease.keep(SENDER, lost.append)
        await asyncio.sleep(0.6)  # twice its lifetime: renewed, still held
        assert lost == [] and await first.lease.renew(SENDER)  # still its own
        await first.db.execute("UPDATE leases SET token = 'taken-over'")
        await first.db.commit()
        await wait_for(lambda: lost, timeout=2)
    assert lost == [
        f"the sender lease on {tmp_path / 'db'} is held by pid {first.lease.holder.pid} on "
        f"{socket.gethostname()} now (this process was paused or cut off from the database "
        "for over 0.3 s)"
    ]


async def test_a_bot_that_lost_its_lease_stops_delivering_alerts(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "bot.sqlite"
    bot_store = Store(database, SECRET.encode())
    bot_store.lease.ttl = 0.3
    async with bot_running(bot_api, fixture_content, bot_store) as app, store(database) as other:
        await other.db.execute("UPDATE leases SET token = 'taken-over'")
        await other.db.commit()
        stopped = lambda: any("delivery stopped" in r.getMessage() for r in caplog.records)  # noqa: E731
        await wait_for(stopped, timeout=2)
        await other.registrations.save(
            77, 77, origin="PH", host="AE", region=None, party="1", language="en"
        )
        await other.alerts.create(
            origin="PH", host="AE", regions=(), severity="urgent", texts={"en": "Go."},
            rollcall=False,
        )  # fmt: skip
        app.bot_data.deps.outbox_due.set()
        await asyncio.sleep(1.0)
    assert bot_api.sent_to(77) == []
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    # Who holds it by the time the loss is noticed depends on timing: the other writer's
    # token, or nobody once that lapsed too. Either way one sentence, and delivery stops.
    assert len(logged) == 1, logged
    assert logged[0].startswith(
        f"Alert delivery stopped: the sender lease on {database} is held by"
    )
    assert logged[0].endswith(
        "(this process was paused or cut off from the database for over 0.3 s)."
    )


async def test_a_second_bot_on_the_same_database_exits_2_in_one_sentence(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    database = tmp_path / "bot.sqlite"
    first = await start_bot(bot_api, database)
    try:
        await wait_for(lambda: bot_api.polls > 0, timeout=60)
        code, printed = await bot_exit(bot_api, database)
        assert first.returncode is None  # the first one goes on
    finally:
        first.send_signal(signal.SIGTERM)
        await first.wait()
    *started, said = printed.splitlines()
    assert said == (
        f"Another Lifeline process (pid {first.pid} on {socket.gethostname()}) is already "
        f"running on {database}; stop it first, or wait 30 s if it crashed."
    )
    assert [line for line in started if " INFO " not in line] == []
    assert code == 2
    assert first.returncode == 0
