"""Benchmark: a crisis surge. USERS people open the bot within ARRIVAL s (uniformly at random)
and each does six things like a real person, reading 1-3 s between screens (benchmarks/
harness.py `walk`). The fake Bot API server enforces Telegram's limits (30 messages/s overall,
per chat, 429 with retry_after) and its 15 s callback lifetime; the real bot process runs with
its limiter on. Everything is counted at the fake server. Asserts nothing.

    .venv/bin/python benchmarks/surge.py [USERS] [ARRIVAL]

The floor: Telegram's limits allow 30 messages a second, so the last first screen cannot come
before the bot has sent every message that must precede it: every first screen, and the
replies to updates that arrived before the last /start (answering someone later than a person
who asked after her is not a way to go faster, it only moves the wait).
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    WALK_ACTIONS,
    Person,
    answers_to_taps,
    replies,
    spread,
    start_bot,
    stop_bot,
    walk,
)
from tests.fakebotapi import LIMITED_SENDS, OVERALL_LIMIT, FakeBotApi

LIFETIME = 15.0
THINK = (1.0, 3.0)
TARGET_RATIO = 1.2


async def main(users: int, arrival: float) -> None:
    api = FakeBotApi(telegram_limits=True, callback_lifetime=LIFETIME)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    log = folder / "bot.log"
    bot = await start_bot(api, folder / "surge.sqlite", log=log)
    rng = random.Random(400)
    people = [Person(api, 70_000 + n, timeout=60.0) for n in range(users)]
    arrivals = sorted(rng.uniform(0, arrival) for _ in people)
    started = time.perf_counter()

    async def arrive(person: Person, at: float, seed: int) -> None:
        await asyncio.sleep(at)
        await walk(person, random.Random(seed), THINK)

    await asyncio.gather(
        *(arrive(p, at, n) for n, (p, at) in enumerate(zip(people, arrivals, strict=True)))
    )
    await asyncio.sleep(1.0)  # anything still on its way
    await stop_bot(bot)
    await api.stop()
    report(api, people, started, arrival, log)


def report(
    api: FakeBotApi, people: list[Person], started: float, arrival: float, log: Path
) -> None:
    users = len(people)
    actions = [action for person in people for action in person.actions]
    total = users * WALK_ACTIONS
    answered = [a for a in actions if a.screen is not None]
    taps = [a for a in actions if a.query_id is not None]
    answers = answers_to_taps(api)
    tap_latency = [answers[a.query_id].at - a.pushed for a in taps if a.query_id in answers]
    late = sum(1 for a in taps if a.query_id in answers and answers[a.query_id].status == 400)
    unanswered_taps = sum(1 for a in taps if a.query_id not in answers)
    starts = [p.actions[0] for p in people if p.actions]
    first_screens = [a.screen.at for a in starts if a.screen is not None]
    everyone = max(first_screens) - started if len(first_screens) == users else float("inf")
    last_start = max(api.handed_out[a.update_id] for a in starts)
    earlier_replies = sum(
        1
        for person in people
        for action, calls in replies(api, person)[1:]
        if api.handed_out.get(action.update_id, float("inf")) <= last_start
        for call in calls
        if call.method in LIMITED_SENDS
    )
    must = users + earlier_replies
    last_arrival = max(a.pushed for a in starts) - started
    floor = max(must / OVERALL_LIMIT, last_arrival)
    throttled = sum(1 for c in api.refused if c.status == 429)
    sent = sum(1 for c in api.calls if c.method in LIMITED_SENDS)
    errors = sum(1 for line in log.read_text().splitlines() if " ERROR " in line)
    print(
        f"surge: {users} users arriving within {arrival:g} s, {WALK_ACTIONS} actions each, "
        f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}"
    )
    print(f"answered: {len(answered)}/{total} actions")
    print(f"screens (action to its screen): {spread([a.screen.at - a.pushed for a in answered])}")
    print(f"button press to answerCallbackQuery: {spread(tap_latency)}")
    print(
        f"buttons answered within 1 s: {sum(1 for x in tap_latency if x <= 1.0)}/{len(taps)}; "
        f"answered late (after the {LIFETIME:g} s lifetime): {late}; never answered: "
        f"{unanswered_taps}"
    )
    print(f"every user has her first screen after: {everyone:.2f} s")
    print(
        f"floor: ({users} first screens + {earlier_replies} replies to updates that came "
        f"before the last /start) = {must} messages / {OVERALL_LIMIT} per s = "
        f"{must / OVERALL_LIMIT:.2f} s (the last user arrived at {last_arrival:.2f} s)"
    )
    print(
        f"ratio: {everyone / floor:.2f} x the floor (target <= {TARGET_RATIO}: "
        f"{'met' if everyone <= TARGET_RATIO * floor else 'NOT met'})"
    )
    print(
        f"429s the bot got: {throttled} (of them from Telegram's limits: {api.throttled}); "
        f"messages sent {sent}; bot log lines at ERROR: {errors}"
    )


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 400,
            float(sys.argv[2]) if len(sys.argv) > 2 else 5.0,
        )
    )
