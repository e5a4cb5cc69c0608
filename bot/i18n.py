"""Languages: supported locales, fallback chains, gettext catalogs, CLDR names, text direction
(bot/cldr.py), dates."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.cldr import DateLength, LanguageData, for_language, shared
from bot.content.model import Text
from bot.languages import LOCALES_DIR, SOURCE_LANGUAGE, languages

__all__ = ["LOCALES_DIR", "SOURCE_LANGUAGE", "SUPPORTED"]

DOMAIN = "messages"
SUPPORTED = languages().ui
"""The UI languages: English and every catalog in locales/ (listed in languages.yaml)."""

FIRST_STRONG_ISOLATE = "\u2068"
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"
RIGHT_TO_LEFT_MARK = "\u200f"


def N_(message: str) -> str:
    """Mark a string for extraction into the catalogs; it is translated where it is used."""
    return message


def chain(language: str) -> tuple[str, ...]:
    """The languages to try, in order, for a text shown to a reader of `language`."""
    return languages().chain(language)


def match_language(tag: str | None) -> str | None:
    """A UI language for an IETF tag from Telegram (`tl`, `pt-br`, `ru-RU`), or None."""
    return languages().match(tag)


@dataclass(frozen=True)
class Catalog:
    translations: NullTranslations
    complete: bool
    """False when some strings are missing: they follow the fallback chain."""


@cache
def _catalog(po: Path, language: str) -> Catalog:
    if not po.exists():
        raise FileNotFoundError(f"no translation catalog for '{language}': {po}")
    with po.open("rb") as source:
        catalog = read_po(source, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)  # compiled in memory at start: no build step, no stale .mo
    compiled.seek(0)
    complete = all(message.string and not message.fuzzy for message in catalog if message.id)
    return Catalog(Translations(compiled, domain=DOMAIN), complete)


def catalog(language: str) -> Catalog:
    if language == SOURCE_LANGUAGE:
        return Catalog(NullTranslations(), complete=True)
    return _catalog(languages().catalog(language), language)


@cache
def translations(language: str) -> NullTranslations:
    """Her catalog, then those of her fallback languages (a partial catalog is fine)."""
    head = catalog(language).translations
    for fallback in chain(language)[1:]:
        if fallback != SOURCE_LANGUAGE and fallback in SUPPORTED:
            head.add_fallback(catalog(fallback).translations)
    return head


@dataclass(frozen=True)
class Translator:
    """Everything a screen needs to speak one language; passed as an argument, never global."""

    language: str

    @cached_property
    def _translations(self) -> NullTranslations:
        return translations(self.language)

    @cached_property
    def locale_data(self) -> LanguageData:
        return for_language(self.language)

    @property
    def rtl(self) -> bool:
        return self.locale_data.rtl

    @property
    def complete(self) -> bool:
        """False while her catalog lacks strings (they are shown in a fallback language)."""
        return catalog(self.language).complete

    def gettext(self, message: str) -> str:
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._translations.ngettext(singular, plural, count)

    def territory(self, code: str) -> str:
        """The country's name in this language, from CLDR."""
        name = self.locale_data.territories.get(code, code)
        return self.isolate(name) if name == code else name

    def language_name(self, code: str) -> str:
        """A language's name in this reader's language (CLDR): 'الإنجليزية' for en in Arabic."""
        return self.locale_data.languages.get(code) or language_name(code)

    def date(self, value: date, length: DateLength = "medium") -> str:
        """A date as her language writes it (CLDR's medium or long format)."""
        return self.locale_data.format_date(value, length)

    def directed(self, text: str) -> str:
        """Right-to-left text gets a right-to-left mark on every line, so a line that starts
        with a number or a Latin name is still laid out right to left."""
        if not self.rtl:
            return text
        return "\n".join(
            f"{RIGHT_TO_LEFT_MARK}{line}" if line else line for line in text.split("\n")
        )

    def isolate(self, value: str) -> str:
        """Wrap names that may be in another script so they do not reorder right-to-left text."""
        return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if self.rtl else value

    def number(self, value: str) -> str:
        """Phone numbers stay left to right inside right-to-left text, digits in order."""
        return f"{LEFT_TO_RIGHT_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}" if self.rtl else value

    def text(self, value: Text) -> tuple[str, str]:
        """The content text in the first language of the chain that has it, and that language."""
        for language in chain(self.language):
            found = value.get(language)
            if found is not None:
                return found, language
        return value.en, SOURCE_LANGUAGE

    def fact_text(self, value: Text, outdated: Callable[[Text, str], bool]) -> str:
        """A fact's name or label (an office's, a phone's, a helpline's hours, who runs the
        bot) in the first language of the chain whose translation is not older than its
        English. A plan's outdated text is shown with a note; an outdated label is not shown,
        since it may say what the number no longer is ("24 hours" when it is now "weekdays")."""
        for language in chain(self.language):
            found = value.get(language)
            if found is not None and not outdated(value, language):
                return found
        return value.en


@cache
def translator(language: str) -> Translator:
    """One shared Translator per language (its catalogs and CLDR data are loaded once)."""
    return Translator(language)


def language_name(code: str) -> str:
    """A language's own name for itself (CLDR), capitalised for a button: 'Filipino', 'Русский'."""
    name = shared()["language_names"].get(code) or code
    return name[:1].upper() + name[1:]


def check_catalogs() -> None:
    """Fail at start, not at a user's first message, if a catalog cannot be read."""
    for language in SUPPORTED:
        translations(language)
