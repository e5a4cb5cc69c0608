"""Loading content: what loads, what is only a warning (broken files: test_broken_content.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.content.loader import load_content
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


def test_a_mission_may_be_in_any_country_but_its_region_needs_a_host_file(
    content_dir: Path,
) -> None:
    replace_in(content_dir / "origins" / "PH" / "missions.yaml", "host: AE", "host: QA")
    errors = errors_for(content_dir)
    assert any("missions.yaml:6:" in e and "need a host file hosts/QA.yaml" in e for e in errors)
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
