"""Load the content folder into one typed `Content`, collecting every problem with file:line."""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from bot.content.checks import Locator, check_content
from bot.content.model import (
    Content,
    CountriesFile,
    Host,
    Lexicon,
    MissionsFile,
    Origin,
    OriginContent,
    Plan,
    SourceRegistry,
    Topic,
)
from bot.content.problems import LoadResult, Problem
from bot.content.translations import LOCK_FILE, LockError, entries, outdated, read_lock, stamped
from bot.content.walk import Loc
from bot.content.yamlmap import YamlDocument, read_yaml

M = TypeVar("M", bound=BaseModel)
log = logging.getLogger(__name__)


@dataclass
class LocatedResult(LoadResult):
    """A load, and where each part of its content was read (for the checks' lines)."""

    located: Locator = field(default_factory=dict)


@dataclass(frozen=True)
class _Read(Generic[M]):
    """A file's model and the document it came from (its lines, for messages)."""

    model: M
    document: YamlDocument


class _Reader:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        self.located: Locator = {}

    @staticmethod
    def shown(file: Path) -> str:
        """The path as an editor can open it: relative to the working folder when inside it."""
        try:
            return str(file.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(file)

    def read(self, file: Path, model: type[M]) -> _Read[M] | None:
        document, problems = read_yaml(file, self.shown(file))
        self.problems += problems
        if document is None:
            return None
        try:
            parsed = model.model_validate(document.data)
        except ValidationError as error:
            self.problems += [_explain(document, item) for item in error.errors()]
            return None
        return _Read(parsed, document)

    def named(self, file: Path, model: type[M], key: str) -> _Read[M] | None:
        """Read a file whose `key` field must equal its file (or folder) name."""
        read = self.read(file, model)
        expected = file.parent.name if file.name == "origin.yaml" else file.stem
        if read is not None and getattr(read.model, key) != expected:
            message = f"{key} '{getattr(read.model, key)}' must match the file name '{expected}'"
            self.problems.append(read.document.problem((key,), message))
            return None
        return read

    def unexpected(self, file: Path, why: str) -> None:
        self.problems.append(Problem(self.shown(file), 1, 1, why, "warning"))


SINGULAR = {
    "missions": "mission",
    "phones": "phone",
    "steps": "step",
    "emergency": "emergency number",
    "hotlines": "hotline",
    "regions": "region",
    "helplines": "helpline",
    "laws": "law",
}
PATTERN_HELP = {
    "source": "a web address (https://...) or a document name, without < > or quotes",
    "url": "a web address starting with https://, without spaces or quotes",
    "website": "a web address starting with https://, without spaces or quotes",
    "id": "lower-case letters, digits and dashes, e.g. sa-embassy-riyadh",
    "region": "a region id: lower-case letters, digits and dashes",
    "number": "digits only (2 to 6), as dialled in the country",
    "code": "two capital letters, the ISO country code",
    "host": "two capital letters, the ISO country code",
    "address": "an e-mail address like name@example.org",
    "icon": "one emoji (no letters, digits or < > &)",
}


def described(data: Any, loc: tuple[Any, ...]) -> str:
    """`missions.4.phones.0.lable` as an editor thinks of it: `mission sa-embassy-riyadh, phone
    1, lable`."""
    parts: list[str] = []
    node = data
    key_before: Any = None
    for key in loc:
        if isinstance(key, int) and isinstance(node, list):
            item = node[key] if 0 <= key < len(node) else None
            name = SINGULAR.get(str(key_before), str(key_before or "item"))
            ident = item.get("id") if isinstance(item, dict) else None
            if parts and parts[-1] == str(key_before):
                parts.pop()
            parts.append(f"{name} {ident}" if isinstance(ident, str) else f"{name} {key + 1}")
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
        key_before = key
    return ", ".join(parts) or "file"


def _explain(document: YamlDocument, error: Any) -> Problem:
    loc = tuple(error["loc"])
    where = described(document.data, loc)
    kind = error["type"]
    field = str(loc[-1]) if loc else ""
    if kind == "missing":
        message = f"{where}: required field is missing"
    elif kind == "extra_forbidden":
        message = f"{where}: unknown field (check the spelling; see docs/FIELDS.md)"
    elif kind == "string_pattern_mismatch":
        message = f"{where}: must be {PATTERN_HELP.get(field, 'in the documented form')}"
    elif kind in ("date_from_datetime_parsing", "date_parsing", "date_type"):
        message = f"{where}: write a real date as YYYY-MM-DD, e.g. 2026-11-25"
    elif kind == "string_type":
        message = f'{where}: Input should be a valid string: put it in quotes ("999")'
    elif kind == "too_short":
        message = f"{where}: needs at least one item"
    else:
        message = f"{where}: {str(error['msg']).removeprefix('Value error, ')}"
    return document.problem(loc, message)


def _origin(reader: _Reader, folder: Path) -> OriginContent | None:
    origin_file = folder / "origin.yaml"
    if not origin_file.exists():
        reader.unexpected(folder, f"origin folder without origin.yaml: {folder.name} is ignored")
        return None
    origin = reader.named(origin_file, Origin, "code")
    missions_file = folder / "missions.yaml"
    missions = reader.read(missions_file, MissionsFile) if missions_file.exists() else None
    plans = [reader.named(file, Plan, "id") for file in sorted(folder.glob("plans/*.yaml"))]
    topics = [reader.named(file, Topic, "id") for file in sorted(folder.glob("topics/*.yaml"))]
    for stray in sorted(set(folder.glob("*.yaml")) - {origin_file, missions_file}):
        reader.unexpected(
            stray, "unexpected file (expected origin.yaml, missions.yaml, plans/, topics/)"
        )
    if origin is None:
        return None
    here: Loc = ("origins", origin.model.code)
    reader.located[(*here, "origin")] = (origin.document, ())
    if missions is not None:
        for index in range(len(missions.model.missions)):
            reader.located[(*here, "missions", index)] = (missions.document, ("missions", index))
    read_plans = [plan for plan in plans if plan is not None]
    read_topics = [topic for topic in topics if topic is not None]
    for index, plan in enumerate(read_plans):
        reader.located[(*here, "plans", index)] = (plan.document, ())
    for index, topic in enumerate(read_topics):
        reader.located[(*here, "topics", index)] = (topic.document, ())
    return OriginContent(
        origin=origin.model,
        missions=missions.model.missions if missions else [],
        plans=[plan.model for plan in read_plans],
        topics=[topic.model for topic in read_topics],
    )


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Loading makes a few hundred thousand objects that all stay (the content, and the node
    tree of each file with a problem to point at) and hardly any garbage cycles: the cycle
    collector would walk them again and again, 0.5 s of CPU when every file has a warning."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_content(root: Path, *, today: date | None = None, strict: bool = False) -> LocatedResult:
    """Read every file under `root`; `content` is None when any error was found.

    `strict` is how `validate` judges: an emergency line not re-checked for a year is an error.
    Without it (the bot serving people) that line is a warning: it is served, and its screens
    say since when it was not re-checked (bot/content/freshness.py). `today`: for tests."""
    with _without_cycle_collection():
        return _load(root, today, strict)


def _load(root: Path, today: date | None, strict: bool) -> LocatedResult:
    reader = _Reader(root)
    if not root.is_dir():
        return LocatedResult(None, [Problem(str(root), 1, 1, "content folder does not exist")])
    host_files = sorted(root.glob("hosts/*.yaml"))
    hosts = [reader.named(file, Host, "code") for file in host_files]
    origins = [
        _origin(reader, folder)
        for folder in sorted((root / "origins").glob("*"))
        if folder.is_dir()
    ]
    plans = [reader.named(file, Plan, "id") for file in sorted(root.glob("plans/*.yaml"))]
    read_plans = [plan for plan in plans if plan is not None]
    for index, plan in enumerate(read_plans):
        reader.located[("plans", index)] = (plan.document, ())
    sources_file = root / "sources.yaml"
    sources = reader.read(sources_file, SourceRegistry) if sources_file.exists() else None
    lexicon = [reader.named(file, Lexicon, "id") for file in sorted(root.glob("lexicon/*.yaml"))]
    read_lexicon = [entry for entry in lexicon if entry is not None]
    for entry in read_lexicon:
        reader.located[("lexicon", entry.model.id)] = (entry.document, ())
    countries_file = root / "countries.yaml"
    countries = reader.read(countries_file, CountriesFile) if countries_file.exists() else None
    content = Content(
        hosts={host.model.code: host.model for host in hosts if host is not None},
        origins={item.origin.code: item for item in origins if item is not None},
        sources=sources.model if sources else SourceRegistry(),
        countries=countries.model if countries else CountriesFile(),
        plans=[plan.model for plan in read_plans],
        lexicon={entry.model.id: entry.model for entry in read_lexicon},
        folder=root,
    )
    content, lock_problem = _with_lock(reader, root, content)
    if lock_problem is not None:
        reader.problems.append(lock_problem)
    for host in hosts:
        if host is not None:
            reader.located[("hosts", host.model.code)] = (host.document, ())
    if not host_files or not any((root / "origins").glob("*/origin.yaml")):
        reader.problems.append(Problem(str(root), 1, 1, "no host or origin files found"))
    # A host file with its own error is not also "missing" for every mission that names it.
    unreadable = {file.stem for file, host in zip(host_files, hosts, strict=True) if host is None}
    reader.problems += check_content(
        content, reader.located, today, skip_hosts=unreadable, strict=strict
    )
    problems = sorted(set(reader.problems))
    ok = not any(problem.severity == "error" for problem in problems)
    return LocatedResult(content if ok else None, problems, reader.located)


def _with_lock(reader: _Reader, root: Path, content: Content) -> tuple[Content, Problem | None]:
    """The content with its outdated translations marked, from translations.lock.json; and a
    warning when the lock is out of date or cannot be read (nothing is then marked)."""
    shown = reader.shown(root / LOCK_FILE)
    try:
        lock = read_lock(root)
    except LockError as error:
        return content, Problem(shown, 1, 1, str(error), "warning")
    if lock is None:
        return content, None
    found = entries(content)
    marked = content.model_copy(update={"outdated": outdated(found, lock)})
    if stamped(found, lock) == lock:
        return marked, None
    message = (
        "translations changed since the lock was written: run python -m bot translations "
        "stamp (and commit the lock with your edit)"
    )
    return marked, Problem(shown, 1, 1, message, "warning")


def read_file(
    file: Path, model: type[M], shown_as: str
) -> tuple[M | None, YamlDocument | None, list[Problem]]:
    """One file read and validated alone, its problems under `shown_as` (for `checked`)."""
    document, problems = read_yaml(file, shown_as)
    if document is None:
        return None, None, problems
    try:
        return model.model_validate(document.data), document, problems
    except ValidationError as error:
        return None, document, [*problems, *(_explain(document, e) for e in error.errors())]
