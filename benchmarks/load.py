"""Benchmark: N simulated users walk Lifeline's menus through the fake Bot API server, and the
same load goes to a bare python-telegram-bot echo bot in the same run. Prints updates/s, CPU ms
per update, p50/p95/p99 latency and peak RSS for both, and the ratios. Asserts nothing.

    .venv/bin/python benchmarks/load.py [USERS] [ROUNDS]

Latency is measured at the fake server: from the moment an update is handed out by getUpdates
to the bot's first answer for that chat (loopback only, so it is processing time). Both bots run
without the outgoing rate limiter, so Telegram's 30 messages/s ceiling does not hide the cost.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import cpu_seconds, peak_rss_mb, start_bot, stop_bot
from tests.conftest import FIXTURE_CONTENT
from tests.fakebotapi import FakeBotApi

SCRIPT = [
    ("text", "/start ph-ae"),
    ("tap", "1:emergency"),
    ("tap", "1:home"),
    ("tap", "1:plans"),
    ("tap", "1:plan:fire:1"),
    ("tap", "1:plan:fire:2"),
    ("text", "lost passport"),
    ("tap", "1:missions"),
    ("tap", "1:mission:ae-embassy"),
    ("text", "fire"),
]


async def drive(
    api: FakeBotApi, users: int, rounds: int, think: float = 0.0
) -> tuple[int, float, list[float]]:
    """Each user sends her next update when the previous one was answered (after `think` s)."""
    latencies: list[float] = []

    async def user(number: int) -> None:
        person = api.user(90_000 + number, "en")
        chat = person["id"]
        for _ in range(rounds):
            for kind, value in SCRIPT:
                before = len(api.sent_to(chat))
                if kind == "text":
                    api.send_text(person, value)
                else:
                    last = api.sent_to(chat, ("sendMessage",))
                    api.press(person, value, last[-1].result["message_id"] if last else 1)
                update_id = api.updates[-1]["update_id"]
                await api.wait_for(chat, before + 1, timeout=60)
                answered = time.perf_counter()
                latencies.append(answered - api.handed_out.get(update_id, answered))
                await asyncio.sleep(think)

    started = time.perf_counter()
    await asyncio.gather(*(user(n) for n in range(users)))
    return users * rounds * len(SCRIPT), time.perf_counter() - started, latencies


async def measure(name: str, command: list[str], users: int, rounds: int) -> dict[str, float]:
    api = FakeBotApi()
    await api.start()
    database = Path(tempfile.mkdtemp()) / "load.sqlite"
    bot = await start_bot(
        api,
        database,
        FIXTURE_CONTENT,
        command,
        bot_rate_limiter="false",
        bot_flood_burst="1000",
    )
    await drive(api, 5, 1)  # warm-up: imports, caches, the first database pages
    cpu_before, polls_before = cpu_seconds(bot.pid), api.polls
    count, elapsed, _ = await drive(api, users, rounds)  # throughput: users as fast as they can
    cpu, polls = cpu_seconds(bot.pid) - cpu_before, api.polls - polls_before
    # latency: 10 users reading for 0.2 s between taps (~50 updates/s, below capacity, so the
    # figures are processing time, not time spent queueing behind 200 others)
    _, _, latencies = await drive(api, 10, rounds, think=0.2)
    rss = peak_rss_mb(bot.pid)
    await stop_bot(bot)
    await api.stop()
    cuts = statistics.quantiles(latencies, n=100)
    result = {
        "updates/s": count / elapsed,
        "cpu ms/update": cpu * 1000 / count,
        "p50 ms": cuts[49] * 1000,
        "p95 ms": cuts[94] * 1000,
        "p99 ms": cuts[98] * 1000,
        "peak RSS MB": rss,
        "polls/update": polls / count,
    }
    print(f"{name:9} " + "  ".join(f"{key} {value:7.2f}" for key, value in result.items()))
    return result


async def main(users: int, rounds: int) -> None:
    print(
        f"{users} users x {rounds} rounds x {len(SCRIPT)} updates, machine: {os.cpu_count()} "
        f"cores, Python {sys.version.split()[0]}"
    )
    lifeline = await measure("lifeline", [sys.executable, "-m", "bot", "run"], users, rounds)
    echo = await measure("echo bot", [sys.executable, "benchmarks/echo_bot.py"], users, rounds)
    print("ratio    " + "  ".join(f"{key} {lifeline[key] / echo[key]:7.2f}" for key in lifeline))


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 200,
            int(sys.argv[2]) if len(sys.argv) > 2 else 2,
        )
    )
