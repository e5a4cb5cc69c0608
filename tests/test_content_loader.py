"""Loading content: what loads, what is only a warning (broken files: test_broken_content.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from bot.content import apart
from bot.content.live import load_content_apart
from bot.content.loader import load_content
from bot.content.yamlmap import _ContentLoader, _duplicate_keys, _syntax, read_yaml
from tests.conftest import FIXTURE_CONTENT


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, target)
    return target


def errors_for(root: Path) -> list[str]:
    result = load_content(root)
    assert result.content is None
    return [str(problem) for problem in result.errors]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_fixture_content_loads_without_errors() -> None:
    assert load_content(FIXTURE_CONTENT).errors == []


def test_a_mission_may_be_in_any_country_and_its_region_is_one_of_that_country(
    content_dir: Path,
) -> None:
    """Without a host file a mission's region is an ISO 3166-2 id (qa-da), not the UAE's."""
    replace_in(content_dir / "origins" / "PH" / "missions.yaml", "host: AE", "host: QA")
    errors = errors_for(content_dir)
    wrong = "region 'abu-dhabi' is not in ISO 3166-2 for QA"
    assert any("missions.yaml:6:" in e and wrong in e for e in errors)
    assert any("+971 2 639 0006 is a number of AE, not QA" in e for e in errors)  # still checked


def test_stale_and_long_steps_are_warnings_not_errors(content_dir: Path) -> None:
    replace_in(
        content_dir / "hosts" / "KW.yaml",
        "as_of: 2025-12, checked: 2026-01-10",
        "as_of: 2019, checked: 2020-01-10",
    )
    long_step = " ".join(["word"] * 30)
    replace_in(
        content_dir / "origins" / "PH" / "plans" / "fire.yaml",
        "Get out now. Do not use the lift.",
        long_step,
    )
    result = load_content(content_dir)
    assert result.content is not None
    warnings = [str(w) for w in result.warnings]
    assert any("hosts/KW.yaml:4:" in w and "checked 2020-01-10" in w for w in warnings)
    assert any("fire.yaml:" in w and "30 words" in w for w in warnings)


def test_missing_translation_is_a_warning(content_dir: Path) -> None:
    result = load_content(content_dir)
    assert any(
        "money-home.yaml" in str(w) and "missing translation: fil" in str(w)
        for w in result.warnings
    )


def test_real_content_has_no_errors() -> None:
    result = load_content(Path(__file__).resolve().parent.parent / "content")
    assert [str(e) for e in result.errors] == []


Loc = tuple[str | int, ...]
Position = tuple[int, int]

# YAML is read in one pass over libyaml's events, which also builds the data when PyYAML's
# constructor would do nothing else (bot/content/yamlmap.py); anything else goes to PyYAML's
# own composer and constructor. Either way the data, the duplicate keys and every position
# must be what PyYAML's composer and constructor give.
ONE_PASS = {
    "maps, lists, flow": "a: 1\nb: x\nc: {d: [1, {e: f}], g: h}\nk:\n- 1\n- - 2\n  - 3\n",
    "scalars": "a: [yes, No, on, OFF, ~, null, '', \"1\", 'yes', 2026-01-01, 2026-13-45]\n",
    "numbers": "a: [0, -1, +3, 012, 0x1F, 0b101, 1_000, 1:30, .inf, -.Inf, 1e3, 1_0.5, 1e400]\n",
    "block text": "a: |\n  line 1\n  line 2\nb: >\n  folded\n  text\n",
    "keys given twice": "a: 1\na: 2\n'a': 3\nb: {c: 1, c: 2}\nd: [{e: 1, e: 3}]\n",
    "empty values": "a:\nb:\n- \n- ''\n",
    "root scalar": "hello\n",
    "root list": "- a\n- b: 1\n",
    "empty document": "---\n",
    "merge key": "c:\n  <<: {y: 2}\n  z: 3\n",
    "tags": "a: !!str 1\nb: !!int '3'\nc: !!set {x}\nd: ! 12\ne: !!binary aGk=\n",
    "keys that are not text": "1: a\n'1': b\nyes: c\n~: d\n1.5: e\n? [f]\n: g\n",
    "a long number": "a: 12345678901234567890123\nb: [99999999999999999999999]\n",
    "two documents": "a: 1\n---\nb: 2\n",
}


def _typed(value: object) -> object:
    """The value with the type of everything in it, to compare 1 with 1.0 and True apart."""
    if isinstance(value, dict):
        return [(_typed(key), _typed(item)) for key, item in value.items()]
    if isinstance(value, list):
        return [_typed(item) for item in value]
    return type(value).__name__, repr(value)


def _positions(node: Node, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[Loc, Position]]:
    """Each path in PyYAML's node tree (the first of keys given twice) and its position."""
    yield loc, (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, SequenceNode):
        for index, item in enumerate(node.value):
            yield from _positions(item, (*loc, index))
    elif isinstance(node, MappingNode):
        seen = set()
        for key, item in node.value:
            if isinstance(key, ScalarNode) and key.value not in seen:
                seen.add(key.value)
                yield from _positions(item, (*loc, key.value))


@pytest.mark.parametrize("text", ONE_PASS.values(), ids=ONE_PASS.keys())
def test_yaml_read_in_one_pass_gives_what_pyyaml_gives(tmp_path: Path, text: str) -> None:
    file = tmp_path / "file.yaml"
    file.write_text(text, encoding="utf-8")
    document, problems = read_yaml(file, "file.yaml")
    loader = _ContentLoader(text)
    try:
        root = loader.get_single_node()
        expected = loader.construct_document(root)
    except yaml.MarkedYAMLError as error:
        assert document is None
        assert problems == [_syntax("file.yaml", error)]
        return
    finally:
        loader.dispose()
    assert document is not None
    assert _typed(document.data) == _typed(expected)
    assert problems == _duplicate_keys(root, "file.yaml")
    for loc, position in _positions(root):
        assert document.where(loc) == position, loc


def test_walk_visits_every_value_depth_first_in_field_order() -> None:
    """check_content's walks have no recursion (they are hot); they must give what the plain
    recursive walk gives, in the same order (the first place a translation is missing), and
    `models` only its models."""
    from pydantic import BaseModel, RootModel

    from bot.content.walk import models, walk

    def recursive(value: object, loc: Loc = ()) -> Iterator[tuple[Loc, object]]:
        yield loc, value
        if isinstance(value, RootModel):
            yield from recursive(value.root, loc)
        elif isinstance(value, BaseModel):
            for name in type(value).model_fields:
                yield from recursive(getattr(value, name), (*loc, name))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                yield from recursive(item, (*loc, index))
        elif isinstance(value, dict):
            for key, item in value.items():
                yield from recursive(item, (*loc, key))

    content = load_content(Path(__file__).resolve().parent.parent / "content").content
    assert content is not None
    walked = list(walk(content))
    assert len(walked) > 1000
    assert walked == list(recursive(content))
    found = [(loc, id(value)) for loc, value in models(content)]
    assert found == [(loc, id(value)) for loc, value in walked if isinstance(value, BaseModel)]


def test_loading_turns_the_cycle_collector_back_on(tmp_path: Path) -> None:
    import gc

    assert gc.isenabled()
    assert load_content(FIXTURE_CONTENT).content is not None
    assert load_content(tmp_path / "missing").content is None
    assert gc.isenabled()
    gc.disable()
    try:
        load_content(FIXTURE_CONTENT)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_content_read_apart_is_the_content_read_here_and_its_problems(content_dir: Path) -> None:
    here, apart = load_content(FIXTURE_CONTENT), load_content_apart(FIXTURE_CONTENT)
    assert apart.content == here.content
    (content_dir / "hosts" / "AE.yaml").write_text("code: AE\nname: [", encoding="utf-8")
    broken = load_content_apart(content_dir)
    assert broken.content is None
    assert [str(p) for p in broken.errors] == [str(p) for p in load_content(content_dir).errors]


def test_content_is_read_here_when_no_process_can_be_started(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise OSError("Resource temporarily unavailable")

    monkeypatch.setattr(apart, "ProcessPoolExecutor", refused)
    result = load_content_apart(FIXTURE_CONTENT)
    assert result.content == load_content(FIXTURE_CONTENT).content
    assert "no process of its own" in caplog.text
