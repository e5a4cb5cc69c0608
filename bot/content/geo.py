"""Offline geography: which country a point is in, and how far a mission is."""

from __future__ import annotations

import math
from functools import cache
from typing import Any

EARTH_RADIUS_KM = 6371.0
MAX_DISTANCE_TO_A_TOWN_KM = 150.0
"""Farther than this from any populated place (at sea, at the poles) we do not name a country."""


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@cache
def _geocoder() -> Any:
    # GeoNames places shipped inside the package: no network, loaded once (about half a second).
    import reverse_geocode  # noqa: PLC0415 - heavy import deferred until first use

    return reverse_geocode


def place_at(lat: float, lon: float) -> tuple[str, str | None] | None:
    """ISO code of the country of the nearest town and its first-level division as GeoNames
    names it ("Mecca Region"), or None if no town is near."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    place = _geocoder().get((lat, lon))
    if distance_km(lat, lon, place["latitude"], place["longitude"]) > MAX_DISTANCE_TO_A_TOWN_KM:
        return None
    code, division = place.get("country_code"), place.get("state")
    if not isinstance(code, str):
        return None
    return code, division if isinstance(division, str) and division else None
