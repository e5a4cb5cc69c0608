"""`python -m bot translations`: how complete the content's translations are, and the round
trip through PO files (export, import) and the lock (stamp). See docs/CONTENT.md."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bot.content.loader import load_content
from bot.content.model import Content
from bot.content.problems import LoadResult
from bot.content.translation_files import (
    Invalid,
    Refused,
    export_catalog,
    import_catalog,
    wanted,
    write_catalog,
)
from bot.content.translations import (
    LOCK_FILE,
    Entry,
    Lock,
    LockError,
    Status,
    entries,
    read_lock,
    stamped,
    write_lock,
)
from bot.languages import SOURCE_LANGUAGE, languages

EXIT_INCOMPLETE = 1
EXIT_REFUSED = 2


class Unknown(Exception):
    """An option names an origin or a language there is none of: one sentence."""


def run(args: argparse.Namespace, root: Path, today: date) -> int:
    try:
        if args.action == "export":
            return _export(root, today, args.lang, getattr(args, "origin", None), args.out)
        if args.action == "import":
            return _import(root, today, args.file)
        if args.action == "stamp":
            return _stamp(root, today)
        return _report(root, today, args)
    except (Unknown, Refused) as refusal:
        print(f"translations: {refusal}", file=sys.stderr)
        return EXIT_REFUSED
    except LockError as error:
        print(f"translations: {root / LOCK_FILE}: {error}", file=sys.stderr)
        return EXIT_REFUSED
    except Invalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        if args.action == "import":
            print("Nothing was changed: fix the errors above and try again.", file=sys.stderr)
        else:
            print(f"{len(invalid.problems)} error(s) in content: fix them first.", file=sys.stderr)
        return EXIT_INCOMPLETE


def _loaded(root: Path, today: date) -> tuple[Content, list[Entry], Lock | None]:
    result: LoadResult = load_content(root, today=today)
    if result.content is None:
        raise Invalid(result.errors)
    return result.content, entries(result.content), read_lock(root)


def _checked(content: Content, origin: str | None, language: str | None) -> str | None:
    if language is not None:
        if language not in languages().known:
            raise Unknown(
                f"unknown language '{language}': use one of "
                f"{', '.join(languages().known)} (locales/languages.yaml)"
            )
        if language == SOURCE_LANGUAGE:
            raise Unknown("en is the language texts are written in first: nothing to translate")
    if origin is None:
        return None
    code = origin.upper()
    if code not in content.origins:
        raise Unknown(
            f"no origin folder origins/{code} (there are: {', '.join(sorted(content.origins))})"
        )
    written = content.origins[code].origin.languages
    if language is not None and language not in written:
        raise Unknown(
            f"origins/{code} is not written in {language}: its origin.yaml lists "
            f"{', '.join(written)} (add {language} there first)"
        )
    return code


@dataclass(frozen=True)
class Row:
    group: str
    file: str
    language: str
    counts: Counter[Status]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def percent(self) -> int:
        return self.counts[Status.CURRENT] * FULL // self.total if self.total else FULL


def rows(
    found: list[Entry], lock: Lock | None, origin: str | None, language: str | None
) -> list[Row]:
    """One row per file and language it should be written in, grouped as `Entry.group`."""
    counts: dict[tuple[str, str, str], Counter[Status]] = {}
    for entry in found:
        if origin is not None and entry.group != f"origins/{origin}":
            continue
        for code in entry.targets:
            if language is None or code == language:
                key = (entry.group, entry.file, code)
                counts.setdefault(key, Counter())[entry.status(code, lock or {})] += 1
    keys = sorted(counts, key=lambda key: _group_order(key[0]))  # else in the loader's order
    return [Row(*key, counts[key]) for key in keys]


def _group_order(group: str) -> tuple[int, str]:
    return (0 if group.startswith("origins/") else 1, group)


def _report(root: Path, today: date, args: argparse.Namespace) -> int:
    content, found, lock = _loaded(root, today)
    code = _checked(content, args.origin, args.lang)
    table = rows(found, lock, code, args.lang)
    groups: dict[str, list[Row]] = {}
    for row in table:
        groups.setdefault(row.group, []).append(row)
    for number, (group, group_rows) in enumerate(groups.items()):
        print(("\n" if number else "") + _heading(content, group))
        print(_line("file", "lang", "translated", "outdated", "missing", "done"))
        files = sorted({row.file for row in group_rows})
        by_language: dict[str, Counter[Status]] = {}
        for row in group_rows:
            by_language.setdefault(row.language, Counter()).update(row.counts)
        if len(files) > 1:
            for language, counts in by_language.items():
                print(_counts(f"all {len(files)} files", language, counts))
        shown = [row for row in group_rows if args.all or row.percent < FULL or len(files) == 1]
        for row in shown:
            print(_counts(row.file.removeprefix(f"{group}/"), row.language, row.counts))
        if len(shown) < len(group_rows):
            print("  (files and languages at 100% are not listed: --all lists every one)")
    done = sum(row.counts[Status.CURRENT] for row in table)
    total = sum(row.total for row in table)
    outdated = sum(row.counts[Status.OUTDATED] for row in table)
    print(
        f"\nAll shown: {done} of {total} translations current, {outdated} outdated, "
        f"{total - done - outdated} missing."
    )
    if lock is None:
        print(f"No {LOCK_FILE}: nothing can be outdated; run python -m bot translations stamp.")
    return EXIT_INCOMPLETE if args.strict and done < total else 0


FULL = 100


def _line(*cells: str) -> str:
    name, language, *numbers = cells
    widths = (10, 8, 7, 5)
    return f"  {name:<44} {language:<5} " + " ".join(
        f"{cell:>{width}}" for cell, width in zip(numbers, widths, strict=True)
    )


def _counts(name: str, language: str, counts: Counter[Status]) -> str:
    total = sum(counts.values())
    percent = counts[Status.CURRENT] * FULL // total if total else FULL
    return _line(
        name,
        language,
        str(counts[Status.CURRENT]),
        str(counts[Status.OUTDATED]),
        str(counts[Status.MISSING]),
        f"{percent}%",
    )


def _heading(content: Content, group: str) -> str:
    if group.startswith("origins/"):
        written = content.origins[group.removeprefix("origins/")].origin.languages
        return f"{group}: written in {', '.join(written)}"
    what = {"hosts": "host countries", "plans": "generic plans", "countries.yaml": "countries"}
    return f"{group} ({what.get(group, group)}; shared: every UI language)"


def _export(root: Path, today: date, language: str, origin: str | None, out: Path | None) -> int:
    content, found, lock = _loaded(root, today)
    code = _checked(content, origin, language)
    chosen = [
        entry
        for entry in wanted(found, lock, language)
        if code is None or entry.group == f"origins/{code}"
    ]
    target = out or Path(f"lifeline-{code + '-' if code else ''}{language}.po")
    catalog = export_catalog(root, chosen, lock, language)
    try:
        with target.open("wb") as written:
            write_catalog(catalog, written)
    except OSError as error:
        raise Refused(f"{target}: cannot be written ({error.strerror})") from None
    outdated = sum(entry.status(language, lock or {}) is Status.OUTDATED for entry in chosen)
    print(
        f"{target}: {len(chosen)} text(s) to translate into {language} "
        f"({len(chosen) - outdated} missing; {outdated} outdated, marked fuzzy)."
    )
    return 0


def _import(root: Path, today: date, file: Path) -> int:
    result = import_catalog(root, file, today)
    for context in result.changed:
        print(f"skipped {context}: the English changed since export: re-export")
    for context in result.unknown:
        print(f"skipped {context}: no such text (moved or removed): re-export")
    for name in result.files:
        print(f"wrote {name}")
    print(
        f"Imported {len(result.imported)} {result.language} translation(s); skipped "
        f"{len(result.fuzzy)} fuzzy, {len(result.changed)} whose English changed, "
        f"{len(result.empty)} untranslated, {len(result.unknown)} unknown. Content valid; "
        f"{LOCK_FILE} updated."
    )
    return 0


def _stamp(root: Path, today: date) -> int:
    _, found, lock = _loaded(root, today)
    new = stamped(found, lock)
    outdated = sum(
        entry.status(code, new) is Status.OUTDATED for entry in found for code in entry.written()
    )
    path = write_lock(root, new)
    pins = sum(len(pins) for texts in new.values() for pins in texts.values())
    print(f"{path}: {pins} translation(s) recorded, {outdated} outdated (kept so).")
    return 0
