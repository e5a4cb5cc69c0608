"""Benchmark: Telegram misbehaving. USERS people arrive within 5 s and each does the six actions
of benchmarks/harness.py `walk` (reading 1-3 s between screens), while the fake Bot API server
answers 10% of the bot's calls that answer people (sendMessage, editMessageText,
answerCallbackQuery, sendVenue) with a fault: a 429 with retry_after 1-5 s, a 5xx (500, 502,
503, 504) or a slow answer (1.5 s), a third each. Telegram's limits and its 15 s callback
lifetime are on; the real bot process runs with its limiter on. Asserts nothing.

    .venv/bin/python benchmarks/faults.py [USERS] [FAULT_RATE]

An action is answered when her screen came (the message sent, or the one she tapped edited)
within 30 s. A duplicate: a second message with the same text sent to her chat for one action
(between that action and her next one); each copy past the first counts once.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (
    WALK_ACTIONS,
    Person,
    replies,
    spread,
    start_bot,
    stop_bot,
    walk,
)
from bot.telegram.limits import ANSWER_RETRY_WITHIN
from tests.fakebotapi import LIMITED_SENDS, FakeBotApi

FAULTS = (
    *(f"429:{seconds}" for seconds in range(1, 6)),
    *("500", "502", "503", "504", "500"),
    *("slow",) * 5,
)
"""A third 429s (retry_after 1-5 s), a third 5xx, a third slow answers."""
THINK = (1.0, 3.0)
ARRIVAL = 5.0
APOLOGY = "Sorry, something went wrong"


async def main(users: int, fault_rate: float) -> None:
    api = FakeBotApi(telegram_limits=True, fault_rate=fault_rate, random_faults=FAULTS)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    log = folder / "bot.log"
    bot = await start_bot(api, folder / "faults.sqlite", log=log)
    rng = random.Random(120)
    people = [Person(api, 80_000 + n, timeout=30.0) for n in range(users)]
    started = time.perf_counter()

    async def arrive(person: Person, seed: int) -> None:
        await asyncio.sleep(rng.uniform(0, ARRIVAL))
        await walk(person, random.Random(seed), THINK)

    await asyncio.gather(*(arrive(person, n) for n, person in enumerate(people)))
    await asyncio.sleep(ANSWER_RETRY_WITHIN + 1)  # a refused button answer is retried that long
    elapsed = time.perf_counter() - started
    await stop_bot(bot)
    await api.stop()

    total = users * WALK_ACTIONS
    actions = [action for person in people for action in person.actions]
    answered = [a for a in actions if a.screen is not None]
    duplicates = apologies = 0
    for person in people:
        for _, calls in replies(api, person):
            texts = Counter(
                str(c.params.get("text") or c.params.get("title"))
                for c in calls
                if c.method in LIMITED_SENDS
            )
            duplicates += sum(count - 1 for count in texts.values())
            apologies += sum(count for text, count in texts.items() if APOLOGY in text)
    acknowledged = {
        str(call.params.get("callback_query_id"))
        for call in api.calls
        if call.method == "answerCallbackQuery"
    }
    taps = [a for a in actions if a.query_id is not None]
    refused = Counter(c.status for c in api.refused)
    errors = sum(1 for line in log.read_text().splitlines() if " ERROR " in line)
    print(
        f"faults: {users} users x {WALK_ACTIONS} actions, {fault_rate:.0%} of answering calls "
        f"faulty; machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"{elapsed:.0f} s"
    )
    print(
        f"answered: {len(answered)}/{total} = {len(answered) / total:.1%} (target >= 99%: "
        f"{'met' if len(answered) >= 0.99 * total else 'NOT met'})"
    )
    print(f"action to its screen: {spread([a.screen.at - a.pushed for a in answered])}")
    print(
        f"duplicates (same text twice to one chat for one action): {duplicates}; apologies: "
        f"{apologies}"
    )
    print(
        f"buttons acknowledged (answerCallbackQuery accepted): "
        f"{sum(1 for a in taps if a.query_id in acknowledged)}/{len(taps)}"
    )
    print(
        f"server answers: {len(api.calls)} accepted, refused "
        + ", ".join(f"{count} x {status}" for status, count in sorted(refused.items()))
        + f"; bot log lines at ERROR: {errors}"
    )


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 120,
            float(sys.argv[2]) if len(sys.argv) > 2 else 0.10,
        )
    )
