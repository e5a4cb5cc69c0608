"""YAML reading that remembers where every value stands, so errors can say file:line:column."""

from __future__ import annotations

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


def read_yaml(file: Path, shown_as: str) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse one file; syntax errors become Problems with the parser's own position."""
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(shown_as, 1, 1, f"cannot read file: {error}")]
    loader = yaml.SafeLoader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return None, [Problem(shown_as, 1, 1, "file is empty")]
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = error.problem or "invalid YAML"
        return None, [Problem(shown_as, line, column, f"YAML syntax: {reason}")]
    finally:
        loader.dispose()
    return YamlDocument(shown_as, data, root), _duplicate_keys(root, shown_as)
