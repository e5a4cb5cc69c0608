"""kill -9 in the middle of a broadcast: the real bot process restarts and finishes the job.

Exactly-once delivery over the Bot API is impossible in general (a message Telegram accepted
just before the process died cannot be told apart from one it never got), so the outbox is
at-least-once with a window of the messages in flight at the moment of the kill. This test
asserts that nobody is missed and that duplicates stay within that window.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections import Counter
from pathlib import Path

from bot.storage.repository import Store
from tests.conftest import ROOT, SECRET, bot_env
from tests.fakebotapi import FakeBotApi

RECIPIENTS = 200
IN_FLIGHT_LIMIT = 8  # Outbox.concurrency


async def prepare(database: Path, recipients: int = RECIPIENTS) -> None:
    """Registrants 50000, 50001, ... in Dubai and one urgent roll-call queued for all of them."""
    async with Store(database, SECRET.encode()) as store:
        for n in range(recipients):
            user = 50_000 + n
            await store.registrations.save(
                user, user, origin="PH", host="AE", region="dubai", party="1", language="en"
            )
        await store.alerts.create(
            origin="PH",
            host="AE",
            regions=(),
            severity="urgent",
            texts={"en": "Evacuate to the north."},
            rollcall=True,
        )


def alert_messages(api: FakeBotApi) -> Counter[int]:
    return Counter(
        c.chat_id
        for c in api.calls
        if c.method == "sendMessage" and c.chat_id is not None and c.chat_id >= 50_000
    )


async def start_bot(
    api: FakeBotApi, database: Path, rate: str = "30"
) -> asyncio.subprocess.Process:
    """`python -m bot run` as its own process, talking to the fake server."""
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        cwd=ROOT,
        env=bot_env(api, database, BOT_BROADCAST_RATE=rate),
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )


async def wait_for(condition: object, timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():  # type: ignore[operator]
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_broadcast_survives_kill_9_and_resumes(bot_api: FakeBotApi, tmp_path: Path) -> None:
    database = tmp_path / "bot.sqlite"
    await prepare(database)
    first = await start_bot(bot_api, database)
    await wait_for(lambda: sum(alert_messages(bot_api).values()) >= 60, timeout=60)
    first.send_signal(signal.SIGKILL)
    await first.wait()
    delivered_before_kill = sum(alert_messages(bot_api).values())
    assert delivered_before_kill < RECIPIENTS  # it really died mid-broadcast

    second = await start_bot(bot_api, database)
    try:
        await wait_for(lambda: len(alert_messages(bot_api)) >= RECIPIENTS, timeout=60)
        await asyncio.sleep(1.0)  # anything still queued would arrive now
    finally:
        second.send_signal(signal.SIGTERM)
        await second.wait()

    received = alert_messages(bot_api)
    assert set(received) == {50_000 + n for n in range(RECIPIENTS)}  # nobody lost
    duplicates = sum(received.values()) - RECIPIENTS
    assert duplicates <= IN_FLIGHT_LIMIT, received.most_common(3)
    assert second.returncode == 0  # SIGTERM: a clean stop (it took the dead one's lease)
