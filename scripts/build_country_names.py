"""Write locales/country-names.json.gz: CLDR's name of every country in every registered
language and the exonym locales (bot/content/countries.py). Run it after adding a language
or upgrading Babel; a test fails while the file is out of date.

    .venv/bin/python scripts/build_country_names.py
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import babel

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


if __name__ == "__main__":
    main()
