"""PO files for translators: the missing and outdated texts of one language out (Poedit,
Weblate), their translations back into the YAML files, validated, the lock updated."""

from __future__ import annotations

import contextlib
import copy
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from bot.content.loader import load_content
from bot.content.model import PLACEHOLDER
from bot.content.problems import Problem
from bot.content.translations import (
    Entry,
    Lock,
    Status,
    digest,
    entries,
    read_lock,
    stamped,
    write_lock,
)
from bot.content.yamledit import Edit, apply, set_language
from bot.content.yamlmap import YamlDocument, read_yaml
from bot.languages import languages

OUTDATED_NOTE = (
    "The English changed after this translation was written: correct it (or keep it if it "
    "still says the same), then unmark it fuzzy (Poedit: Needs work)."
)


class Refused(Exception):
    """The file cannot be imported as it is: one sentence."""


class Invalid(Exception):
    """The import would make the content invalid: every file was put back as it was."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


def shown(file: Path) -> str:
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def _document(root: Path, file: str) -> YamlDocument:
    document, _ = read_yaml(root / file, shown(root / file))
    if document is None:  # it was just loaded without errors
        raise Refused(f"{shown(root / file)} cannot be read again")
    return document


def _line(document: YamlDocument, entry: Entry, language: str) -> int:
    loc = (*entry.loc, language) if entry.text.get(language) is not None else entry.loc
    return document.where(loc)[0]


def wanted(found: Iterable[Entry], lock: Lock | None, language: str) -> list[Entry]:
    """The texts to translate into `language`: missing or outdated, where it is a target."""
    return [
        entry
        for entry in found
        if language in entry.targets and entry.status(language, lock or {}) is not Status.CURRENT
    ]


def export_catalog(root: Path, chosen: list[Entry], lock: Lock | None, language: str) -> Catalog:
    """A catalog of `chosen`: msgctxt the text's locator, msgid its English, msgstr the
    outdated translation (fuzzy) or nothing; a reference to its file and line."""
    now = datetime.now(UTC)
    catalog = Catalog(
        locale=language,
        project="Lifeline",
        version="content",
        creation_date=now,
        revision_date=now,
        fuzzy=False,
        header_comment=(
            f"# Lifeline content texts to translate into {Locale.parse(language).english_name}"
            f" ({language}), exported {now:%Y-%m-%d %H:%M} UTC.\n"
            "# Translate each text; keep {placeholders} as they are. Then:\n"
            "#   python -m bot translations import THIS_FILE.po"
        ),
    )
    documents: dict[str, YamlDocument] = {}
    also = [code for code in languages().chain(language)[1:] if code != "en"]
    for entry in chosen:
        if entry.file not in documents:
            documents[entry.file] = _document(root, entry.file)
        document = documents[entry.file]
        outdated = entry.status(language, lock or {}) is Status.OUTDATED
        comments = [OUTDATED_NOTE] if outdated else []
        comments += [
            f"{code}: {entry.text.root[code]}" for code in also if code in entry.text.root
        ]
        names = sorted(set(PLACEHOLDER.findall(entry.text.en)))
        if names:
            comments.append("Keep: " + ", ".join(f"{{{name}}}" for name in names))
        catalog.add(
            entry.text.en,
            entry.text.get(language) or "",
            locations=[(entry.file, _line(document, entry, language))],
            flags=("fuzzy",) if outdated else (),
            auto_comments=comments,
            context=entry.context,
        )
    return catalog


def write_catalog(catalog: Catalog, out: IO[bytes]) -> None:
    write_po(out, catalog, width=99, omit_header=False)


@dataclass
class Imported:
    """What an import did, entry by entry (locators)."""

    language: str
    imported: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    """The English changed since the export: re-export."""
    unknown: list[str] = field(default_factory=list)
    """No such text any more (moved or removed): re-export."""
    files: list[str] = field(default_factory=list)


def read_catalog(path: Path) -> tuple[Catalog, str]:
    """The catalog and its language (its `Language:` header)."""
    try:
        with path.open("rb") as source:
            catalog = read_po(source, abort_invalid=True)
    except OSError as error:
        raise Refused(f"{path}: cannot be read ({error.strerror})") from None
    except (PoFileError, UnicodeDecodeError, ValueError, UnknownLocaleError) as error:
        raise Refused(f"{path}: not a PO file Lifeline can read ({error})") from None
    # Weblate and Poedit may write a region or script (fil_PH, uz_Latn): the language is ours
    language = catalog.locale.language if catalog.locale is not None else ""
    if language not in languages().known or language == "en":
        raise Refused(
            f"{path}: its Language header says {repr(language) if language else 'nothing'}: it "
            "must be one of " + ", ".join(code for code in languages().known if code != "en")
        )
    return catalog, language


def import_catalog(root: Path, path: Path, today: date) -> Imported:
    """Write each translated, non-fuzzy entry into its YAML file; validate the whole folder,
    and put every file back as it was if it is not valid (raise Invalid)."""
    catalog, language = read_catalog(path)
    loaded = load_content(root, today=today)
    if loaded.content is None:
        raise Invalid(loaded.errors)
    by_context = {entry.context: entry for entry in entries(loaded.content)}
    result = Imported(language)
    chosen: list[tuple[Entry, str]] = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str):
            continue
        _sort(message, by_context, result, chosen)
    edits: dict[str, list[Edit]] = {}
    documents: dict[str, YamlDocument] = {}
    for entry, value in chosen:
        if entry.text.get(language) != value:
            if entry.file not in documents:
                documents[entry.file] = _document(root, entry.file)
            document = documents[entry.file]
            mapping = document.node(entry.loc)
            if mapping is None:
                raise Refused(f"{entry.context}: not found in the file")
            edits.setdefault(entry.file, []).append(
                set_language(document.text, mapping, language, value)
            )
    originals = _write_all(root, documents, edits, _Change(language, chosen))
    result.files = sorted(edits)
    try:
        after = _validated(root, today, [entry.context for entry, _ in chosen], language)
    except Invalid:
        _restore(originals)
        raise
    _update_lock(root, after, [entry.context for entry, _ in chosen], language)
    return result


def _sort(
    message: Message,
    by_context: dict[str, Entry],
    result: Imported,
    chosen: list[tuple[Entry, str]],
) -> None:
    context = str(message.context or "")
    entry = by_context.get(context)
    value = message.string if isinstance(message.string, str) else ""
    value = value.replace("\r\n", "\n").strip()
    if entry is None:
        result.unknown.append(context or str(message.id)[:40])
    elif not value:
        result.empty.append(context)
    elif message.fuzzy:
        result.fuzzy.append(context)
    elif str(message.id).replace("\r\n", "\n").strip() != entry.text.en:
        result.changed.append(context)
    else:
        result.imported.append(context)
        chosen.append((entry, value))


def _write_all(
    root: Path, documents: dict[str, YamlDocument], edits: dict[str, list[Edit]], change: _Change
) -> dict[Path, bytes]:
    """Write the edited files (each in one step); return what each held before."""
    originals: dict[Path, bytes] = {}
    try:
        for file, file_edits in edits.items():
            path = root / file
            raw = path.read_bytes()
            document = documents[file]
            bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
            written = bom + apply(document.text, file_edits).encode("utf-8")
            mine = [(entry, value) for entry, value in change.values if entry.file == file]
            _replace(path, written, document, _Change(change.language, mine))
            originals[path] = raw
    except BaseException:
        _restore(originals)
        raise
    return originals


@dataclass(frozen=True)
class _Change:
    language: str
    values: list[tuple[Entry, str]]
    """Each text of the file set in `language`, and its new translation."""


def _replace(path: Path, data: bytes, before: YamlDocument, change: _Change) -> None:
    """Put the new text in place if it reads as the old file with only these texts set."""
    temporary = path.with_name(f".{path.name}.import")
    temporary.write_bytes(data)
    try:
        document, problems = read_yaml(temporary, shown(path))
        if document is None:
            raise Invalid(problems)
        expected = copy.deepcopy(before.data)
        got = copy.deepcopy(document.data)
        for entry, value in change.values:
            if str(_at(got, entry.loc).get(change.language, "")).strip() != value:
                raise Invalid([before.problem(entry.loc, "could not write this text safely")])
            _at(got, entry.loc)[change.language] = value
            _at(expected, entry.loc)[change.language] = value
        if got != expected:
            raise Invalid([Problem(shown(path), 1, 1, "the edit changed more than the texts")])
        shutil.copymode(path, temporary)
        temporary.replace(path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for part in loc:
        data = data[part]
    return data


def _restore(originals: dict[Path, bytes]) -> None:
    for path, raw in originals.items():
        path.write_bytes(raw)


def _validated(root: Path, today: date, contexts: list[str], language: str) -> list[Entry]:
    """The whole folder loads without errors, and every imported text has the placeholders
    of its English; else Invalid with every problem."""
    loaded = load_content(root, today=today)
    if loaded.content is None:
        raise Invalid(loaded.errors)
    found = entries(loaded.content)
    by_context = {entry.context: entry for entry in found}
    problems = []
    for context in contexts:
        entry = by_context[context]
        english = sorted(set(PLACEHOLDER.findall(entry.text.en)))
        translated = sorted(set(PLACEHOLDER.findall(entry.text.get(language) or "")))
        if english != translated:
            document = _document(root, entry.file)
            message = (
                f"placeholders differ between languages: en has {english or 'none'}, "
                f"{language} has {translated or 'none'}"
            )
            problems.append(document.problem((*entry.loc, language), message))
    if problems:
        raise Invalid(sorted(set(problems)))
    return found


def _update_lock(root: Path, found: list[Entry], contexts: list[str], language: str) -> None:
    lock = read_lock(root)
    if lock is None:
        write_lock(root, stamped(found, None))
        return
    by_context = {entry.context: entry for entry in found}
    for context in contexts:
        entry = by_context[context]
        translation = entry.text.root[language]
        pins = lock.setdefault(entry.file, {}).setdefault(entry.key, {})
        pins[language] = (digest(entry.text.en), digest(translation))
    write_lock(root, lock)
