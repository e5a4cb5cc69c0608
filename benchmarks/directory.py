"""Benchmark: load the shipped mission directory (content/directory/missions.json.gz) in a
fresh process; print the load time, the first question's indexing time, the peak memory and
the directory's counts. Asserts nothing.

    .venv/bin/python benchmarks/directory.py
"""

from __future__ import annotations

import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    started = time.perf_counter()
    from bot.content.directory import DIRECTORY_FILE, SHIPPED_CONTENT_DIR, Directory  # noqa: PLC0415

    imported = time.perf_counter()
    before = peak_mb()
    path = SHIPPED_CONTENT_DIR / DIRECTORY_FILE
    loaded_at = time.perf_counter()
    found = Directory.load(path)
    loaded = time.perf_counter()
    found.in_host("PH", "SA")  # the first question builds the indexes
    indexed = time.perf_counter()
    missions = found.missions
    total = len(missions)

    def share(count: int) -> str:
        return f"{100 * count / total:.0f}%"

    kinds = Counter(mission.kind.value for mission in missions)
    pairs = {(m.sending, m.host) for m in missions}
    served = {(m.sending, c) for m in missions for c in m.jurisdictions if c != m.host} - pairs
    print(
        f"file {path.stat().st_size:,} bytes; data of {found.date}, commit {found.source.commit}"
    )
    print(
        f"import {1000 * (imported - started):.0f} ms, load {1000 * (loaded - loaded_at):.0f} ms,"
        f" first question {1000 * (indexed - loaded):.0f} ms;"
        f" peak RSS {peak_mb():.1f} MB ({peak_mb() - before:+.1f} MB for the directory)"
    )
    print(
        f"missions {total:,} of {len({m.sending for m in missions})} states"
        f" in {len({m.host for m in missions})} hosts; "
        + ", ".join(f"{kind} {count:,}" for kind, count in kinds.most_common())
    )
    print(
        f"with coordinates {share(sum(m.location is not None for m in missions))},"
        f" website {share(sum(m.website is not None for m in missions))},"
        f" phone {share(sum(m.phone is not None for m in missions))},"
        f" e-mail {share(sum(m.email is not None for m in missions))},"
        f" jurisdictions {share(sum(bool(m.jurisdictions) for m in missions))}"
    )
    print(
        f"(state, host) pairs with a mission in the host {len(pairs):,};"
        f" more reached only through an accredited mission abroad {len(served):,}"
    )


if __name__ == "__main__":
    main()
