"""Every country and territory, from CLDR (Babel): names in many languages for the typed
country question, and the part of the world each is in for browsing; no list kept by hand
(content/countries.yaml adds the names CLDR lacks: UAE, KSA, Dubai)."""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from babel import Locale

from bot import cldr
from bot.content.search import TYPO, edit_distance, similarity, words
from bot.languages import LOCALES_DIR, languages

EXONYM_LOCALES = (
    "de", "fr", "es", "it", "pt", "tr", "fa", "hi", "zh", "ja", "ko", "ms", "th", "vi", "ta",
    "si", "ml", "am", "sw", "ps", "kk", "az", "pl", "lt", "ro", "he", "el", "uz_Cyrl",
)  # fmt: skip
"""Languages whose names for countries also find them: a worker may know her host by the
name her agency or her neighbours use."""
PARTS_OF_THE_WORLD = ("Africa", "America", "Asia", "Europe", "Oceania")
_ZONE_PARTS = {"Australia": "Oceania", "Pacific": "Oceania"}
APOSTROPHES = re.compile(r"(?<=\w)['’‘ʻʼ`](?=\w)")
"""O'zbekiston, Qozog'iston: the letter mark belongs to the word."""
LITTLE_WORDS = frozenset(
    {
        "in",
        "at",
        "to",
        "sa",
        "nasa",
        "di",
        "ke",
        "в",
        "во",
        "у",
        "ў",
        "في",
        "فى",
        "da",
        "ga",
        "मा",
        "में",
    }
)
"""Prepositions people put before a country ("in saudi", "في السعودية")."""


def countries() -> tuple[str, ...]:
    """ISO 3166 codes of the countries and territories CLDR names (about 250)."""
    return tuple(cldr.shared()["countries"])


def part_of_the_world(code: str, overrides: Mapping[str, str]) -> str | None:
    """Africa, America, Asia, Europe or Oceania: from content/countries.yaml, else from the
    country's first CLDR time zone (Indian and Atlantic islands need the file)."""
    if code in overrides:
        return overrides[code]
    area = cldr.shared()["countries"].get(code, "")
    area = _ZONE_PARTS.get(area, area)
    return area if area in PARTS_OF_THE_WORLD else None


@dataclass(frozen=True)
class CountryIndex:
    """Every word of every name, to the countries it names; and each country's full names."""

    by_word: dict[str, frozenset[str]]
    by_length: dict[int, tuple[str, ...]]
    names: dict[str, frozenset[tuple[str, ...]]]

    def find(self, typed: str, limit: int = 3) -> list[str]:
        query = [w for w in words(APOSTROPHES.sub("", typed)) if w not in LITTLE_WORDS][:6]
        if len(query) == 1 and query[0].upper() in self.names:
            return [query[0].upper()]  # a code typed alone: "QA", "ae"
        query = [word for word in query if len(word) > 1]
        if not query:
            return []
        joined = "".join(query)  # "hong kong" typed as "hongkong", and the other way round
        scores: dict[str, float] = defaultdict(float)
        for word in {*query, joined}:
            for code, score in self._similar_codes(word).items():
                scores[code] = max(scores[code], score) if word == joined else scores[code] + score
        for code in scores:
            if tuple(query) in self.names[code]:
                scores[code] += 1.0  # one of its names exactly: "Korea" is KR, not North Korea
            elif any(set(query) <= set(name) for name in self.names[code]):
                scores[code] += 0.5  # every word of one of its names, in any order
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return [code for code, _ in ranked[:limit]]

    def _similar_codes(self, word: str) -> dict[str, float]:
        found: dict[str, float] = {}
        for length in range(len(word) - 2, len(word) + 3):
            for known in self.by_length.get(length, ()):
                if known[0] != word[0] and known[1:2] != word[1:2]:
                    continue  # a typo rarely changes both first letters: skip the arithmetic
                score = _closeness(word, known)
                if score > 0:
                    for code in self.by_word[known]:
                        found[code] = max(found.get(code, 0.0), score)
        return found


def _closeness(typed: str, known: str) -> float:
    """The search's similarity, with one typo ranked above two ("Rosiya" is Rossiya before
    Bosniya)."""
    score = similarity(typed, known)
    if score == TYPO and edit_distance(typed, known, 1) > 1:
        return TYPO - 0.05
    return score


NAMES_FILE = LOCALES_DIR / "country-names.json.gz"
"""CLDR's names of every country in the registry's languages and EXONYM_LOCALES, written by
scripts/build_cldr.py: reading CLDR for ~40 locales at run time cost ~45 MB."""


def cldr_names() -> dict[str, list[str]]:
    """Every country's names from CLDR, now (slow: the script and its test call this)."""
    locales = [Locale.parse(code) for code in (*languages().known, *EXONYM_LOCALES)]
    return {
        code: list(
            dict.fromkeys(loc.territories[code] for loc in locales if code in loc.territories)
        )
        for code in countries()
    }


@cache
def _cldr_names() -> dict[str, list[str]]:
    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as source:
        return dict(json.load(source)["names"])


def build_index(extra_names: dict[str, list[str]]) -> CountryIndex:
    return index_of(
        {code: [*cldr, *extra_names.get(code, ()), code] for code, cldr in _cldr_names().items()}
    )


def index_of(named: Mapping[str, Iterable[str]]) -> CountryIndex:
    """The typed-name index of any places by key: countries here, a country's regions in
    bot/content/regions.py."""
    by_word: dict[str, set[str]] = defaultdict(set)
    names: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for code, known in named.items():
        for name in known:
            parts = words(APOSTROPHES.sub("", name))
            names[code].add(parts)
            for part in (*parts, "".join(parts)):
                if len(part) > 1:
                    by_word[part].add(code)
    by_length: dict[int, list[str]] = defaultdict(list)
    for word in by_word:
        by_length[len(word)].append(word)
    return CountryIndex(
        {word: frozenset(codes) for word, codes in by_word.items()},
        {length: tuple(known) for length, known in by_length.items()},
        {code: frozenset(found) for code, found in names.items()},
    )
