"""Set one language of a text in a YAML file by editing its characters: comments, key order,
quotes and layout elsewhere stay exactly as the editor wrote them (like `checked`)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

INDICATORS = "-?:,[]{}#&*!|>'\"%@`"
FLOW_INDICATORS = ",[]{}"
PRINTABLE = re.compile(r"^[^\x00-\x1f\x7f\u2028\u2029\ufeff]*$")


@dataclass(frozen=True)
class Edit:
    """Replace the characters start..end of the file's text with `text`."""

    start: int
    end: int
    text: str


def apply(source: str, edits: list[Edit]) -> str:
    """Edits from the end, so the positions of the earlier ones stay right."""
    for edit in sorted(edits, key=lambda edit: -edit.start):
        source = f"{source[: edit.start]}{edit.text}{source[edit.end :]}"
    return source


def set_language(source: str, mapping: Node, language: str, value: str) -> Edit:
    """The edit that makes the text map `mapping` say `language: value`: its value rewritten
    where the language is written, else a new key after the last one."""
    if not isinstance(mapping, MappingNode) or not mapping.value:
        raise ValueError("not a map of languages")
    flow = bool(mapping.flow_style)
    for key_node, value_node in mapping.value:
        if isinstance(key_node, ScalarNode) and key_node.value == language:
            end = _end(source, value_node)
            line_end = source.find("\n", end)
            after = source[end : len(source) if line_end < 0 else line_end]
            indent = key_node.start_mark.column + 2
            # a comment after the value would become part of a literal block
            written = scalar(value, flow, indent, not after.strip(), value_node.style)
            return Edit(value_node.start_mark.index, end, written)
    first_key = mapping.value[0][0]
    last_value = mapping.value[-1][1]
    if flow:  # {en: ..., ru: ...}: one more pair before the brace
        at = last_value.end_mark.index
        written = scalar(value, True, 0, style=last_value.style)
        return Edit(at, at, f", {language}: {written}")
    column = first_key.start_mark.column
    line_end = source.find("\n", _end(source, last_value))  # after a comment on that line
    at = len(source) if line_end < 0 else line_end
    written = scalar(value, False, column + 2, style=last_value.style)
    text = f"\n{' ' * column}{language}: {written}"
    return Edit(at, at, text)


def _end(source: str, node: Node) -> int:
    """Where a value's own characters end: a block scalar's end mark is past the blank lines
    after it, which belong to what follows."""
    start, end = node.start_mark.index, node.end_mark.index
    if isinstance(node, ScalarNode) and node.style in ("|", ">"):
        return start + len(source[start:end].rstrip())
    return int(end)


def scalar(
    value: str, flow: bool, indent: int, block: bool = True, style: str | None = None
) -> str:
    """`value` as a YAML scalar, in the `style` of the value it replaces (or of its neighbour)
    where that can hold it: quoted as it was, a literal block for several lines outside
    braces, plain when that reads back as the same text, else double-quoted."""
    printable = PRINTABLE.match(value.replace("\n", "").replace("\t", "")) is not None
    several = "\n" in value
    if style == '"' or not printable:
        return _double(value)
    if style == "'" and not several and PRINTABLE.match(value):
        return "'" + value.replace("'", "''") + "'"
    if several and block and not flow:
        lines = value.split("\n")
        return "|\n" + "\n".join(f"{' ' * indent}{line}" if line else "" for line in lines)
    if not several and _plain_reads_back(value, flow):
        return value
    return _double(value)


def _double(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON's escapes are YAML's


def _plain_reads_back(value: str, flow: bool) -> bool:
    if not value or value != value.strip() or not PRINTABLE.match(value) or "\t" in value:
        return False
    if value[0] in INDICATORS or ": " in value or " #" in value or value.endswith(":"):
        return False
    if flow and any(character in value for character in FLOW_INDICATORS):
        return False
    written = f"{{k: {value}}}" if flow else f"k: {value}\n"
    try:
        return bool(yaml.safe_load(written) == {"k": value})
    except yaml.YAMLError:
        return False
