"""YAML reading that remembers where every value stands, so errors can say file:line:column."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.content.problems import Problem


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its data, and the node tree that knows the position of each value."""

    path: str
    data: Any
    text: str = field(repr=False)
    composed: Node | None = field(default=None, repr=False, compare=False)
    """The node tree when reading needed it; else `root` composes it from `text`."""

    @cached_property
    def root(self) -> Node:
        """Composed on the first question about a position (most files have no problem to
        point at): the text was read once already, without aliases or deep nesting."""
        if self.composed is not None:
            return self.composed
        loader = _PositionLoader(self.text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        if node is None:  # it had one document when it was read
            raise ValueError(f"{self.path}: no document")
        return node

    def where(self, loc: tuple[str | int, ...]) -> tuple[int, int]:
        """Line and column (1-based) of the deepest node along `loc` that exists."""
        node = self.root
        for key in loc:
            child = _child(node, key)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1, node.start_mark.column + 1

    def node(self, loc: tuple[str | int, ...]) -> Node | None:
        """The node at exactly `loc`, or None (`python -m bot checked` edits by position)."""
        node: Node | None = self.root
        for key in loc:
            node = None if node is None else _child(node, key)
        return node

    def problem(
        self, loc: tuple[str | int, ...], message: str, severity: str = "error"
    ) -> Problem:
        line, column = self.where(loc)
        return Problem(self.path, line, column, message, severity)


def _child(node: Node, key: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == str(key):
                found: Node = value_node
                return found
    if isinstance(node, SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        child: Node = node.value[key]
        return child
    return None


def _duplicate(key: str) -> str:
    return f"duplicate key '{key}' (only one may be given)"


def _duplicate_keys(node: Node, path: str) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; an editor must hear about it."""
    problems: list[Problem] = []
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    mark = key_node.start_mark
                    message = _duplicate(key_node.value)
                    problems.append(Problem(path, mark.line + 1, mark.column + 1, message))
                seen.add(key_node.value)
            problems += _duplicate_keys(value_node, path)
    elif isinstance(node, SequenceNode):
        for item in node.value:
            problems += _duplicate_keys(item, path)
    return problems


MAX_FILE_BYTES = 512 * 1024
"""Content files are a few kilobytes; anything this big is a mistake, refused before parsing."""
MAX_DEPTH = 24
MAX_INT_DIGITS = 18

PLAIN_WORDS = (
    ("found character '\\t'", "tab character: indent with spaces, not tabs"),
    ("found a tab character", "tab character: indent with spaces, not tabs"),
    ("control characters are not allowed", "invisible control character: delete it"),
    (
        "mapping values are not allowed",
        "text containing ': ' must be quoted (\"...\"), or this line is indented too far",
    ),
    ("expected ',' or '}'", "text containing ':' or ',' inside { } must be quoted (\"...\")"),
    ("did not find expected key", "indentation does not line up with the lines above"),
    ("expected <block end>", "indentation does not line up with the lines above"),
    ("could not find expected ':'", "a key is missing its ':' (or text needs quotes)"),
    ("found unexpected end of stream", "a quote or bracket is never closed"),
    ("did not find expected ',' or ']'", "a [ is never closed, or text inside [ ] needs quotes"),
    ("found undefined alias", "'*' starts an alias: put text starting with * in quotes"),
    ("special characters are not allowed", "invisible control character: delete it"),
    ("found unknown escape character", "backslash in double quotes: write \\\\ or use '...'"),
)


class _ContentLoader(yaml.CSafeLoader):
    """libyaml's parser (fast) with the safe constructor; dates stay text (pydantic checks them
    and names the field) and numbers are bounded. Anchors, aliases and nesting are refused by
    `_read_events` before anything is composed."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = str(node.value).lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"number with {len(digits)} digits is too long", node.start_mark
            )
        return int(super().construct_yaml_int(node))


class _PositionLoader(yaml.CSafeLoader):
    """Composes the node tree only for its positions and keys: no tag is resolved (the data was
    constructed already), which takes about a third off composing."""

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        return ""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _refuse(event: Any, message: str) -> None:
    mark: Any = event.start_mark  # libyaml's Mark, read like PyYAML's
    raise yaml.composer.ComposerError(None, None, message, mark)


_NO_KEY = object()
_STR = "tag:yaml.org,2002:str"
_SIMPLE = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}


class _Different(Exception):
    """The file needs PyYAML's own composer and constructor."""


class _Events:
    """One pass over a file's event stream (libyaml makes it without recursion): anchors and
    aliases are refused (an alias bomb expands exponentially), so is nesting deeper than
    MAX_DEPTH (it would exhaust the stack), and keys given twice are noted. The data is built
    on the way when the file needs nothing PyYAML's constructor would do otherwise: maps and
    lists, keys that are text, scalars the resolver makes text, numbers, booleans or null, no
    tags, one document. Else `simple` is False and the file is composed and constructed as
    PyYAML does."""

    def __init__(self, loader: _ContentLoader) -> None:
        self.loader = loader
        self.resolve: Any = loader.resolve
        resolvers = loader.yaml_implicit_resolvers
        self.guessed = {first for first in resolvers if first}  # first characters resolved
        self.every = None in resolvers
        self.data: Any = None
        self.duplicates: list[tuple[str, Any]] = []  # each key given again, with its mark
        self.documents = 0
        self.simple = True
        self.depth = 0
        self.containers: list[Any] = []  # the maps and lists being filled, innermost last
        self.keys: list[Any] = []  # per container: a map's key waiting for its value,
        # _NO_KEY when a key comes next, None for a list
        self.seen: list[set[str]] = []  # per map: its keys so far

    def read(self) -> None:
        get = self.loader.get_event
        while True:
            event: Any = get()
            kind = type(event)
            if kind is ScalarEvent:
                if event.anchor is not None:
                    _refuse(event, "anchors and aliases (& and *) are not allowed")
                if self.simple:
                    try:
                        self.scalar(event)
                    except Exception:  # PyYAML's own path raises it, in its own order
                        self.simple = False
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor is not None:
                    _refuse(event, "anchors and aliases (& and *) are not allowed")
                self.depth += 1
                if self.depth > MAX_DEPTH:
                    _refuse(event, f"nested more than {MAX_DEPTH} levels deep")
                if self.simple:
                    self.start(event, {} if kind is MappingStartEvent else [])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.depth -= 1
                if self.simple:
                    self.containers.pop()
                    if self.keys.pop() is not None:
                        self.seen.pop()
            elif kind is AliasEvent:
                _refuse(event, "anchors and aliases (& and *) are not allowed")
            elif kind is DocumentStartEvent:
                self.documents += 1
                self.simple = self.simple and self.documents == 1
            elif kind is StreamEndEvent:
                return

    def scalar(self, event: Any) -> None:
        value: Any = event.value
        tag = event.tag
        if tag is None and not (
            event.implicit[0] and (self.every or not value or value[0] in self.guessed)
        ):
            tag = _STR  # what the resolver says of a quoted scalar or one it cannot guess
        elif tag is None:
            tag = self.resolve(ScalarNode, value, event.implicit)
            if tag not in _SIMPLE:
                raise _Different
            if tag != _STR:
                node = ScalarNode(tag, value, event.start_mark, event.end_mark)
                value = self.loader.yaml_constructors[tag](self.loader, node)
        else:
            raise _Different
        keys = self.keys
        if not keys:
            self.data = value
        elif keys[-1] is None:
            self.containers[-1].append(value)
        elif keys[-1] is _NO_KEY:
            if tag != _STR:
                raise _Different
            if value in self.seen[-1]:
                self.duplicates.append((value, event.start_mark))
            self.seen[-1].add(value)
            keys[-1] = value
        else:
            self.containers[-1][keys[-1]] = value
            keys[-1] = _NO_KEY

    def start(self, event: Any, container: dict[str, Any] | list[Any]) -> None:
        keys = self.keys
        if event.tag is not None or (keys and keys[-1] is _NO_KEY):
            self.simple = False  # a tag, or a map or list as a key
            return
        if not keys:
            self.data = container
        elif keys[-1] is None:
            self.containers[-1].append(container)
        else:
            self.containers[-1][keys[-1]] = container
            keys[-1] = _NO_KEY
        self.containers.append(container)
        if isinstance(container, dict):
            keys.append(_NO_KEY)
            self.seen.append(set())
        else:
            keys.append(None)


def _read_events(text: str) -> _Events:
    loader = _ContentLoader(text)
    try:
        events = _Events(loader)
        events.read()
    finally:
        loader.dispose()
    return events


_ContentLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
_ContentLoader.add_constructor("tag:yaml.org,2002:int", _ContentLoader.construct_yaml_int)


def plain(reason: str) -> str:
    """The parser's wording, replaced by the words an editor needs for the common mistakes."""
    for fragment, words in PLAIN_WORDS:
        if fragment in reason:
            return words
    return reason


def _text(file: Path, shown_as: str) -> tuple[str | None, Problem | None]:
    try:
        info = file.stat()
    except OSError as error:
        return None, Problem(shown_as, 1, 1, f"cannot read file: {error.strerror}")
    if not stat.S_ISREG(info.st_mode):
        return None, Problem(shown_as, 1, 1, "not a regular file (a folder, pipe or device)")
    if info.st_size > MAX_FILE_BYTES:
        message = f"file is {info.st_size:,} bytes; content files must be under {MAX_FILE_BYTES:,}"
        return None, Problem(shown_as, 1, 1, message)
    try:
        raw = file.read_bytes()[: MAX_FILE_BYTES + 1]
    except OSError as error:
        return None, Problem(shown_as, 1, 1, f"cannot read file: {error.strerror}")
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"not UTF-8 text (byte {error.start}): save the file as UTF-8"
        return None, Problem(shown_as, line, 1, message)


def _syntax(shown_as: str, error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return Problem(
        shown_as, line, column, f"YAML syntax: {plain(error.problem or 'invalid YAML')}"
    )


def read_yaml(file: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file; every failure becomes a Problem at the parser's position."""
    text, failure = _text(file, shown_as)
    if text is None:
        return None, [failure] if failure else []
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [Problem(shown_as, line, 1, "NUL character in the file: delete it")]
    try:
        events = _read_events(text)
    except yaml.reader.ReaderError as error:  # a character YAML refuses, found before parsing
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [Problem(shown_as, line, column, f"YAML syntax: {plain(error.reason)}")]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax(shown_as, error)]
    if not events.documents:
        return None, [Problem(shown_as, 1, 1, "file is empty")]
    if events.simple:
        problems = [
            Problem(shown_as, mark.line + 1, mark.column + 1, _duplicate(key))
            for key, mark in events.duplicates
        ]
        return YamlDocument(shown_as, events.data, text), problems
    loader = _ContentLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Problem(shown_as, 1, 1, "file is empty")]
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax(shown_as, error)]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, 1, f"YAML syntax: {plain(str(error))}")]
    except (ValueError, OverflowError):  # PyYAML reads `0b_` as a number and cannot
        return None, [_unreadable_scalar(shown_as, root)]
    finally:
        loader.dispose()
    return YamlDocument(shown_as, data, text, root), _duplicate_keys(root, shown_as)


def _unreadable_scalar(shown_as: str, root: yaml.Node | None) -> Problem:
    """The value PyYAML took for a number and could not read, at its line."""
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.ScalarNode):
            probe = yaml.SafeLoader("")
            try:
                probe.construct_object(node)
            except (ValueError, OverflowError):
                mark = node.start_mark
                message = f"'{node.value}' looks like a number but is not one: put it in quotes"
                return Problem(shown_as, mark.line + 1, mark.column + 1, message)
            finally:
                probe.dispose()
        elif isinstance(node, yaml.MappingNode):
            stack += [part for pair in reversed(node.value) for part in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)
    return Problem(shown_as, 1, 1, "a value looks like a number but is not one: put it in quotes")
