"""Benchmark: where the bot's memory goes. Prints, for Lifeline and the bare echo bot (both as
their own processes against the fake Bot API server, no outgoing rate limiter), resident memory
from /proc at each stage of benchmarks/load.py's walk: started, warmed up, 200 people one after
another 20 at a time, the same 200 at once, 200 new ones at once. Then, in this process with
`tracemalloc`, what the finished content and the search index hold, and what the search keeps
after 20,000 typed words. Asserts nothing.

    .venv/bin/python benchmarks/memory.py [USERS]
"""

from __future__ import annotations

import asyncio
import pickle
import random
import string
import sys
import tempfile
import time
import tracemalloc
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import SHIPPED_CONTENT, start_bot, stop_bot
from benchmarks.load import drive, first_location
from bot.content.live import load_content_apart
from tests.fakebotapi import FakeBotApi

FIELDS = ("VmHWM", "VmRSS", "RssAnon", "RssFile")
AT_A_TIME = 20
TYPED_WORDS = 20_000


def status(pid: int) -> str:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in FIELDS:
            found[name] = int(value.split()[0]) / 1024
    return "  ".join(f"{name} {found[name]:6.1f}" for name in FIELDS)


async def stages(name: str, command: list[str], users: int) -> None:
    api = FakeBotApi()
    await api.start()
    database = Path(tempfile.mkdtemp()) / "memory.sqlite"
    bot = await start_bot(
        api, database, SHIPPED_CONTENT, command, bot_rate_limiter="false", bot_flood_burst="1000"
    )
    print(f"{name}, MB:")
    print(f"  {'started':34} {status(bot.pid)}")
    await first_location(api)
    await drive(api, 5, 1)
    print(f"  {'warmed up (a location, 5 users)':34} {status(bot.pid)}")
    for batch in range(users // AT_A_TIME):
        await drive(api, AT_A_TIME, 1, first=1000 + batch * AT_A_TIME)
    print(f"  {f'{users} users, {AT_A_TIME} at a time':34} {status(bot.pid)}")
    await drive(api, users, 1, first=1000)
    print(f"  {f'the same {users} at once':34} {status(bot.pid)}")
    await drive(api, users, 1, first=100_000)
    print(f"  {f'{users} new users at once':34} {status(bot.pid)}")
    await stop_bot(bot)
    await api.stop()


def held_by_content() -> None:
    today = datetime.now(UTC).date()
    result = load_content_apart(SHIPPED_CONTENT, today=today)
    content = result.content
    if content is None:
        print("the shipped content has errors: run python -m bot validate")
        return
    packed = pickle.dumps(content)
    content.__dict__.pop("search_index", None)  # measured below, on its own
    without_index = pickle.dumps(content)
    tracemalloc.start()
    copy = pickle.loads(without_index)  # noqa: S301 - made just above
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del copy
    tracemalloc.start()
    index = content.search_index  # built again: what it keeps, its garbage freed
    built = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(
        f"content: {len(packed) / 1e6:.1f} MB pickled with its index; unpickled without it "
        f"{held / 1e6:.1f} MB; the search index {built / 1e6:.1f} MB ({len(index.phrases):,} "
        f"phrases, {len({phrase.owner for phrase in index.phrases})} owners, "
        f"{len(index.by_word):,} words)"
    )
    typed = typos(sorted(index.by_word), TYPED_WORDS)
    tracemalloc.start()
    started = time.perf_counter()
    for word in typed:
        index.close_words(word)
    elapsed = time.perf_counter() - started
    kept = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(
        f"search after {len(set(typed)):,} different words typed (a letter changed, some "
        f"letters added): {kept / 1e6:.1f} MB kept; {elapsed * 1000 / len(typed):.2f} ms a "
        "word (traced)"
    )


def typos(vocabulary: list[str], count: int) -> list[str]:
    """Words as a crowd types them: the index's own, a letter changed, sometimes one added."""
    rng = random.Random(1)
    typed = []
    for _ in range(count):
        word = rng.choice(vocabulary)
        if len(word) >= 4:
            at = rng.randrange(len(word))
            word = word[:at] + rng.choice(string.ascii_lowercase) + word[at + 1 :]
        typed.append(word + rng.choice(("", "a", "y", "ng")))
    return typed


async def main(users: int) -> None:
    await stages("lifeline", [sys.executable, "-m", "bot", "run"], users)
    await stages("echo bot", [sys.executable, "benchmarks/echo_bot.py"], users)
    held_by_content()


if __name__ == "__main__":
    asyncio.run(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
