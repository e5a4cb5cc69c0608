"""The field reference in docs/FIELDS.md, generated from the model so the two never disagree."""

from __future__ import annotations

import inspect
import types
import typing
from typing import Any, Literal

from pydantic import BaseModel

from bot.content.model import Host, Lexicon, MissionsFile, Origin, Plan, Text, Topic
from bot.languages import languages

FILES: tuple[tuple[str, type[BaseModel]], ...] = (
    ("content/hosts/XX.yaml", Host),
    ("content/origins/XX/origin.yaml", Origin),
    ("content/origins/XX/missions.yaml", MissionsFile),
    ("content/origins/XX/plans/ID.yaml", Plan),
    ("content/origins/XX/topics/ID.yaml", Topic),
    ("content/lexicon/ID.yaml", Lexicon),
)


def _type_name(annotation: Any, nested: list[type[BaseModel]]) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        return _type_name(args[0], nested)
    if origin is Literal:
        return " \\| ".join(f"`{value}`" for value in args)
    if origin in (typing.Union, types.UnionType):
        names = [_type_name(arg, nested) for arg in args if arg is not type(None)]
        return " \\| ".join(names)
    if origin is list:
        return f"list of {_type_name(args[0], nested)}"
    if origin is dict:
        return f"map of {_type_name(args[0], nested)} to {_type_name(args[1], nested)}"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in nested:
            nested.append(annotation)
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return getattr(annotation, "__name__", str(annotation))


def _table(model: type[BaseModel], nested: list[type[BaseModel]]) -> list[str]:
    if issubclass(model, Text):
        codes = ", ".join(f"`{code}`" for code in languages().known)
        return [f"Keys (languages): {codes}. Values: the text in that language."]
    lines = ["| field | type | required | meaning |", "| --- | --- | --- | --- |"]
    for name, info in model.model_fields.items():
        kind = _type_name(info.annotation, nested)
        required = "yes" if info.is_required() else "no"
        meaning = (info.description or "").replace("|", "\\|")
        lines.append(f"| `{name}` | {kind} | {required} | {meaning} |")
    return lines


def fields_markdown() -> str:
    out = [
        "# Content fields",
        "",
        "Generated from `bot/content/model.py` by `python -m bot schema`; do not edit by hand.",
        "",
    ]
    nested: list[type[BaseModel]] = []
    for path, model in FILES:
        out += [f"## `{path}`: {model.__name__}", "", inspect.cleandoc(model.__doc__ or ""), ""]
        out += [*_table(model, nested), ""]
    done: set[type[BaseModel]] = {model for _, model in FILES}
    while nested:
        model = nested.pop(0)
        if model in done:
            continue
        done.add(model)
        out += [f"### {model.__name__}", "", inspect.cleandoc(model.__doc__ or ""), ""]
        out += [*_table(model, nested), ""]
    return "\n".join(out).rstrip() + "\n"
