"""Benchmark: what the regions of every country cost at run time, from the precomputed file
(what the bot does) or from pycountry and its catalogs (what it would cost without the file).
Run each mode in its own process; prints its time and the rise in peak RSS. With --content
the shipped content is loaded first (the content checks read the file: they know the regions of
every mission's country), and the load's own peak hides these few MB. Asserts nothing.

    .venv/bin/python benchmarks/regions.py read|one|all|pycountry [--content]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.content.countries import countries  # noqa: E402 - after the path above
from bot.content.loader import load_content  # noqa: E402
from bot.content.regions import iso_regions, subdivisions_read  # noqa: E402
from bot.languages import languages  # noqa: E402


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process, from /proc."""
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith(field):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    mode = next((arg for arg in sys.argv[1:] if not arg.startswith("--")), "read")
    if "--content" in sys.argv:  # what the bot holds already (its peak hides small costs)
        started = time.perf_counter()
        load_content(ROOT / "content")
        took, peak = time.perf_counter() - started, memory_mb("VmHWM")
        print(f"content load: {took:.2f} s, peak RSS {peak:.1f} MB")
    before, started = memory_mb("VmHWM"), time.perf_counter()
    if mode == "read":  # the file (the content checks may have read it already)
        subdivisions_read()
    elif mode == "one":  # a big country's list and its typed-name index
        iso_regions("TR").find("antalia")
    elif mode == "all":  # every country's list, as a long-running bot may come to hold
        for code in countries():
            iso_regions(code)
    elif mode == "pycountry":  # the same names from pycountry at run time
        import gettext  # noqa: PLC0415 - only this mode loads them

        import pycountry  # noqa: PLC0415

        found = [s for s in pycountry.subdivisions if s.parent_code is None]
        catalogs = []
        for code in languages().known:
            try:
                catalogs.append(gettext.translation("iso3166-2", pycountry.LOCALES_DIR, [code]))
            except OSError:
                continue
        names = [[catalog.gettext(s.name) for catalog in catalogs] for s in found]
        print(f"{len(names)} subdivisions from pycountry")
    took = time.perf_counter() - started
    peak = memory_mb("VmHWM")
    print(f"{mode}: {took:.3f} s, peak RSS {before:.1f} -> {peak:.1f} MB (+{peak - before:.1f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
