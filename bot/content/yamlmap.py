"""YAML reading that remembers where every value stands, so errors can say file:line:column."""

from __future__ import annotations

import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or suspicious) in a content file, printed as path:line:col: message."""

    path: str
    line: int
    column: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}:{self.column}: {prefix}{self.message}"


@dataclass(frozen=True)
class YamlDocument:
    """A parsed file: its data and the node tree that knows the position of each value."""

    path: str
    data: Any
    root: Node

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


def _duplicate_keys(node: Node, path: str) -> list[Problem]:
    """PyYAML keeps the last of two equal keys silently; an editor must hear about it."""
    problems: list[Problem] = []
    if isinstance(node, MappingNode):
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode):
                if key_node.value in seen:
                    mark = key_node.start_mark
                    message = f"duplicate key '{key_node.value}' (only one may be given)"
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
    `_refuse_bombs` before anything is composed."""

    def construct_yaml_int(self, node: ScalarNode) -> int:
        digits = str(node.value).lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            raise yaml.constructor.ConstructorError(
                None, None, f"number with {len(digits)} digits is too long", node.start_mark
            )
        return int(super().construct_yaml_int(node))


def _refuse_bombs(text: str) -> None:
    """An alias bomb expands exponentially and deep nesting exhausts the stack: both are
    refused while reading the event stream, which libyaml produces without recursion."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        mark: Any = event.start_mark  # libyaml's Mark, read like PyYAML's
        if isinstance(event, yaml.AliasEvent) or (
            isinstance(event, yaml.NodeEvent) and event.anchor is not None
        ):
            message = "anchors and aliases (& and *) are not allowed"
            raise yaml.composer.ComposerError(None, None, message, mark)
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                message = f"nested more than {MAX_DEPTH} levels deep"
                raise yaml.composer.ComposerError(None, None, message, mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


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
        _refuse_bombs(text)
        loader = _ContentLoader(text)
    except yaml.reader.ReaderError as error:  # a character YAML refuses, found before parsing
        line = text[: error.position].count("\n") + 1
        column = error.position - (text.rfind("\n", 0, error.position) + 1) + 1
        return None, [Problem(shown_as, line, column, f"YAML syntax: {plain(error.reason)}")]
    except yaml.MarkedYAMLError as error:
        return None, [_syntax(shown_as, error)]
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Problem(shown_as, 1, 1, "file is empty")]
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax(shown_as, error)]
    except yaml.YAMLError as error:
        return None, [Problem(shown_as, 1, 1, f"YAML syntax: {plain(str(error))}")]
    finally:
        loader.dispose()
    return YamlDocument(shown_as, data, root), _duplicate_keys(root, shown_as)
