"""Languages are data: the registry (locales/languages.yaml) and the catalogs beside it decide
which languages content and the interface speak; a partial catalog falls back honestly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog as PoCatalog
from babel.messages.pofile import write_po

from bot.content.model import Text
from bot.i18n import SUPPORTED, _catalog, translator
from bot.languages import LOCALES_DIR, LanguageRegistryError, load_languages
from bot.screens.common import footer
from tests.conftest import make_view


def _locales(tmp_path: Path, registry: str, catalogs: dict[str, dict[str, str]]) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "languages.yaml").write_text(registry, encoding="utf-8")
    for code, messages in catalogs.items():
        po = PoCatalog(locale=code)
        for msgid, msgstr in messages.items():
            po.add(msgid, msgstr)
        folder = tmp_path / code / "LC_MESSAGES"
        folder.mkdir(parents=True)
        with (folder / "messages.po").open("wb") as out:
            write_po(out, po)
    return tmp_path


def test_the_ui_languages_are_the_catalogs_present(tmp_path: Path) -> None:
    folder = _locales(
        tmp_path,
        "- code: en\n- code: ru\n- code: ky\n  fallback: [ru]\n- code: tg\n  fallback: [ru]\n",
        {"ru": {"Help": "Помощь"}, "ky": {"Help": "Жардам"}},
    )
    found = load_languages(folder)
    assert found.ui == ("en", "ru", "ky")  # tg is registered (content may use it), no catalog
    assert found.chain("ky") == ("ky", "ru", "en")
    assert found.chain("tg") == ("tg", "ru", "en")
    assert set(found.known) == {"en", "ru", "ky", "tg"}


def test_shipped_ui_languages_come_from_the_folder() -> None:
    catalogs = {path.parts[-3] for path in LOCALES_DIR.glob("*/LC_MESSAGES/messages.po")}
    assert set(SUPPORTED) == catalogs | {"en"}


@pytest.mark.parametrize(
    ("registry", "catalogs", "says"),
    [
        ("- code: ru\n", {}, "English (en) must be listed"),
        ("- code: en\n- code: en\n", {}, "listed twice"),
        ("- code: en\n- code: ky\n  fallback: [ru]\n", {}, "falls back to 'ru'"),
        ("- code: en\n- code: xx-nonsense\n", {}, "not a language CLDR knows"),
        ("- code: en\n  name: English\n", {}, "unknown field"),
        ("- code: en\n", {"ky": {"Help": "Жардам"}}, "have no line in languages.yaml"),
        ("code: en\n", {}, "must be a list"),
    ],
)
def test_a_wrong_registry_is_one_sentence(
    tmp_path: Path, registry: str, catalogs: dict[str, dict[str, str]], says: str
) -> None:
    with pytest.raises(LanguageRegistryError, match=re.escape(says)):
        load_languages(_locales(tmp_path, registry, catalogs))


def test_telegram_tags_map_to_ui_languages() -> None:
    assert translator("fil").language == "fil"
    from bot.i18n import match_language

    assert match_language("tl") == "fil"
    assert match_language("ru-RU") == "ru"
    assert match_language("pt-br") is None


def test_content_may_be_written_in_a_registered_language_without_a_catalog() -> None:
    text = Text({"en": "Fire", "ky": "Өрт"})
    assert text.languages() == ("en", "ky")
    assert translator("ky").text(text) == ("Өрт", "ky")
    with pytest.raises(ValueError, match="unknown language 'xx'"):
        Text({"en": "Fire", "xx": "?"})


def test_a_partial_catalog_is_used_and_says_so(tmp_path: Path, fixture_content: object) -> None:
    shutil.copy(LOCALES_DIR / "ru" / "LC_MESSAGES" / "messages.po", tmp_path / "ru.po")
    partial = _locales(
        tmp_path / "l", "- code: en\n- code: ky\n", {"ky": {"Help": "Жардам", "Menu": ""}}
    )
    found = _catalog(partial / "ky" / "LC_MESSAGES" / "messages.po", "ky")
    assert not found.complete
    assert found.translations.gettext("Help") == "Жардам"
    assert _catalog(tmp_path / "ru.po", "ru").complete


def test_an_unfinished_catalog_is_named_on_every_screen(
    fixture_content: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.i18n import Translator

    monkeypatch.setattr(Translator, "complete", property(lambda self: self.language != "be"))
    shown = footer(make_view(fixture_content, "be"))  # type: ignore[arg-type]
    fallback = translator("be").language_name("ru")
    assert fallback in shown  # "some words here are in Russian"
    assert fallback not in footer(make_view(fixture_content, "ru"))  # type: ignore[arg-type]
