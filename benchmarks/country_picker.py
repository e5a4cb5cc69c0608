"""Benchmark: how well the typed country question finds the country meant. Runs every query
in tests/data/country_queries.tsv (language, what a worker typed, the ISO 3166-1 alpha-2 code
she meant) through the shipped content's country index, and prints per language the top-1
and top-3 hit rates and the misses, then the overall top-3 rate against the target and the
time per query. Asserts nothing; always exits 0.

    .venv/bin/python benchmarks/country_picker.py [QUERIES.tsv]
"""

from __future__ import annotations

import csv
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content.loader import load_content  # noqa: E402 - after the path above

QUERIES = ROOT / "tests" / "data" / "country_queries.tsv"
TARGET_TOP3 = 95.0
LIMIT = 3


def read_queries(path: Path) -> list[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [
            (row["language"].strip(), row["typed"], row["expected"].strip().upper())
            for row in reader
            if row.get("typed")
        ]


def percent(part: int, whole: int) -> float:
    return 100.0 * part / whole if whole else 0.0


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.99 * len(ordered)) - 1))]


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else QUERIES
    queries = read_queries(path)
    started = time.perf_counter()
    loaded = load_content(ROOT / "content")
    if loaded.content is None:
        print("content did not load:")
        for problem in loaded.errors[:20]:
            print(f"  {problem}")
        return 0
    index = loaded.content.country_index  # built here, so the first query is not charged
    print(f"content loaded and country index built in {time.perf_counter() - started:.2f} s")
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    print(f"{len(queries)} queries from {shown}")

    per_language: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    timings: list[float] = []
    for language, typed, expected in queries:
        before = time.perf_counter()
        found = index.find(typed, limit=LIMIT)
        timings.append((time.perf_counter() - before) * 1000.0)
        per_language[language].append((typed, expected, found))

    total = top1_total = top3_total = 0
    print()
    print(f"{'language':<9} {'queries':>7} {'top-1 %':>8} {'top-3 %':>8}")
    for language, results in per_language.items():
        top1 = sum(1 for _, expected, found in results if found[:1] == [expected])
        top3 = sum(1 for _, expected, found in results if expected in found)
        total += len(results)
        top1_total += top1
        top3_total += top3
        print(
            f"{language:<9} {len(results):>7} {percent(top1, len(results)):>8.1f}"
            f" {percent(top3, len(results)):>8.1f}"
        )

    print()
    print("misses (typed [expected] -> got; '(top-3 only)' when found but not first):")
    for language, results in per_language.items():
        misses = [item for item in results if item[2][:1] != [item[1]]]
        if not misses:
            continue
        print(f"  {language}:")
        for typed, expected, found in misses:
            got = ", ".join(found) if found else "nothing"
            note = "  (top-3 only)" if expected in found else ""
            print(f"    {typed} [{expected}] -> {got}{note}")

    overall3 = percent(top3_total, total)
    verdict = "meets" if overall3 >= TARGET_TOP3 else "BELOW"
    print()
    print(
        f"overall: {total} queries, top-1 {percent(top1_total, total):.1f} %,"
        f" top-3 {overall3:.1f} % ({verdict} the {TARGET_TOP3:.0f} % target)"
    )
    print(f"time per query: mean {statistics.fmean(timings):.3f} ms, p99 {p99(timings):.3f} ms")
    return 0


if __name__ == "__main__":
    try:
        main()
    except Exception as error:  # a benchmark reports, it does not fail the build
        print(f"benchmark failed: {error!r}")
    sys.exit(0)
