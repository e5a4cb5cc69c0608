"""Broken content files: each mistake is reported with the file and line an editor must fix."""

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


def test_yaml_syntax_error_points_to_line(content_dir: Path) -> None:
    host = content_dir / "hosts" / "AE.yaml"
    replace_in(host, "main: police", "main: [police")
    [error] = errors_for(content_dir)
    assert "hosts/AE.yaml:" in error and "YAML syntax" in error


def test_unknown_field_points_to_its_line(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "AE.yaml", "main: police", "main: police\nmian: police")
    [error] = errors_for(content_dir)
    assert error.endswith(
        "hosts/AE.yaml:4:7: mian: unknown field (check the spelling; see docs/CONTENT.md)"
    )


def test_missing_verified_date_points_to_the_fact(content_dir: Path) -> None:
    missions = content_dir / "origins" / "PH" / "missions.yaml"
    replace_in(
        missions,
        '{number: "+971 4 220 7100", source: https://example.org/pcg, verified: 2026-01-10}',
        '{number: "+971 4 220 7100", source: https://example.org/pcg}',
    )
    [error] = errors_for(content_dir)
    assert "origins/PH/missions.yaml:20:9:" in error
    assert "missions.1.phones.0.verified: required field is missing" in error


def test_invalid_phone_number_is_an_error_with_line(content_dir: Path) -> None:
    replace_in(content_dir / "origins" / "PH" / "missions.yaml", "+971 2 639 0006", "+971 2 639")
    [error] = errors_for(content_dir)
    assert "origins/PH/missions.yaml:10:18: +971 2 639 is not a valid phone number" in error


def test_emergency_number_checked_against_libphonenumber(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "AE.yaml", 'number: "998"', 'number: "4455"')
    [error] = errors_for(content_dir)
    assert "hosts/AE.yaml:6:" in error and "not an emergency number in AE" in error


def test_unknown_placeholder_is_an_error(content_dir: Path) -> None:
    replace_in(content_dir / "origins" / "PH" / "plans" / "fire.yaml", "{fire}.", "{firemen}.")
    [error] = errors_for(content_dir)
    assert "plans/fire.yaml:" in error and "unknown placeholder {firemen}" in error


def test_mission_in_a_host_without_file_is_an_error(content_dir: Path) -> None:
    replace_in(content_dir / "origins" / "PH" / "missions.yaml", "host: AE", "host: QA")
    [error] = errors_for(content_dir)
    assert "missions.yaml:3:" in error and "no host file hosts/QA.yaml" in error


def test_file_name_must_match_code(content_dir: Path) -> None:
    (content_dir / "hosts" / "AE.yaml").rename(content_dir / "hosts" / "SA.yaml")
    errors = errors_for(content_dir)
    assert any("hosts/SA.yaml:2:" in e and "must match the file name 'SA'" in e for e in errors)


def test_duplicate_key_is_reported(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "AE.yaml", "main: police", "main: police\nmain: fire")
    [error] = errors_for(content_dir)
    assert "hosts/AE.yaml:4:1: duplicate key 'main'" in error


def test_replaces_must_name_a_generic_step(content_dir: Path) -> None:
    replace_in(
        content_dir / "origins" / "PH" / "plans" / "fire.yaml", "replaces: call", "replaces: cal"
    )
    [error] = errors_for(content_dir)
    assert "no generic step with id 'cal'" in error


def test_unquoted_number_is_explained(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "KW.yaml", 'number: "112"', "number: 112")
    [error] = errors_for(content_dir)
    assert "hosts/KW.yaml:4:" in error and "string" in error


def test_stale_and_long_steps_are_warnings_not_errors(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "KW.yaml", "verified: 2026-01-10", "verified: 2020-01-10")
    long_step = " ".join(["word"] * 30)
    replace_in(
        content_dir / "origins" / "PH" / "plans" / "fire.yaml",
        "Get out now. Do not use the lift.",
        long_step,
    )
    result = load_content(content_dir)
    assert result.content is not None
    warnings = [str(w) for w in result.warnings]
    assert any("hosts/KW.yaml:4:" in w and "more than 12 months ago" in w for w in warnings)
    assert any("fire.yaml:" in w and "30 words" in w for w in warnings)


def test_missing_translation_is_a_warning(content_dir: Path) -> None:
    result = load_content(content_dir)
    assert any(
        "money-home.yaml" in str(w) and "missing translation: fil" in str(w)
        for w in result.warnings
    )


def test_future_verification_date_is_an_error(content_dir: Path) -> None:
    replace_in(content_dir / "hosts" / "KW.yaml", "verified: 2026-01-10", "verified: 2999-01-10")
    [error] = errors_for(content_dir)
    assert "verified date is in the future" in error


def test_real_content_has_no_errors() -> None:
    result = load_content(Path(__file__).resolve().parent.parent / "content")
    assert [str(e) for e in result.errors] == []
