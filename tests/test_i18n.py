"""Language choice and fallback: Telegram's IETF tags, chains, CLDR names, right-to-left."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date
from babel.messages.pofile import read_po

from bot import cldr
from bot.content.model import Text
from bot.i18n import LOCALES_DIR, SUPPORTED, chain, language_name, match_language, translator

CATALOGS = sorted(LOCALES_DIR.glob("*/LC_MESSAGES/messages.po"))


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("tl", "fil"),
        ("fil", "fil"),
        ("pt-br", None),
        ("pt-BR", None),
        ("ru-RU", "ru"),
        ("en-US", "en"),
        ("ar", "ar"),
        ("be", "be"),
        ("uk", "uk"),
        ("xx", None),
        ("", None),
        (None, None),
    ],
)
def test_telegram_language_codes(tag: str | None, expected: str | None) -> None:
    assert match_language(tag) == expected


def test_fallback_chains() -> None:
    assert chain("be") == ("be", "ru", "en")
    assert chain("fil") == ("fil", "en")
    assert chain("uk") == ("uk", "en")
    assert chain("en") == ("en",)


def test_content_text_falls_back_along_the_chain() -> None:
    text = Text({"en": "Fire", "ru": "Пожар"})
    assert translator("be").text(text) == ("Пожар", "ru")
    assert translator("uk").text(text) == ("Fire", "en")
    assert translator("ar").text(text) == ("Fire", "en")


def test_language_names_are_their_own() -> None:
    assert language_name("ru") == "Русский"
    assert language_name("fil") == "Filipino"
    assert language_name("ar") == "العربية"


def test_arabic_and_urdu_are_right_to_left_and_others_are_not() -> None:
    """Direction comes from CLDR: exactly the right-to-left scripts among the UI languages."""
    assert {code for code in SUPPORTED if translator(code).rtl} == {"ar", "ur"}


def test_every_supported_language_has_a_catalog() -> None:
    assert {p.parts[-3] for p in CATALOGS} == set(SUPPORTED) - {"en"}


def _template_ids() -> set[str]:
    with (LOCALES_DIR / "messages.pot").open("rb") as source:
        return {m.id for m in read_po(source) if m.id}


def _placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"\{\w+\}", text))


def _tags(text: str) -> list[str]:
    return sorted(re.findall(r"</?\w+>", text))


@pytest.mark.parametrize("po", CATALOGS, ids=lambda p: p.parts[-3])
def test_catalog_is_complete_and_keeps_placeholders_and_tags(po: Path) -> None:
    with po.open("rb") as source:
        catalog = read_po(source)
    template_ids = _template_ids()
    ids = {m.id for m in catalog if m.id}
    assert template_ids <= ids, f"run `make catalogs`: missing {template_ids - ids}"
    for message in catalog:
        if not message.id:
            continue
        assert message.string, f"untranslated: {message.id!r}"
        assert not message.fuzzy, f"fuzzy: {message.id!r}"
        assert _placeholders(message.string) == _placeholders(message.id), message.id
        assert _tags(message.string) == _tags(message.id), message.id


def test_template_matches_the_code(tmp_path: Path) -> None:
    from babel.messages.extract import extract_from_dir

    found = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(
            str(LOCALES_DIR.parent / "bot"),
            keywords={"gettext": None, "ngettext": (1, 2), "N_": None},
            method_map=[("**.py", "python")],
        )
    }
    assert found == _template_ids(), "run `make catalogs` and translate the new strings"


def test_the_cldr_files_are_current() -> None:
    """locales/cldr.json and locales/CODE/cldr.json hold what Babel says now: after adding a
    language or upgrading Babel, run scripts/build_cldr.py."""
    assert json.loads(cldr.SHARED_FILE.read_text(encoding="utf-8")) == cldr.built_shared()
    for code in SUPPORTED:
        path = LOCALES_DIR / code / cldr.LANGUAGE_FILE
        assert json.loads(path.read_text(encoding="utf-8")) == cldr.built_language(code), path


@pytest.mark.parametrize("language", SUPPORTED)
def test_dates_are_written_as_babel_writes_them(language: str) -> None:
    """Every month, short and long days, both formats: the same text as Babel's format_date."""
    tr = translator(language)
    for month in range(1, 13):
        for day in (1, 9, 28):
            value = date(2026, month, day)
            for length in ("medium", "long"):
                expected = format_date(value, format=length, locale=language)
                assert tr.date(value, length) == expected, (language, value, length)


def test_a_language_without_its_cldr_file_is_read_from_babel(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A language added to the registry before scripts/build_cldr.py was run still works."""
    monkeypatch.setattr(cldr, "LOCALES_DIR", tmp_path)
    cldr.for_language.cache_clear()
    try:
        arabic = cldr.for_language("ar")
    finally:
        cldr.for_language.cache_clear()
    assert arabic.rtl and arabic.territories["EG"] == "مصر"
    assert arabic.format_date(date(2026, 12, 1), "long") == "1 ديسمبر 2026"
