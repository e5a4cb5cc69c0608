"""Benchmark: broadcast throughput of the real bot process against the fake Bot API server, as
a share of the allowed rate, and duplicates/losses across kill -9. Prints figures only.

    .venv/bin/python benchmarks/broadcast.py [RECIPIENTS] [RATE]
"""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakebotapi import FakeBotApi
from tests.test_kill_resume import alert_messages as received
from tests.test_kill_resume import prepare, start_bot


async def run(recipients: int, rate: float, kill_at: int | None) -> tuple[float, int, int]:
    api = FakeBotApi()
    await api.start()
    database = Path(tempfile.mkdtemp()) / "bench.sqlite"
    await prepare(database, recipients)
    env_rate = str(rate)
    bot = await start_bot(api, database, rate=env_rate)
    first_at = None
    while sum(received(api).values()) < recipients or (
        kill_at and bot.returncode is None and len(received(api)) < recipients
    ):
        count = sum(received(api).values())
        if count and first_at is None:
            first_at = time.perf_counter()
        if kill_at and count >= kill_at:
            bot.send_signal(signal.SIGKILL)
            await bot.wait()
            bot = await start_bot(api, database, rate=env_rate)
            kill_at = None
        if len(received(api)) >= recipients:
            break
        await asyncio.sleep(0.01)
    elapsed = time.perf_counter() - (first_at or time.perf_counter())
    await asyncio.sleep(1.0)
    bot.send_signal(signal.SIGTERM)
    await bot.wait()
    got = received(api)
    await api.stop()
    return elapsed, sum(got.values()) - recipients, recipients - len(got)


async def main(recipients: int, rate: float) -> None:
    elapsed, duplicates, lost = await run(recipients, rate, None)
    achieved = (recipients - 1) / elapsed if elapsed else 0.0
    print(
        f"broadcast to {recipients}: {elapsed:.2f} s from first to last message, "
        f"{achieved:.1f} msg/s = {achieved / rate:.0%} of the allowed {rate:g}/s; "
        f"duplicates {duplicates}, lost {lost}"
    )
    for kill_at in (recipients // 4, recipients // 2, 3 * recipients // 4):
        _, duplicates, lost = await run(recipients, rate, kill_at)
        print(f"kill -9 after {kill_at} messages, restart: duplicates {duplicates}, lost {lost}")


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
            float(sys.argv[2]) if len(sys.argv) > 2 else 25.0,
        )
    )
