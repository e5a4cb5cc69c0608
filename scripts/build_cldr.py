"""Write what Lifeline reads of CLDR (Babel) at run time: locales/country-names.json.gz (every
country's names in every registered language and the exonym locales, for the typed country
question, bot/content/countries.py), locales/cldr.json and locales/CODE/cldr.json (countries,
language names, each UI language's direction, names and date formats, bot/cldr.py). Run it
after adding a language or upgrading Babel; a test fails while a file is out of date.

    .venv/bin/python scripts/build_cldr.py
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import babel

from bot.cldr import write_all
from bot.content.countries import NAMES_FILE, cldr_names


def main() -> None:
    names = cldr_names()
    data = {"babel": babel.__version__, "names": names}
    with gzip.open(NAMES_FILE, "wt", encoding="utf-8", compresslevel=9) as out:
        json.dump(data, out, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    total = sum(len(found) for found in names.values())
    print(
        f"{NAMES_FILE}: {len(names)} countries, {total} names, {NAMES_FILE.stat().st_size:,} bytes"
    )
    for path in write_all():
        print(f"{path}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
