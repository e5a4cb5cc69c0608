"""The docs match the code: CI runs the README's test command; every setting is documented."""

from __future__ import annotations

import re

from bot.config import Settings, allowed_range
from tests.conftest import ROOT


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv[^\n]*pytest[^\n]*)\n```", readme)
    assert commands, "README has no test command"
    assert commands[0] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in Settings.model_fields:
        assert f"`{name.upper()}`" in readme, name


def test_every_numeric_setting_has_a_range_and_the_readme_states_it() -> None:
    rows = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    for name, field in Settings.model_fields.items():
        accepted = allowed_range(field)
        if field.annotation in {int, float}:
            row = next(
                line for line in rows if line.startswith("|") and f"`{name.upper()}`" in line
            )
            assert accepted is not None and accepted in row, name
