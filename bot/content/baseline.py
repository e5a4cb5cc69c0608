"""What is known about any country's emergency numbers without a host file, in two tiers:

1. Android's emergency-number list (AOSP's eccdata, built by scripts/build_emergency_list.py
   into content/directory/emergency.json): numbers mapped to services, with the date of the
   commit they were read from. Every Android phone dials them as emergency calls; no one here
   has checked them, and the screen says so.
2. libphonenumber's short-number data: numbers with no service (which one is police is not
   said), also unchecked, and the screen says both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

import phonenumbers
from phonenumbers import shortnumberinfo
from pydantic import BaseModel, ConfigDict

from bot.content.directory import BuiltFrom

LIBRARY = f"libphonenumber {phonenumbers.__version__}"
SOURCE = "https://github.com/google/libphonenumber"
MAX_SHOWN = 4
UNIVERSAL = ("112", "911")
_CANDIDATES = tuple(str(n).zfill(width) for width in (2, 3, 4) for n in range(10**width))

EMERGENCY_LIST_FILE = Path("directory") / "emergency.json"
"""Inside the content folder."""
FORMAT = 1
ServiceName = Literal["general", "police", "ambulance", "fire", "coast-guard"]


@cache
def known_emergency_numbers(code: str) -> tuple[str, ...]:
    """The short numbers libphonenumber marks as emergency numbers for the country: 112 and
    911 first (they work on many networks), then the shortest; at most MAX_SHOWN (a few
    countries' patterns match dozens)."""
    metadata = phonenumbers.PhoneMetadata.short_metadata_for_region(code)
    pattern = (
        metadata.emergency.national_number_pattern if metadata and metadata.emergency else None
    )
    if not pattern:
        return ()
    full = re.compile(f"(?:{pattern})")
    found = [number for number in _CANDIDATES if full.fullmatch(number)]
    found.sort(key=lambda number: (number not in UNIVERSAL, len(number), number))
    return tuple(found[:MAX_SHOWN])


class _Source(BuiltFrom):
    @property
    def url(self) -> str:
        return f"{self.repository}/+/{self.commit}/{self.file}"


class _File(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    format: Literal[1]
    source: _Source
    summary: dict[str, object]
    countries: dict[str, list[tuple[str, list[ServiceName], bool]]]


@dataclass(frozen=True, slots=True)
class ListedNumber:
    """One number of Android's list: the services it reaches, "general" when it reaches
    police, ambulance and fire alike."""

    number: str
    services: tuple[str, ...]
    normal: bool  # Android dials it as an ordinary call: often a regional number

    confirmed: bool  # libphonenumber also calls it an emergency number there

    def covers(self) -> frozenset[str]:
        return EVERY_SERVICE if "general" in self.services else frozenset(self.services)


EVERY_SERVICE = frozenset({"general", "police", "ambulance", "fire"})
SHOWN_ORDER = ("general", "police", "ambulance", "fire", "coast-guard")


@dataclass(frozen=True)
class EmergencyList:
    source: _Source
    countries: dict[str, tuple[ListedNumber, ...]]

    @property
    def date(self) -> date:
        return self.source.date

    def numbers(self, code: str) -> tuple[ListedNumber, ...]:
        """The numbers to show: emergency-routed ones first, each kept only if it reaches a
        service the ones before it do not (a number for all covers police, ambulance and
        fire); an ordinary-routed one only for a service still uncovered. At most MAX_SHOWN."""
        listed = sorted(self.countries.get(code, ()), key=lambda item: item.normal)
        shown: list[ListedNumber] = []
        covered: set[str] = set()
        for item in listed:
            if not item.covers() <= covered and len(shown) < MAX_SHOWN:
                shown.append(item)
                covered |= item.covers()
        return tuple(sorted(shown, key=lambda item: min(map(SHOWN_ORDER.index, item.services))))

    def number_for(self, code: str, service: str) -> str | None:
        """The number shown for a service: its own, else one for all emergencies."""
        shown = self.numbers(code)
        own = next((item for item in shown if service in item.services), None)
        anything = next((item for item in shown if service in item.covers()), None)
        found = own or anything
        return found.number if found else None

    @classmethod
    def load(cls, path: Path) -> EmergencyList:
        data = _File.model_validate_json(path.read_bytes())
        countries = {
            code: tuple(
                ListedNumber(
                    n, tuple(services), normal, shortnumberinfo.is_emergency_number(n, code)
                )
                for n, services, normal in rows
            )
            for code, rows in data.countries.items()
        }
        return cls(data.source, countries)


@cache
def emergency_list(path: Path) -> EmergencyList:
    return EmergencyList.load(path)


def disagreements(found: EmergencyList, codes: Iterable[str]) -> list[tuple[str, str]]:
    """Where Android's list and libphonenumber's short-number data disagree about a country's
    emergency numbers, one sentence per country; listed by `validate`, never hidden."""
    result = []
    for code in codes:
        library = known_emergency_numbers(code)
        if not found.numbers(code):
            if library:
                result.append((code, f"Android lists none; libphonenumber: {', '.join(library)}"))
            continue
        missing = [item.number for item in found.numbers(code) if not item.confirmed]
        if missing:
            result.append(
                (code, f"not emergency numbers per libphonenumber: {', '.join(missing)}")
            )
    return result
