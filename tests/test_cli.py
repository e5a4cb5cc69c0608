"""The command line: validate, export, schema, and clear refusals on bad settings (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from bot.__main__ import SCHEMAS, main
from tests.conftest import CLEAN_ENV, FIXTURE_CONTENT, ROOT, bot_exit
from tests.fakebotapi import FakeBotApi


def run(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**CLEAN_ENV, **env},
        timeout=60,
        check=False,
    )


def test_validate_prints_counts_on_success(capsys: pytest.CaptureFixture[str]) -> None:
    # In-process, on the day the fixture's facts were checked: they are not re-checked, and
    # validate would fail on them a year later (tests/test_freshness.py).
    assert main(["validate", str(FIXTURE_CONTENT)], lambda: date(2026, 1, 10)) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("OK: 1 origins, 2 hosts, 2 missions, 2 plans, 1 topics")
    assert "fil 1 reviewed/2 unreviewed" in printed


def test_validate_fails_with_file_and_line(tmp_path: Path) -> None:
    import shutil

    broken = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, broken)
    host = broken / "hosts" / "KW.yaml"
    host.write_text(host.read_text().replace('number: "112"', 'number: "11a2"'))
    result = run("validate", str(broken))
    assert result.returncode == 1
    assert "hosts/KW.yaml:4:" in result.stderr
    assert "emergency number 1, number: must be digits only" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_prints_all_content_as_json() -> None:
    result = run("export", str(FIXTURE_CONTENT))
    data = json.loads(result.stdout)
    assert data["hosts"]["AE"]["emergency"][0]["number"] == "999"


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({}, "TELEGRAM_BOT_TOKEN is not set"),
        (
            {"TELEGRAM_BOT_TOKEN": "not-a-token"},
            "TELEGRAM_BOT_TOKEN: does not look like a bot token",
        ),
        ({"TELEGRAM_BOT_TOKEN": "123456:" + "a" * 35}, "BOT_SECRET_KEY is not set"),
        (
            {"TELEGRAM_BOT_TOKEN": "123456:" + "a" * 35 + "\n"},
            "TELEGRAM_BOT_TOKEN: has a space or line break around it",
        ),
        (
            {"TELEGRAM_BOT_TOKEN": "123456:" + "a" * 35, "BOT_SECRET_KEY": "short"},
            "BOT_SECRET_KEY: must be at least 32 characters",
        ),
        ({"BOT_ADMIN_IDS": "12,abc"}, "BOT_ADMIN_IDS: 'abc' is not an id"),
        ({"TELEGRAM_API_URL": "localhost:8081"}, "TELEGRAM_API_URL: must be a URL"),
        (
            {"TELEGRAM_API_URL": "http://127.0.0.1:8081"},
            "TELEGRAM_API_URL: must be a URL ending in /bot",
        ),
        (
            {"BOT_ROLLCALL_REMINDER_MINUTES": "1000000000"},
            "BOT_ROLLCALL_REMINDER_MINUTES: must be a whole number from 1 to 10080, not 10000"
            "00000",
        ),
        (
            {"BOT_BROADCAST_RATE": "nan"},
            "BOT_BROADCAST_RATE: must be a number above 0 and at most 30, not nan",
        ),
        ({"BOT_FLOOD_BURST": "0"}, "BOT_FLOOD_BURST: must be a whole number from 1 to 10000"),
        (
            {"BOT_FLOOD_PER_SECOND": "inf"},
            "BOT_FLOOD_PER_SECOND: must be a number above 0 and at most 100, not inf",
        ),
    ],
)
def test_bad_settings_give_one_clear_sentence_and_exit_2(
    env: dict[str, str], message: str
) -> None:
    result = run("run", **env)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_run_refuses_invalid_content(tmp_path: Path) -> None:
    (tmp_path / "hosts").mkdir()
    (tmp_path / "hosts" / "AE.yaml").write_text("code: AE\nmain: [\n")
    result = run(
        "run",
        TELEGRAM_BOT_TOKEN="123456:" + "a" * 35,
        BOT_SECRET_KEY="k" * 32,
        BOT_CONTENT_DIR=str(tmp_path),
    )
    assert result.returncode == 1
    assert "hosts/AE.yaml:" in result.stderr and "YAML syntax" in result.stderr


def test_committed_json_schemas_match_the_model(tmp_path: Path) -> None:
    docs = tmp_path / "FIELDS.md"
    assert run("schema", "--out", str(tmp_path), "--docs", str(docs)).returncode == 0
    assert docs.read_text() == (ROOT / "docs" / "FIELDS.md").read_text(), (
        "run python -m bot schema"
    )
    for name in SCHEMAS:
        generated = (tmp_path / f"{name}.schema.json").read_text()
        committed = (ROOT / "schema" / f"{name}.schema.json").read_text()
        assert generated == committed, "run `python -m bot schema` and commit schema/"


def test_help_lists_every_command() -> None:
    result = run("--help")
    for command in ("start", "run", "shell", "validate", "checked", "export", "schema"):
        assert command in result.stdout


def test_alert_and_stats_commands(tmp_path: Path) -> None:
    import asyncio

    from bot.storage.repository import Store
    from tests.conftest import SECRET

    database = tmp_path / "bot.sqlite"

    async def register() -> None:
        async with Store(database, SECRET.encode()) as store:
            for n in range(7):
                await store.registrations.save(
                    900 + n,
                    900 + n,
                    origin="PH",
                    host="AE",
                    region="dubai" if n < 6 else "abu-dhabi",
                    party="1",
                    language="en",
                )

    asyncio.run(register())
    alert = tmp_path / "alert.yaml"
    alert.write_text(
        "severity: warning\nrollcall: true\ntext:\n  en: Stay inside.\n  fil: Manatili.\n"
    )
    env = {
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(database),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
    }
    sent = run(
        "alert",
        "--origin",
        "PH",
        "--host",
        "AE",
        "--region",
        "dubai",
        "--file",
        str(alert),
        "--yes",
        "--no-wait",
        **env,
    )
    assert sent.returncode == 0, sent.stderr
    assert "Stay inside." in sent.stdout and "Manatili." in sent.stdout
    assert "Alert #1 queued for 6 recipients" in sent.stdout
    stats = run("stats", **env)
    assert stats.returncode == 0, stats.stderr
    assert "PH → AE · Dubai: 6" in stats.stdout
    assert "PH → AE · Abu Dhabi: < 5" in stats.stdout
    assert "recipients 6 · sent 0 · failed 0 · blocked 0 · still to send 6" in stats.stdout
    assert "“Stay inside.”" in stats.stdout
    bad = run(
        "alert",
        "--origin",
        "PH",
        "--host",
        "AE",
        "--region",
        "mars",
        "--file",
        str(alert),
        "--yes",
        **env,
    )
    assert bad.returncode == 2 and "Unknown region" in bad.stderr


async def test_a_token_telegram_refuses_is_one_sentence_without_the_token(
    bot_api: FakeBotApi, tmp_path: Path
) -> None:
    wrong = "654321:" + "z" * 35
    code, printed = await bot_exit(bot_api, tmp_path / "bot.sqlite", TELEGRAM_BOT_TOKEN=wrong)
    assert code == 2
    assert "Telegram refused TELEGRAM_BOT_TOKEN" in printed
    assert wrong not in printed and "z" * 35 not in printed and "Traceback" not in printed


def test_shell_refuses_an_option_that_names_no_country() -> None:
    refused = run("shell", "--host", "XX")
    assert refused.returncode == 2
    assert refused.stderr.strip() == "--host XX: not a country code (ISO 3166, e.g. PH, AE)"
