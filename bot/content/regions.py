"""The regions of any country, for the region question, the office serving her region and a
shared location: the host file's `regions` where it lists them, else the country's first-level
ISO 3166-2 subdivisions (ids such as `qa-da`), with their names in the registered languages
from pycountry's catalogs, precomputed in locales/subdivisions.json.gz by
scripts/build_subdivisions.py (bot/content/subdivisions.py)."""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from bot.content.countries import CountryIndex, index_of
from bot.content.model import Content, Region, Text
from bot.languages import LOCALES_DIR

SUBDIVISIONS_FILE = LOCALES_DIR / "subdivisions.json.gz"
"""Per country, each first-level subdivision: [id, {language: name}, [GeoNames names], ISO's
own name when English shows another]. About 100 KB; reading pycountry at start cost 14 MB."""
BUTTONS_MAX = 20
"""Up to this many regions are buttons, two to a row; more are typed or browsed by page (83
in Russia, 81 in Türkiye, 212 in Slovenia)."""


@dataclass(frozen=True)
class Regions:
    """The regions of one country as the bot offers them."""

    country: str
    items: tuple[Region, ...]
    curated: bool
    """From the host file (its ids, its names); else ISO 3166-2's."""
    also: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """More names people type for a region, by id: ISO's own where English shows another."""

    @cached_property
    def _by_id(self) -> dict[str, Region]:
        return {region.id: region for region in self.items}

    @cached_property
    def _by_geonames(self) -> dict[str, str]:
        return {name.casefold(): region.id for region in self.items for name in region.geonames}

    @cached_property
    def _index(self) -> CountryIndex:
        return index_of(
            {
                region.id: [
                    *region.name.root.values(),
                    *region.geonames,
                    *self.also.get(region.id, ()),
                ]
                for region in self.items
            }
        )

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self._by_id)

    @property
    def typed(self) -> bool:
        """Too many for one screen of buttons: she types the name or pages through them."""
        return len(self.items) > BUTTONS_MAX

    def get(self, region_id: str | None) -> Region | None:
        return self._by_id.get(region_id or "")

    def find(self, typed: str, limit: int = 3) -> list[Region]:
        """The regions her words name, best first (any of their names, small typos)."""
        return [self._by_id[found] for found in self._index.find(typed, limit)]

    def at(self, state: str | None) -> str | None:
        """The region a GeoNames first-level division is ("Mecca Region"), if one is known."""
        return self._by_geonames.get(state.casefold()) if state else None


def regions_in(content: Content, country: str) -> Regions:
    """The host file's regions if it lists any, else ISO 3166-2's (none for a few islands)."""
    host = content.hosts.get(country)
    if host is not None and host.regions:
        return Regions(country, tuple(host.regions), curated=True)
    return iso_regions(country)


def region_named(content: Content, country: str, region_id: str | None) -> Region | None:
    """A stored region id: the host file's, else ISO's (a registration made before the host
    file listed regions keeps its name)."""
    return regions_in(content, country).get(region_id) or iso_regions(country).get(region_id)


def english_names(content: Content, country: str) -> dict[str | None, str]:
    """What staff see for each region id stored in this country (English names)."""
    known = [*iso_regions(country).items, *regions_in(content, country).items]
    return {region.id: region.name.en for region in known}


@cache
def iso_regions(country: str) -> Regions:
    rows = _rows_of(country)
    items = tuple(
        Region.model_construct(
            id=region_id, name=Text.model_construct(root=names), geonames=list(geonames)
        )
        for region_id, names, geonames, _ in rows
    )
    also = {row[0]: (row[3],) for row in rows if row[3]}
    return Regions(country, items, curated=False, also=also)


def subdivisions_read() -> int:
    """Read the whole file now (benchmarks); how many countries it has."""
    return len(all_subdivisions())


def all_subdivisions() -> dict[str, list[list[Any]]]:
    """Every country's rows (tests, benchmarks); the bot reads one country at a time."""
    with gzip.open(SUBDIVISIONS_FILE, "rt", encoding="utf-8") as source:
        next(source)  # the versions it was built from
        return {line[:2]: json.loads(line[3:]) for line in source}


def _rows_of(country: str) -> list[list[Any]]:
    """One country's rows: a line each in the file ("TR\t[...]"), so a bot that serves a few
    countries never holds the 250 others (2.7 MB parsed)."""
    with gzip.open(SUBDIVISIONS_FILE, "rt", encoding="utf-8") as source:
        for line in source:
            if line.startswith(f"{country}\t"):
                return list(json.loads(line[3:]))
    return []
