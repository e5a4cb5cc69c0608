"""What Lifeline reads of CLDR (Babel), precomputed by scripts/build_cldr.py: the countries and
their parts of the world, every language's own name (locales/cldr.json), and for each UI
language its writing direction, its names of countries and languages and how it writes a date
(locales/CODE/cldr.json). Babel's whole locale costs 1-4.5 MB of memory per language; these
files a few hundred kB in all. A language without its file yet is read from Babel."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

import babel
from babel import Locale
from babel.core import get_global

from bot.languages import LOCALES_DIR, languages

SHARED_FILE = LOCALES_DIR / "cldr.json"
LANGUAGE_FILE = "cldr.json"
"""In each UI language's folder: locales/ar/cldr.json."""
NOT_COUNTRIES = frozenset(
    {"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB", "AC", "CP", "DG", "EA", "IC", "TA"}
)
"""CLDR territory codes that are groupings, pseudo-regions or outlying parts, not countries."""
DATE_LENGTHS = ("medium", "long")
DateLength = Literal["medium", "long"]
_FIELD = re.compile(r"'(?:[^']|'')*'|''|([A-Za-z])\1*|[^A-Za-z']+")
_FIELDS = {"d", "M", "L", "y"}
"""The pattern letters the shipped date formats use (day, month, stand-alone month, year);
the build refuses a format with any other, so no date is ever written half-formatted."""


@dataclass(frozen=True)
class LanguageData:
    rtl: bool
    territories: Mapping[str, str]
    languages: Mapping[str, str]
    dates: Mapping[str, str]
    """medium and long: CLDR patterns ("d MMMM y 'г'.")."""
    months: Mapping[str, tuple[str, ...]]
    """format and stand-alone month names: "abbreviated", "wide", "stand-alone abbreviated"..."""

    def format_date(self, value: date, length: DateLength = "medium") -> str:
        return "".join(self._field(piece, value) for piece in _pieces(self.dates[length]))

    def _field(self, piece: str, value: date) -> str:
        letter, width = piece[0], len(piece)
        if letter == "'":
            return piece[1:-1].replace("''", "'") if width > 2 else "'"
        if letter == "d":
            return f"{value.day:0{width}d}"
        if letter == "y":
            return f"{value.year % 100:02d}" if width == 2 else f"{value.year:0{width}d}"
        if letter in "ML" and width <= 2:
            return f"{value.month:0{width}d}"
        if letter in "ML":
            kind = "abbreviated" if width == 3 else "wide"
            prefix = "stand-alone " if letter == "L" else ""
            return self.months[prefix + kind][value.month - 1]
        return piece


def _pieces(pattern: str) -> list[str]:
    return [match.group(0) for match in _FIELD.finditer(pattern)]


@cache
def shared() -> dict[str, Any]:
    """{"countries": {code: time-zone area}, "language_names": {code: own name}}."""
    if SHARED_FILE.exists():
        return dict(json.loads(SHARED_FILE.read_text(encoding="utf-8")))
    return built_shared()


@cache
def for_language(code: str) -> LanguageData:
    path = LOCALES_DIR / code / LANGUAGE_FILE
    raw = json.loads(path.read_text(encoding="utf-8")) if path.exists() else built_language(code)
    return LanguageData(
        rtl=raw["rtl"],
        territories=raw["territories"],
        languages=raw["languages"],
        dates=raw["dates"],
        months={kind: tuple(names) for kind, names in raw["months"].items()},
    )


def built_shared() -> dict[str, Any]:
    """The shared file's content, from Babel now (scripts/build_cldr.py, its test)."""
    zones = get_global("territory_zones")
    codes = sorted(
        code
        for code in map(str, Locale("en").territories)
        if re.fullmatch("[A-Z]{2}", code) and code not in NOT_COUNTRIES
    )
    return {
        "babel": babel.__version__,
        "countries": {code: (zones.get(code) or [""])[0].split("/")[0] for code in codes},
        "language_names": {
            code: Locale.parse(code).display_name or code for code in languages().known
        },
    }


def built_language(code: str) -> dict[str, Any]:
    """One UI language's file, from Babel now."""
    locale = Locale.parse(code)
    dates = {length: locale.date_formats[length].pattern for length in DATE_LENGTHS}
    for length, pattern in dates.items():
        unknown = {piece[0] for piece in _pieces(pattern) if piece[0].isalpha()} - _FIELDS
        if unknown:
            raise ValueError(f"{code}: the {length} date format uses {sorted(unknown)}")
    months = {
        (f"stand-alone {kind}" if context == "stand-alone" else kind): [
            locale.months[context][kind][month] for month in range(1, 13)
        ]
        for context in ("format", "stand-alone")
        for kind in ("abbreviated", "wide")
    }
    shared_codes = built_shared()["countries"]
    return {
        "rtl": locale.text_direction == "rtl",
        "territories": {c: locale.territories[c] for c in shared_codes if c in locale.territories},
        "languages": {c: locale.languages[c] for c in languages().known if c in locale.languages},
        "dates": dates,
        "months": months,
    }


def write_all(folder: Path = LOCALES_DIR) -> list[Path]:
    """Write the shared file and every UI language's (scripts/build_cldr.py)."""
    written = []
    for path, data in (
        (SHARED_FILE, built_shared()),
        *((folder / code / LANGUAGE_FILE, built_language(code)) for code in languages().ui),
    ):
        path.parent.mkdir(exist_ok=True)
        path.write_text(
            json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
        )
        written.append(path)
    return written
