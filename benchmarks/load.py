"""Benchmark: N simulated users walk Lifeline's menus through the fake Bot API server, and the
same load goes to a bare python-telegram-bot echo bot in the same run. Prints updates/s, CPU ms
per update, p50/p95/p99 latency, peak RSS and the first shared location's answer time for both,
and the ratios. Asserts nothing.

    .venv/bin/python benchmarks/load.py [USERS] [ROUNDS]

The walk (SCRIPT, with the shipped content): /start, button taps, free-text searches (one with
a typo) and shared locations in covered countries (Dubai, Riyadh, Warsaw) and in one the
content does not cover (Berlin). Throughput and CPU: USERS users, each sending her next update
as soon as the previous one is answered. Latency: 40 users pausing 0.5 s between steps,
measured at the fake server from the moment getUpdates hands an update out to the last
message of its answer (loopback only, so it is processing time). Both bots run without the
outgoing rate limiter, so Telegram's 30 messages/s ceiling does not hide the cost.
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

from benchmarks.harness import SHIPPED_CONTENT, cpu_seconds, peak_rss_mb, start_bot, stop_bot
from tests.fakebotapi import FakeBotApi

SCRIPT: list[tuple[str, str | tuple[float, float], int]] = [  # kind, value, messages answered
    ("text", "/start ph-ae", 1),
    ("tap", "1:emergency", 1),
    ("location", (25.2, 55.27), 2),  # Dubai: "thank you" (removes the keyboard), the screen
    ("tap", "1:home", 1),
    ("tap", "1:plans", 1),
    ("tap", "1:plan:fire:1", 1),
    ("tap", "1:plan:fire:2", 1),
    ("text", "lost passport", 1),
    ("location", (24.7, 46.7), 2),  # Riyadh: another covered country than the one she chose
    ("tap", "1:missions", 1),
    ("tap", "1:mission:ae-embassy-abu-dhabi", 1),
    ("text", "fire", 1),
    ("location", (52.23, 21.01), 2),  # Warsaw: covered, no mission of hers
    ("text", "embasy", 1),  # a typo
    ("location", (52.52, 13.40), 2),  # Berlin: a country the content does not cover
]

LATENCY_USERS, LATENCY_PAUSE = 40, 0.5


async def drive(
    api: FakeBotApi, users: int, rounds: int, think: float = 0.0, first: int = 0
) -> tuple[int, float, list[tuple[str, float]]]:
    """Each user sends her next update when the previous one was answered (after `think` s;
    with a pause, users start spread over one pause, as readers do). Latency: from handing the
    update out to the last message of its answer."""
    latencies: list[tuple[str, float]] = []

    async def user(number: int) -> None:
        person = api.user(90_000 + first + number, "en")
        chat = person["id"]
        await asyncio.sleep(think * number / users)  # readers arrive spread out, not at once
        for _ in range(rounds):
            for kind, value, answers in SCRIPT:
                before = len(api.sent_to(chat))
                if isinstance(value, tuple):
                    api.send_location(person, *value)
                elif kind == "text":
                    api.send_text(person, value)
                else:
                    last = api.sent_to(chat, ("sendMessage",))
                    api.press(person, value, last[-1].result["message_id"] if last else 1)
                update_id = api.updates[-1]["update_id"]
                await api.wait_for(chat, before + answers, timeout=60)
                answered = time.perf_counter()
                waited = answered - api.handed_out.get(update_id, answered)
                latencies.append((_kind(kind, value), waited))
                await asyncio.sleep(think)

    started = time.perf_counter()
    await asyncio.gather(*(user(n) for n in range(users)))
    return users * rounds * len(SCRIPT), time.perf_counter() - started, latencies


def _kind(kind: str, value: str | tuple[float, float]) -> str:
    if kind == "text":
        return "command" if str(value).startswith("/") else "search"
    return kind


async def first_location(api: FakeBotApi) -> float:
    """Seconds until the very first shared location is answered (a geocoder loaded lazily)."""
    person = api.user(80_000, "en")
    api.send_text(person, "/start ph-ae")
    await api.wait_for(person["id"], 1, timeout=60)
    api.send_location(person, 25.2, 55.27)
    update_id = api.updates[-1]["update_id"]
    await api.wait_for(person["id"], 3, timeout=60)
    return time.perf_counter() - api.handed_out[update_id]


async def measure(name: str, command: list[str], users: int, rounds: int) -> dict[str, float]:
    api = FakeBotApi()
    await api.start()
    database = Path(tempfile.mkdtemp()) / "load.sqlite"
    bot = await start_bot(
        api,
        database,
        SHIPPED_CONTENT,
        command,
        bot_rate_limiter="false",
        bot_flood_burst="1000",
    )
    first = await first_location(api)
    await drive(api, 5, 1)  # warm-up: imports, caches, the first database pages
    cpu_before, polls_before = cpu_seconds(bot.pid), api.polls
    count, elapsed, _ = await drive(api, users, rounds)  # throughput: users as fast as they can
    cpu, polls = cpu_seconds(bot.pid) - cpu_before, api.polls - polls_before
    # latency: 40 users reading for 0.5 s between steps (~75 updates/s, below capacity, so the
    # figures are processing time, not time spent queueing behind 200 others)
    _, _, latencies = await drive(api, LATENCY_USERS, rounds, think=LATENCY_PAUSE, first=users)
    rss = peak_rss_mb(bot.pid)
    await stop_bot(bot)
    await api.stop()
    cuts = statistics.quantiles([seconds for _, seconds in latencies], n=100)
    slowest = {
        kind: statistics.quantiles([s for k, s in latencies if k == kind], n=100)[98] * 1000
        for kind in sorted({kind for kind, _ in latencies})
    }
    result = {
        "updates/s": count / elapsed,
        "cpu ms/update": cpu * 1000 / count,
        "p50 ms": cuts[49] * 1000,
        "p95 ms": cuts[94] * 1000,
        "p99 ms": cuts[98] * 1000,
        "peak RSS MB": rss,
        "polls/update": polls / count,
        "first location ms": first * 1000,
    }
    print(f"{name:9} " + "  ".join(f"{key} {value:7.2f}" for key, value in result.items()))
    print(f"{'':9} p99 ms by kind: " + "  ".join(f"{k} {v:.1f}" for k, v in slowest.items()))
    return result


async def main(users: int, rounds: int) -> None:
    kinds = [_kind(kind, value) for kind, value, _ in SCRIPT]
    print(
        f"{users} users x {rounds} rounds x {len(SCRIPT)} updates "
        f"({kinds.count('location')} locations, {kinds.count('search')} searches); "
        f"latency: {LATENCY_USERS} users pausing {LATENCY_PAUSE} s; machine: {os.cpu_count()} "
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
