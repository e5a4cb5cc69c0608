"""Which translations of content texts are missing, current or outdated, from the lock file.

`content/translations.lock.json` records, for every translation of every text, a short hash of
the English it was written for and of the translation itself. When the English changes and the
translation does not, the translation is *outdated*: still served, with a note, until a
translator edits it (or confirms it by importing it). A text is named by its file (relative to
the content folder) and its path in the file, with the `id` of a list item where it has one
(`steps[call].text`, else `steps.2.text`), so moving an item with an id keeps its entry.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from bot.content.model import Content, Text
from bot.content.walk import Loc, models
from bot.languages import SOURCE_LANGUAGE, languages

LOCK_FILE = "translations.lock.json"
DIGEST_LENGTH = 12
Pin = tuple[str, str]
"""(hash of the English the translation was written for, hash of the translation)."""
Lock = dict[str, dict[str, dict[str, Pin]]]
"""file -> text key -> language -> Pin."""


class Status(Enum):
    MISSING = "missing"
    CURRENT = "current"
    OUTDATED = "outdated"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class Entry:
    """One translatable text of one content file."""

    file: str
    """Relative to the content folder: `origins/KG/plans/fire.yaml`."""
    key: str
    """Where it is in the file: `steps.2.text`, `missions[kg-embassy].name`."""
    loc: Loc
    """Its path in the file's YAML data (indices, not ids): what an edit goes to."""
    text: Text
    targets: tuple[str, ...]
    """The languages it should be written in besides English: an origin's `languages`, or
    every UI language for a shared file."""

    @property
    def context(self) -> str:
        """The locator a PO file names it by (msgctxt)."""
        return f"{self.file}:{self.key}"

    @property
    def group(self) -> str:
        """`origins/KG`, `hosts`, `plans` or `countries.yaml`: how the report groups files."""
        parts = PurePosixPath(self.file).parts
        return "/".join(parts[:2]) if parts[0] == "origins" else parts[0]

    @cached_property
    def digests(self) -> dict[str, str]:
        """Each language's text hashed (English too), once."""
        return {code: digest(written) for code, written in self.text.root.items()}

    def pin(self, lock: Lock) -> dict[str, Pin]:
        return lock.get(self.file, {}).get(self.key, {})

    def status(self, language: str, lock: Lock) -> Status:
        translated = self.digests.get(language)
        if translated is None:
            return Status.MISSING
        pinned = self.pin(lock).get(language)
        if pinned is None:  # written before the lock, or not stamped yet
            return Status.CURRENT
        english_then, translation_then = pinned
        if english_then == self.digests[SOURCE_LANGUAGE] or translation_then != translated:
            return Status.CURRENT  # the English is the same, or a translator edited it since
        return Status.OUTDATED

    def written(self) -> Iterator[str]:
        """The languages it is written in, English aside."""
        return (code for code in self.text.root if code != SOURCE_LANGUAGE)


def _key(owner: BaseModel | list[Any], loc: Loc, prefix: Loc = ()) -> str:
    """`("steps", 2, "text")` as `steps.2.text`, or `steps[call].text` when the step has an id;
    `prefix`: the path of `owner` in its file."""
    parts = [str(part) for part in prefix]
    node: Any = owner
    for part in loc:
        if isinstance(part, int):
            node = node[part]
            ident = getattr(node, "id", None)
            if isinstance(ident, str):
                parts[-1] += f"[{ident}]"
            else:
                parts.append(str(part))
        else:
            node = node[part] if isinstance(node, dict) else getattr(node, part)
            parts.append(str(part))
    return ".".join(parts)


def _texts(
    file: str, owner: BaseModel | list[Any], targets: tuple[str, ...], prefix: Loc = ()
) -> Iterator[Entry]:
    for loc, value in models(owner):
        if isinstance(value, Text):
            yield Entry(file, _key(owner, loc, prefix), (*prefix, *loc), value, targets)


def entries(content: Content) -> list[Entry]:
    """Every text of the content, file by file, in the order the loader reads them."""
    everyone = tuple(code for code in languages().ui if code != SOURCE_LANGUAGE)
    found: list[Entry] = []
    for code, host in sorted(content.hosts.items()):
        found += _texts(f"hosts/{code}.yaml", host, everyone)
    for code, item in sorted(content.origins.items()):
        folder = f"origins/{code}"
        targets = tuple(lang for lang in item.origin.languages if lang != SOURCE_LANGUAGE)
        found += _texts(f"{folder}/origin.yaml", item.origin, targets)
        found += _texts(f"{folder}/missions.yaml", item.missions, targets, ("missions",))
        for plan in item.plans:
            found += _texts(f"{folder}/plans/{plan.id}.yaml", plan, targets)
        for topic in item.topics:
            found += _texts(f"{folder}/topics/{topic.id}.yaml", topic, targets)
    for plan in content.plans:
        found += _texts(f"plans/{plan.id}.yaml", plan, everyone)
    found += _texts("countries.yaml", content.countries, everyone)
    return found


class LockError(ValueError):
    """The lock file cannot be read: one sentence."""


def read_lock(root: Path) -> Lock | None:
    """The lock of this content folder; None when it has none (nothing is outdated)."""
    path = root / LOCK_FILE
    if not path.exists():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return {
            file: {
                key: {language: (str(pin[0]), str(pin[1])) for language, pin in pins.items()}
                for key, pins in texts.items()
            }
            for file, texts in raw.items()
        }
    except (OSError, ValueError, TypeError, AttributeError, IndexError, KeyError) as error:
        raise LockError(
            f"cannot be read ({type(error).__name__}): restore it from git, or delete it and "
            "run python -m bot translations stamp"
        ) from None


def lock_text(lock: Lock) -> str:
    """Sorted, one text per line: a stamp's diff shows which texts changed."""
    lines = ["{"]
    files = sorted(file for file, texts in lock.items() if texts)
    for file_number, file in enumerate(files):
        lines.append(f"  {json.dumps(file)}: {{")
        keys = sorted(key for key, pins in lock[file].items() if pins)
        for key_number, key in enumerate(keys):
            pins = {language: list(pin) for language, pin in sorted(lock[file][key].items())}
            comma = "," if key_number < len(keys) - 1 else ""
            lines.append(f"    {json.dumps(key)}: {json.dumps(pins, ensure_ascii=False)}{comma}")
        lines.append("  }," if file_number < len(files) - 1 else "  }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_lock(root: Path, lock: Lock) -> Path:
    path = root / LOCK_FILE
    temporary = path.with_name(f".{LOCK_FILE}.new")
    temporary.write_text(lock_text(lock), encoding="utf-8")
    temporary.replace(path)
    return path


def stamped(found: list[Entry], lock: Lock | None) -> Lock:
    """The lock for the content as it is: every translation pinned to the current English,
    except an outdated one, which keeps the English it was written for (it stays outdated
    until a translator edits or confirms it)."""
    old = lock or {}
    new: Lock = {}
    for entry in found:
        for language in entry.written():
            pinned = entry.pin(old).get(language)
            keep = pinned is not None and entry.status(language, old) is Status.OUTDATED
            english = pinned[0] if keep and pinned else entry.digests[SOURCE_LANGUAGE]
            translation = entry.digests[language]
            new.setdefault(entry.file, {}).setdefault(entry.key, {})[language] = (
                english,
                translation,
            )
    return new


def outdated(found: list[Entry], lock: Lock | None) -> frozenset[tuple[str, str, str]]:
    """(English, language, translation) of every outdated translation: what the bot marks."""
    if not lock:
        return frozenset()
    return frozenset(
        (entry.text.en, language, entry.text.root[language])
        for entry in found
        for language in entry.written()
        if entry.status(language, lock) is Status.OUTDATED
    )
