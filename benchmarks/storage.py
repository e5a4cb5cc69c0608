"""Benchmark: insert N registrations (real code path: HMAC key, AES-GCM sealed chat id) and time
the staff counts query and the alert fan-out. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/storage.py [N]
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.storage.repository import Store

REGIONS = ("dubai", "abu-dhabi", "sharjah", "ajman", "fujairah", "ras-al-khaimah", None)


async def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp())
    async with Store(folder / "bench.sqlite", b"k" * 32) as store:
        started = time.perf_counter()
        for n in range(count):
            await store.registrations.save(
                10_000_000 + n,
                10_000_000 + n,
                origin=("PH", "BY")[n % 2],
                host="AE",
                region=REGIONS[n % len(REGIONS)],
                party="1",
                language="en",
            )
        inserted = time.perf_counter() - started
        timings = []
        for _ in range(5):
            started = time.perf_counter()
            counts = await store.registrations.counts()
            timings.append(time.perf_counter() - started)
        started = time.perf_counter()
        _, queued = await store.alerts.create(
            origin="PH", host="AE", regions=(), severity="info", texts={"en": "x"}, rollcall=True
        )
        fan_out = time.perf_counter() - started
        started = time.perf_counter()
        await store.alerts.stats(1)
        stats_time = time.perf_counter() - started
    size = (folder / "bench.sqlite").stat().st_size
    print(
        f"registrations inserted: {count} in {inserted:.1f} s "
        f"({count / inserted:,.0f}/s, one transaction each, as the bot does)"
    )
    print(
        f"counts query (per origin, host, region; {len(counts)} rows): "
        f"best {min(timings) * 1000:.1f} ms, worst {max(timings) * 1000:.1f} ms"
    )
    print(f"alert fan-out to {queued} outbox rows: {fan_out * 1000:.0f} ms")
    print(f"roll-call stats query over {queued} recipients: {stats_time * 1000:.0f} ms")
    print(f"database size: {size / 1e6:.1f} MB")


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000))
