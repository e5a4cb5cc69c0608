"""What is known about any country's emergency numbers without a host file: libphonenumber's
short-number data. Its numbers carry no service (which one is police is not said) and no one
here has checked them, and the screen says both."""

from __future__ import annotations

import re
from functools import cache

import phonenumbers

LIBRARY = f"libphonenumber {phonenumbers.__version__}"
SOURCE = "https://github.com/google/libphonenumber"
MAX_SHOWN = 4
UNIVERSAL = ("112", "911")
_CANDIDATES = tuple(str(n).zfill(width) for width in (2, 3, 4) for n in range(10**width))


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
