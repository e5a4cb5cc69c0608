"""Any country can be named the way people type it; the part of the world is right."""

from __future__ import annotations

import csv

from bot.content.countries import countries, part_of_the_world
from bot.content.model import Content
from tests.conftest import ROOT

QUERIES = ROOT / "tests" / "data" / "country_queries.tsv"


def test_the_labelled_country_names_are_found_in_the_top_three(real_content: Content) -> None:
    """600 names as people type them in the 13 UI languages (misspelt, transliterated, cities,
    acronyms): the right country among the first three for at least 95%
    (benchmarks/country_picker.py prints the figures per language)."""
    with QUERIES.open(encoding="utf-8") as source:
        rows = list(csv.DictReader(source, delimiter="\t"))
    found = sum(row["expected"] in real_content.country_index.find(row["typed"]) for row in rows)
    assert len(rows) >= 300
    assert found / len(rows) >= 0.95, f"{found}/{len(rows)}"


def test_apostrophes_little_words_and_codes(real_content: Content) -> None:
    find = real_content.country_index.find
    assert find("O'zbekiston")[0] == "UZ"
    assert find("in saudi")[0] == "SA"
    assert find("في السعودية")[0] == "SA"
    assert find("qa") == ["QA"]
    assert find("Korea")[0] == "KR"
    assert find("zzzz qqqq") == []


def test_every_country_has_a_part_of_the_world(real_content: Content) -> None:
    parts = real_content.countries.parts
    unplaced = [code for code in countries() if part_of_the_world(code, parts) is None]
    assert set(unplaced) <= {"AQ", "BV", "HM"}, unplaced  # Antarctic, no one lives there
    assert part_of_the_world("MV", parts) == "Asia" and part_of_the_world("CV", parts) == "Africa"


def test_the_country_names_file_is_current() -> None:
    """locales/country-names.json.gz holds what CLDR says now for every registered language:
    after adding a language or upgrading Babel, run scripts/build_cldr.py."""
    import gzip
    import json

    from bot.content.countries import NAMES_FILE, cldr_names

    with gzip.open(NAMES_FILE, "rt", encoding="utf-8") as source:
        shipped = json.load(source)["names"]
    assert shipped == cldr_names(), "run .venv/bin/python scripts/build_cldr.py"
