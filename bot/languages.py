"""The language registry (locales/languages.yaml): codes, fallback chains, Telegram's tags.

A language is data: adding one is a line in the registry, and a catalog in locales/ if the
interface should speak it. Its name, script and direction come from CLDR.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from babel import Locale, UnknownLocaleError

LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
REGISTRY_FILE = "languages.yaml"
SOURCE_LANGUAGE = "en"
"""The language every text is written in first: the last fallback of every chain."""
CATALOG = Path("LC_MESSAGES") / "messages.po"


class LanguageRegistryError(ValueError):
    """locales/languages.yaml or the catalogs beside it disagree; the message says how."""


@dataclass(frozen=True)
class Language:
    code: str
    fallback: tuple[str, ...] = ()
    telegram: tuple[str, ...] = ()

    @property
    def chain(self) -> tuple[str, ...]:
        """The languages to try, in order, for a reader of this one (English last)."""
        rest = tuple(code for code in self.fallback if code not in (self.code, SOURCE_LANGUAGE))
        return (
            (self.code, *rest, SOURCE_LANGUAGE)
            if self.code != SOURCE_LANGUAGE
            else (SOURCE_LANGUAGE,)
        )


@dataclass(frozen=True)
class Languages:
    known: dict[str, Language]
    """Every registered language, in registry order."""
    ui: tuple[str, ...]
    """The languages the interface speaks: English and every registered one with a catalog."""
    folder: Path

    def catalog(self, code: str) -> Path:
        return self.folder / code / CATALOG

    def chain(self, code: str) -> tuple[str, ...]:
        found = self.known.get(code)
        return found.chain if found else (code, SOURCE_LANGUAGE)

    def match(self, tag: str | None) -> str | None:
        """The UI language for an IETF tag from Telegram (`tl`, `pt-br`, `ru-RU`), or None."""
        if not tag:
            return None
        primary = tag.strip().lower().replace("_", "-").split("-", 1)[0]
        for code in self.ui:
            if primary == code or primary in self.known[code].telegram:
                return code
        return None

    def telegram_tag(self, code: str) -> str:
        """The two-letter tag Telegram uses for this language (setMyCommands, setMyName)."""
        tags = (code, *self.known[code].telegram)
        return next((tag for tag in tags if len(tag) == 2), code)


def _entry(raw: object, where: str) -> Language:
    if not isinstance(raw, dict) or not isinstance(raw.get("code"), str):
        raise LanguageRegistryError(f"{where}: each line needs `code: xx`")
    unknown = set(raw) - {"code", "fallback", "telegram"}
    if unknown:
        raise LanguageRegistryError(f"{where}: unknown field(s) {sorted(unknown)}")
    code = raw["code"]
    try:
        Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        raise LanguageRegistryError(f"{where}: '{code}' is not a language CLDR knows") from None
    lists = []
    for name in ("fallback", "telegram"):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise LanguageRegistryError(f"{where}: {name} must be a list of codes")
        lists.append(tuple(value))
    return Language(code, lists[0], lists[1])


def load_languages(folder: Path = LOCALES_DIR) -> Languages:
    """Read the registry and find the catalogs; every problem is one sentence."""
    path = folder / REGISTRY_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LanguageRegistryError(f"{path}: cannot be read ({error})") from None
    if not isinstance(raw, list):
        raise LanguageRegistryError(f"{path}: must be a list of `- code: xx` lines")
    known: dict[str, Language] = {}
    for number, item in enumerate(raw, start=1):
        language = _entry(item, f"{path}, line {number}")
        if language.code in known:
            raise LanguageRegistryError(f"{path}: '{language.code}' is listed twice")
        known[language.code] = language
    if SOURCE_LANGUAGE not in known:
        raise LanguageRegistryError(
            f"{path}: English (en) must be listed: it is the last fallback"
        )
    for language in known.values():
        for other in language.fallback:
            if other not in known:
                raise LanguageRegistryError(
                    f"{path}: {language.code} falls back to '{other}', which is not listed"
                )
    catalogs = {entry.name for entry in folder.iterdir() if (entry / CATALOG).is_file()}
    if stray := catalogs - set(known):
        raise LanguageRegistryError(
            f"{folder}: catalog(s) {sorted(stray)} have no line in {REGISTRY_FILE}"
        )
    ui = tuple(code for code in known if code == SOURCE_LANGUAGE or code in catalogs)
    return Languages(known, ui, folder)


@cache
def languages() -> Languages:
    """The registry of this installation (read once)."""
    return load_languages()
