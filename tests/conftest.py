"""Shared fixtures: content (real and fixture), translators, the fake Bot API server, the app."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest

from bot.config import load_settings
from bot.content.loader import load_content
from bot.content.model import Content
from bot.i18n import translator
from bot.screens.base import View
from bot.state import UserState
from bot.storage.repository import Store
from bot.telegram.handlers import LifelineApp
from tests.fakebotapi import FakeBotApi

os.environ.setdefault("PTB_TIMEDELTA", "1")  # as `python -m bot` does: PTB 23's behaviour
ROOT = Path(__file__).resolve().parent.parent
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"
SECRET = "test-secret-key-that-is-long-enough-0123456789"
CLEAN_ENV = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "BOT_"))}


@pytest.fixture(scope="session")
def fixture_content() -> Content:
    result = load_content(FIXTURE_CONTENT)
    assert result.content is not None, [str(p) for p in result.errors]
    return result.content


@pytest.fixture(scope="session")
def real_content() -> Content:
    result = load_content(ROOT / "content")
    assert result.content is not None, [str(p) for p in result.errors]
    return result.content


SCREEN_DAY = date(2026, 12, 1)
"""The day screens made by `make_view` judge ages by: a test does not change as the fixture's
checks (2026-01-10) or sources grow old."""


def make_view(
    content: Content, language: str = "en", origin: str | None = "PH", host: str | None = "AE"
) -> View:
    return View(content, translator(language), UserState(language, origin, host), SCREEN_DAY)


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotApi]:
    api = FakeBotApi()
    await api.start()
    yield api
    await api.stop()


@contextlib.asynccontextmanager
async def bot_running(
    api: FakeBotApi, content: Content, store: Store, rate_limit: bool = True, **settings: object
) -> AsyncIterator[LifelineApp]:
    """The real Application, long-polling the fake server over HTTP on 127.0.0.1."""
    from bot.app import build_application

    # test walks tap faster than people; the fixture folder is not edited (test_live_reload)
    settings = {"bot_flood_burst": 10_000, "bot_content_reload": False, **settings}
    config = load_settings(
        telegram_bot_token=api.token,
        telegram_api_url=api.base_url,
        bot_secret_key=SECRET,
        **settings,
    )
    app = build_application(config, content, store, rate_limit=rate_limit)
    async with app:  # run_polling() would call post_init/post_shutdown; here the test does
        assert app.post_init is not None and app.post_shutdown is not None
        await app.post_init(app)
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            yield app
        finally:  # a failing test must fail, not hang on a running application
            await app.updater.stop()
            await app.stop()
            await app.post_shutdown(app)


@pytest.fixture
async def running_bot(
    bot_api: FakeBotApi, fixture_content: Content, tmp_path: Path
) -> AsyncIterator[FakeBotApi]:
    store = Store(tmp_path / "bot.sqlite", SECRET.encode())
    async with bot_running(bot_api, fixture_content, store):
        yield bot_api


def bot_env(api: FakeBotApi, database: Path, **settings: str) -> dict[str, str]:
    """The environment of a `python -m bot run` process talking to the fake server."""
    return {
        **CLEAN_ENV,
        "TELEGRAM_BOT_TOKEN": api.token,
        "TELEGRAM_API_URL": api.base_url,
        "BOT_SECRET_KEY": SECRET,
        "BOT_DATABASE": str(database),
        "BOT_CONTENT_DIR": str(FIXTURE_CONTENT),
        **settings,
    }


async def bot_exit(
    api: FakeBotApi, database: Path, timeout: float = 30.0, **settings: str
) -> tuple[int, str]:
    """Run `python -m bot run` until it exits: (exit code, what it printed but the fixture
    content's warnings); fail if it keeps running."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=ROOT, env=bot_env(api, database, **settings),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    try:
        printed, _ = await asyncio.wait_for(process.communicate(), timeout)
    except TimeoutError:
        process.kill()
        await process.wait()
        pytest.fail(f"python -m bot run was still running after {timeout} s")
    assert process.returncode is not None
    lines = [line for line in printed.decode().splitlines() if ": warning: " not in line]
    return process.returncode, "\n".join(lines)
