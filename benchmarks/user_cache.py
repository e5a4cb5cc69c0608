"""Benchmark: 10,000 load_user calls answered from the read cache, and 10,000 that miss it
(wall and CPU time, median of several runs). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/user_cache.py
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.state import UserState
from bot.storage.repository import Store

CALLS = 10_000


async def timed(store: Store, users: Iterable[int]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()  # CPU includes the database thread
    for user in users:
        await store.load_user(user)
    return time.perf_counter() - wall, time.process_time() - cpu


def report(label: str, runs: list[tuple[float, float]]) -> None:
    wall = statistics.median(run[0] for run in runs) * 1000
    cpu = statistics.median(run[1] for run in runs) * 1000
    print(f"{CALLS:,} load_user, {label}: {wall:.0f} ms wall, {cpu:.0f} ms CPU (median)")


async def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        async with Store(Path(folder) / "bench.sqlite", b"k" * 32) as store:
            for user in range(100):
                await store.save_state(user, UserState("en", "PH", "AE"))
            cached = [n % 100 for n in range(CALLS)]
            await timed(store, cached)  # fill the cache
            report("cached", [await timed(store, cached) for _ in range(7)])
            misses = [range(CALLS * k, CALLS * (k + 1)) for k in range(1, 4)]
            report("not cached", [await timed(store, users) for users in misses])


if __name__ == "__main__":
    asyncio.run(main())
