"""Benchmark: the load walk (benchmarks/load.py's SCRIPT) in one process, without Telegram:
each input through the same `respond()` the handlers call, on an in-memory database. Prints
the median and the slowest time per step, so the load benchmark's latency can be split into
the screens' own work and everything around them. Asserts nothing.

    .venv/bin/python benchmarks/screens.py [ROUNDS]
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import SHIPPED_CONTENT
from benchmarks.load import SCRIPT
from bot.content.geo import places
from bot.content.loader import load_content
from bot.screens import search
from bot.screens.inputs import Command, Input, Place, Tap, read_text
from bot.shell import Session
from bot.telegram.callbacks import decode


def as_input(kind: str, value: str | tuple[float, float]) -> Input:
    if isinstance(value, tuple):
        return Place(*value)
    if kind == "tap":
        return Tap(decode(value))
    if value.startswith("/"):
        name, _, payload = value[1:].partition(" ")
        return Command(name, payload)
    return read_text(value)


def main(rounds: int) -> None:
    content = load_content(SHIPPED_CONTENT).content
    if content is None:
        raise SystemExit("the shipped content has errors: run python -m bot validate")
    places()  # as the bot does at start
    _ = content.emergency_list
    search.warm(content)
    session = Session(content, "en")
    gc.collect()
    gc.freeze()
    steps = [(f"{kind} {value}", as_input(kind, value)) for kind, value, _ in SCRIPT]
    times: dict[str, list[float]] = {name: [] for name, _ in steps}
    try:
        for _ in range(rounds):
            for name, said in steps:
                started = time.perf_counter()
                session.answer(said)
                times[name].append((time.perf_counter() - started) * 1000)
    finally:
        session.close()
    print(f"{rounds} rounds of the load walk, in one process (ms per input)")
    for name, spent in times.items():
        print(f"  {name:42.42} median {statistics.median(spent):6.2f}  max {max(spent):6.2f}")
    every = [ms for spent in times.values() for ms in spent]
    print(f"  all: median {statistics.median(every):.2f}, max {max(every):.2f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
