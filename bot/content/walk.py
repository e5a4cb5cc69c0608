"""Walking the content's models: every value below one with its path (`Loc`), as the checks,
the translations and the startup summary read it. Light, so the serving process has it without
the checks (bot/content/checks.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, RootModel

Loc = tuple[str | int, ...]
"""A path in the content: ("hosts", "AE"), ("origins", "PH", "missions", 3)."""


_LEAF, _ROOT, _MODEL, _LIST, _DICT = range(5)
_KINDS: dict[type, int] = {}


def _kind(cls: type) -> int:
    """What `walk` does with a value of this class, decided once per class: `isinstance` on
    pydantic's classes (an ABC metaclass) costs more than the walk itself."""
    found = _KINDS.get(cls)
    if found is None:
        found = _KINDS[cls] = (
            _ROOT
            if issubclass(cls, RootModel)
            else _MODEL
            if issubclass(cls, BaseModel)
            else _LIST
            if issubclass(cls, list)
            else _DICT
            if issubclass(cls, dict)
            else _LEAF
        )
    return found


def walk(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, object]]:
    """Every model, list item and field value below `value`, with its path (depth first, in
    field order; without recursion, so a value is not handed up through every level)."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        here, node = stack.pop()
        yield here, node
        kind = _kind(type(node))
        if kind == _ROOT:
            stack.append((here, node.root))
        elif kind == _MODEL:
            names = list(type(node).__pydantic_fields__)
            stack += [((*here, name), getattr(node, name)) for name in reversed(names)]
        elif kind == _LIST:
            stack += [((*here, index), node[index]) for index in range(len(node) - 1, -1, -1)]
        elif kind == _DICT:
            stack += [((*here, key), item) for key, item in reversed(node.items())]


def models(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, BaseModel]]:
    """The models among what `walk` gives, in its order, without a step for each text, number
    and date: the checks look only for models (facts, phones, texts)."""
    stack: list[tuple[Loc, Any]] = [(loc, value)]
    while stack:
        here, node = stack.pop()
        kind = _kind(type(node))
        if kind == _ROOT:
            yield here, node
            stack.append((here, node.root))
            continue
        if kind == _MODEL:
            yield here, node
            items = [(name, getattr(node, name)) for name in type(node).__pydantic_fields__]
        elif kind == _LIST:
            items = list(enumerate(node))
        elif kind == _DICT:
            items = list(node.items())
        else:
            continue
        for key, item in reversed(items):
            if _kind(type(item)) != _LEAF:
                stack.append(((*here, key), item))
