"""Benchmark: an urgent roll-call to RECIPIENTS registered people (created with the Store API
before the bot starts, as benchmarks/broadcast.py does). 70% of them press a button within 5 s
of receiving the alert, 30% of those "I need help". The fake Bot API server enforces Telegram's
limits and its 15 s callback lifetime; the real bot process runs with its limiter on.
Everything is counted at the fake server. Asserts nothing.

    .venv/bin/python benchmarks/rollcall.py [RECIPIENTS] [RATE]

"Shown the numbers": the first message the bot sends to her chat after her "I need help"
press holds every emergency number of the host country (AE in the shipped content).
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

from benchmarks.harness import SHIPPED_CONTENT, answers_to_taps, spread, start_bot, stop_bot
from bot.content.loader import load_content
from tests.fakebotapi import LIMITED_SENDS, OVERALL_LIMIT, Call, FakeBotApi
from tests.test_end_to_end import data_of
from tests.test_kill_resume import prepare

LIFETIME = 15.0
ANSWERING = 0.7
NEEDING_HELP = 0.3
WITHIN = 5.0
ALERT_TEXT = "Evacuate to the north."  # tests/test_kill_resume.py `prepare`
FIRST_RECIPIENT = 50_000


def is_alert(call: Call) -> bool:
    return call.method == "sendMessage" and ALERT_TEXT in str(call.params.get("text", ""))


async def main(recipients: int, rate: float) -> None:
    content = load_content(SHIPPED_CONTENT).content
    if content is None:
        raise SystemExit("the shipped content does not load: python -m bot validate")
    numbers = [item.number for item in content.hosts["AE"].emergency]
    api = FakeBotApi(telegram_limits=True, callback_lifetime=LIFETIME)
    await api.start()
    folder = Path(tempfile.mkdtemp())
    await prepare(folder / "rollcall.sqlite", recipients)
    rng = random.Random(1000)
    chats = [FIRST_RECIPIENT + n for n in range(recipients)]
    answering = rng.sample(chats, round(recipients * ANSWERING))
    helpless = set(rng.sample(answering, round(len(answering) * NEEDING_HELP)))
    presses: dict[int, tuple[str, float]] = {}  # chat -> (callback query id, pressed at)

    async def answer(chat: int) -> None:
        alert = (await api.wait_for(chat, 1, timeout=300.0))[0]
        await asyncio.sleep(rng.uniform(0, WITHIN))
        choice = "help" if chat in helpless else "safe"
        data = next(item for item in data_of(alert) if item.endswith(f":{choice}"))
        api.press(api.user(chat, "en"), data, int(alert.result["message_id"]))
        presses[chat] = (api.updates[-1]["callback_query"]["id"], time.perf_counter())

    bot = await start_bot(api, folder / "rollcall.sqlite", bot_broadcast_rate=f"{rate:g}")
    await asyncio.gather(*(answer(chat) for chat in answering))
    await asyncio.sleep(3.0)  # the last answers' replies
    await stop_bot(bot)
    await api.stop()

    answers = answers_to_taps(api)
    latency = [answers[query].at - at for query, at in presses.values() if query in answers]
    answered = [answers[query] for query, _ in presses.values() if query in answers]
    late = sum(1 for call in answered if call.status == 400)  # "query is too old"
    never = len(presses) - len(answered)
    shown = 0
    for chat in helpless:
        pressed = presses[chat][1]
        after = [c for c in api.sent_to(chat, ("sendMessage",)) if c.at > pressed]
        text = str(after[0].params.get("text", "")) if after else ""
        shown += all(number in text for number in numbers)
    alerts = sorted(c.at for c in api.calls if is_alert(c))
    delivery = alerts[-1] - alerts[0]
    during = sum(
        1
        for c in api.calls
        if c.method in LIMITED_SENDS and alerts[0] <= c.at <= alerts[-1] and not is_alert(c)
    )
    throttled = sum(1 for c in api.refused if c.status == 429)
    print(
        f"roll-call to {recipients}: {len(answering)} answer within {WITHIN:g} s of receiving "
        f"it, {len(helpless)} of them 'I need help'; machine: {os.cpu_count()} cores, "
        f"Python {sys.version.split()[0]}"
    )
    print(f"press to answerCallbackQuery: {spread(latency)}")
    print(
        f"acknowledged within 1 s: {sum(1 for x in latency if x <= 1.0)}/{len(presses)}; "
        f"late (after the {LIFETIME:g} s lifetime): {late}; never answered: {never}"
    )
    print(
        f"'I need help' followed by a message with the emergency numbers "
        f"({', '.join(numbers)}): {shown}/{len(helpless)}"
    )
    print(
        f"delivery: {len(alerts)} alerts in {delivery:.2f} s from the first to the last; floor "
        f"{recipients} / {rate:g} per s = {recipients / rate:.2f} s "
        f"({delivery / (recipients / rate):.2f} x); with the {during} replies sent meanwhile "
        f"under the {OVERALL_LIMIT}/s ceiling: ({len(alerts)} + {during}) / {OVERALL_LIMIT} = "
        f"{(len(alerts) + during) / OVERALL_LIMIT:.2f} s"
    )
    print(f"429s the bot got: {throttled}")


if __name__ == "__main__":
    asyncio.run(
        main(
            int(sys.argv[1]) if len(sys.argv) > 1 else 1000,
            float(sys.argv[2]) if len(sys.argv) > 2 else 25.0,
        )
    )
