"""`python -m bot checked FILE[:ID|:LINE]`: record that an editor compared facts with their
source, by rewriting only their `checked:` values (comments, order and layout stay as they are).

FILE alone records every fact in the file. `FILE:ID` records the facts of one item: a mission
or hotline `id` (also an arrangement's or a step's), an emergency `service` (police, general…)
or a helpline or law `kind` (labour, crisis…). `FILE:LINE` records the fact written on that
line, as `validate` prints it (`hosts/AE.yaml:6:24: warning: …` → `hosts/AE.yaml:6`).
"""

from __future__ import annotations

import codecs
import contextlib
import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.content.freshness import judge
from bot.content.loader import described, read_file
from bot.content.model import (
    CountriesFile,
    EmergencyNumber,
    Host,
    HostHelpline,
    HostLaw,
    MissionsFile,
    Origin,
    Plan,
    Sourced,
    Topic,
)
from bot.content.problems import Problem
from bot.content.walk import Loc, walk
from bot.content.yamlmap import YamlDocument

CONTENT_FILES = (
    "hosts/XX.yaml, origins/XX/origin.yaml, origins/XX/missions.yaml, plans/*.yaml, "
    "origins/XX/plans/*.yaml, origins/XX/topics/*.yaml or countries.yaml"
)


class Refused(Exception):
    """The command cannot do what was asked (no such file or item, a date in the future):
    one sentence for the editor."""


class Invalid(Exception):
    """The file has errors (or the edit would make it invalid): nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


@dataclass(frozen=True)
class Check:
    """One fact's `checked:` date: where it is written, what it was, what it becomes."""

    line: int
    what: str
    old: date
    new: date

    @property
    def changed(self) -> bool:
        return self.new != self.old


@dataclass(frozen=True)
class Recorded:
    file: str
    checks: list[Check]
    """Every fact addressed, in file order; a fact already checked on that day or later is
    kept as it is (`changed` False)."""


@dataclass(frozen=True)
class _Fact:
    loc: Loc
    fact: Sourced
    value: ScalarNode
    """The `checked:` value in the file: what gets rewritten."""


def shown(file: Path) -> str:
    """The path as the editor typed it when inside the working folder (as validate prints)."""
    try:
        return str(file.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(file)


def model_for(file: Path) -> type[BaseModel] | None:
    """Which model a content file holds, from where it is in the content folder."""
    if file.name == "origin.yaml":
        return Origin
    if file.name == "missions.yaml":
        return MissionsFile
    if file.name == "countries.yaml":
        return CountriesFile
    by_folder: dict[str, type[BaseModel]] = {"hosts": Host, "plans": Plan, "topics": Topic}
    return by_folder.get(file.parent.name)


def split_target(target: str) -> tuple[Path, str | None]:
    """`content/hosts/AE.yaml:police` → the file and what in it; the file alone → None."""
    whole = Path(target)
    if whole.is_file():
        return whole, None
    name, colon, item = target.rpartition(":")
    if colon and Path(name).is_file():
        if not item:
            raise Refused(f"{target}: nothing after ':' (give an id, a service or a line)")
        return Path(name), item
    raise Refused(f"{(name if colon else target) or target}: no such file")


def record_check(target: str, on: date, today: date) -> Recorded:
    """Set `checked: on` on the facts `target` names, writing the file only if it stays
    valid; raise Refused or Invalid (and write nothing) otherwise."""
    if on > today:
        raise Refused(
            f"--date {on} is in the future (today is {today}): record the day you compared "
            "the facts with their source"
        )
    file, item = split_target(target)
    name = shown(file)
    model = model_for(file)
    if model is None or file.suffix != ".yaml":
        raise Refused(f"{name} is not a content file with facts ({CONTENT_FILES})")
    parsed, document, problems = read_file(file, model, name)
    errors = [problem for problem in problems if problem.severity == "error"]
    if parsed is None or document is None or errors:
        raise Invalid(errors)
    facts = _chosen(name, document, parsed, _facts(parsed, document), item)
    checks = [
        Check(
            _line(fact.value),
            _label(document, fact),
            fact.fact.checked,
            max(on, fact.fact.checked),  # a later check is kept
        )
        for fact in facts
    ]
    rewritten = [fact for fact, check in zip(facts, checks, strict=True) if check.changed]
    if rewritten:
        _write(_Edit(file, name, model, document, on, today), rewritten)
    return Recorded(name, sorted(checks, key=lambda check: check.line))


def _facts(parsed: BaseModel, document: YamlDocument) -> list[_Fact]:
    found = []
    for loc, value in walk(parsed):
        if isinstance(value, Sourced):
            node = document.node((*loc, "checked"))
            if not isinstance(node, ScalarNode):  # the model read it from there
                raise LookupError(loc)
            found.append(_Fact(loc, value, node))
    return found


def _label(document: YamlDocument, fact: _Fact) -> str:
    """`mission ae-embassy, phone 2`; `emergency number 1 (police)`."""
    where = described(document.data, fact.loc)
    named = _name_of(fact.fact)
    return f"{where} ({named})" if named and named not in where else where


def _name_of(value: object) -> str | None:
    """What `FILE:ID` calls an item: its service, its kind (helplines, laws) or its id."""
    if isinstance(value, EmergencyNumber):
        return value.service
    if isinstance(value, HostHelpline | HostLaw):
        return value.kind
    ident = getattr(value, "id", None) if isinstance(value, BaseModel) else None
    return ident if isinstance(ident, str) else None


def _chosen(
    name: str, document: YamlDocument, parsed: BaseModel, facts: list[_Fact], item: str | None
) -> list[_Fact]:
    if not facts:
        raise Refused(f"{name} has no facts with a checked date")
    if item is None:
        return facts
    if item.isdigit():
        line = int(item)
        here = [fact for fact in facts if line in _lines(document.node(fact.loc))]
        if not here:
            raise Refused(
                f"{name}:{line}: no fact (source, as_of, checked) is written on that line"
            )
        if len(here) > 1:
            raise Refused(
                f"{name}:{line}: {len(here)} facts are written on that line: name the item "
                "by its id instead"
            )
        return here
    items = [(loc, value) for loc, value in walk(parsed) if loc]  # the file's own id is the file
    named = sorted(
        {loc for loc, value in items if _name_of(value) == item},
        key=lambda loc: _first_line(document.node(loc)),
    )
    if not named:
        known = sorted({found for _, value in items if (found := _name_of(value))})
        raise Refused(
            f"{name}: no item '{item}' (a mission or hotline id, an emergency service or a "
            f"helpline kind); this file has: {', '.join(known) or 'none'}"
        )
    if len(named) > 1:
        lines = ", ".join(str(_first_line(document.node(loc))) for loc in named)
        raise Refused(f"{name}: '{item}' names {len(named)} items (lines {lines}): give a line")
    [at] = named
    inside = [fact for fact in facts if fact.loc[: len(at)] == at]
    if not inside:
        raise Refused(f"{name}: '{item}' has no facts with a checked date")
    return inside


def _lines(node: Node | None) -> range:
    """The lines (1-based) a node is written on, from its first to its last character."""
    if node is None:
        return range(0)
    return range(_first_line(node), _last_line(node) + 1)


def _first_line(node: Node | None) -> int:
    return 0 if node is None else node.start_mark.line + 1


def _last_line(node: Node) -> int:
    """A block collection's end mark is where the next one starts: use its last child's."""
    if isinstance(node, MappingNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1][1])
    if isinstance(node, SequenceNode) and node.value and not node.flow_style:
        return _last_line(node.value[-1])
    return int(node.end_mark.line) + 1


def _line(node: ScalarNode) -> int:
    return int(node.start_mark.line) + 1


@dataclass(frozen=True)
class _Edit:
    """One file being edited: where it is, what it holds, the day to record."""

    file: Path
    name: str
    model: type[BaseModel]
    before: YamlDocument
    on: date
    today: date


def _write(edit: _Edit, facts: list[_Fact]) -> None:
    """Rewrite the dates in place, check that the result is the same file with only those
    dates changed and still valid, then replace the file in one step (a crash leaves the old
    file or the new one, never half of each)."""
    raw = edit.file.read_bytes()
    bom = codecs.BOM_UTF8 if raw.startswith(codecs.BOM_UTF8) else b""
    text = raw.decode("utf-8-sig")
    # Marks count characters of the decoded text (libyaml, as read_yaml reads it); editing
    # from the end keeps the earlier positions right.
    for fact in sorted(facts, key=lambda fact: -fact.value.start_mark.index):
        start, end = fact.value.start_mark.index, fact.value.end_mark.index
        written = text[start:end]
        quote = written[0] if written[:1] in {'"', "'"} else ""
        if written.strip("\"'") != fact.fact.checked.isoformat():
            raise Refused(
                f"{edit.name}:{_line(fact.value)}: checked is written as {written!r}, not "
                f"{fact.fact.checked}: edit it by hand"
            )
        text = f"{text[:start]}{quote}{edit.on.isoformat()}{quote}{text[end:]}"
    temporary = edit.file.with_name(f".{edit.file.name}.checked")
    temporary.write_bytes(bom + text.encode("utf-8"))
    try:
        shutil.copymode(edit.file, temporary)
        _confirm(edit, temporary, facts)
        temporary.replace(edit.file)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _confirm(edit: _Edit, written: Path, facts: list[_Fact]) -> None:
    """The written file reads as the old one with only these dates changed, and is valid."""
    parsed, document, problems = read_file(written, edit.model, edit.name)
    errors = [problem for problem in problems if problem.severity == "error"]
    if parsed is not None and document is not None:
        for loc, value in walk(parsed):
            if isinstance(value, Sourced):
                errors += [
                    document.problem((*loc, found.field), found.message)
                    for found in judge(value, edit.today, strict=False)
                    if found.severity == "error"
                ]
    if parsed is None or document is None or errors:
        raise Invalid(errors)
    expected = _with_dates(edit.before.data, [fact.loc for fact in facts], edit.on.isoformat())
    if document.data != expected:  # never seen: the edit touched more than the dates
        raise Invalid([Problem(edit.name, 1, 1, "the edit changed more than the checked dates")])


def _with_dates(data: Any, locs: list[Loc], value: str) -> Any:
    """A copy of the file's data with `checked` set to `value` at each fact's path."""
    if not locs:
        return data
    if isinstance(data, dict):
        here = [loc for loc in locs if not loc]
        copy = {
            key: _with_dates(item, [loc[1:] for loc in locs if loc and loc[0] == key], value)
            for key, item in data.items()
        }
        if here:
            copy["checked"] = value
        return copy
    if isinstance(data, list):
        return [
            _with_dates(item, [loc[1:] for loc in locs if loc and loc[0] == index], value)
            for index, item in enumerate(data)
        ]
    return data
