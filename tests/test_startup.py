"""A database the bot cannot use stops `python -m bot run` with one sentence and exit code 2:
no traceback, and no hang (an aiosqlite thread left open keeps the interpreter alive)."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot.storage.repository import Store
from tests.conftest import SECRET, bot_exit
from tests.fakebotapi import FakeBotApi

Prepare = Callable[[Path, contextlib.ExitStack], Awaitable[Path]]


async def registered(database: Path, people: int = 300, secret: str = SECRET) -> Path:
    """A real database with enough rows to span many pages."""
    async with Store(database, secret.encode()) as store:
        for n in range(people):
            await store.registrations.save(
                n + 1, n + 1, origin="PH", host="AE", region="dubai", party="1", language="en"
            )
    return database


async def damaged_page(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    database = await registered(tmp_path / "bot.sqlite")
    with database.open("r+b") as file:  # the store is closed: every page is in the main file
        file.seek(4096 * 3)
        file.write(bytes(range(256)) * 16)
    return database


async def not_a_database(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    database = tmp_path / "bot.sqlite"
    database.write_text("registrations: none\n" * 500)
    return database


async def folder_not_writable(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    return Path("/proc/lifeline-test.sqlite")  # not writable, not even by root


async def folder_is_a_file(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    (tmp_path / "data").write_text("")
    return tmp_path / "data" / "bot.sqlite"


async def newer_schema(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    database = await registered(tmp_path / "bot.sqlite", people=1)
    with contextlib.closing(sqlite3.connect(database)) as connection:
        connection.execute("PRAGMA user_version = 99")
    return database


async def another_key(tmp_path: Path, _: contextlib.ExitStack) -> Path:
    return await registered(tmp_path / "bot.sqlite", people=1, secret="another-" + SECRET)


async def locked_by_a_writer(tmp_path: Path, held: contextlib.ExitStack) -> Path:
    database = await registered(tmp_path / "bot.sqlite", people=1)
    writer = held.enter_context(contextlib.closing(sqlite3.connect(database)))
    writer.execute("PRAGMA locking_mode = EXCLUSIVE")
    writer.execute("BEGIN EXCLUSIVE")  # held until the test ends
    return database


CASES: list[tuple[Prepare, str]] = [
    (damaged_page, "is damaged (SQLite's integrity check failed): stop the bot, move the file "
     "aside and put the latest backup in its place."),
    (not_a_database, "is not an SQLite database: check BOT_DATABASE"),
    (folder_not_writable, "cannot be opened for writing: check that its folder exists"),
    (folder_is_a_file, "cannot be opened for writing: check that its folder exists"),
    (newer_schema, "was written by a newer Lifeline (schema 99, this program knows"),
    (another_key, "BOT_SECRET_KEY is not the key"),
    (locked_by_a_writer, "is locked by another program that is writing to it"),
]  # fmt: skip


@pytest.mark.parametrize(("prepare", "sentence"), CASES, ids=[c[0].__name__ for c in CASES])
async def test_an_unusable_database_is_one_sentence_and_exit_2(
    bot_api: FakeBotApi, tmp_path: Path, prepare: Prepare, sentence: str
) -> None:
    with contextlib.ExitStack() as held:
        database = await prepare(tmp_path, held)
        code, printed = await bot_exit(bot_api, database)
    assert len(printed.splitlines()) == 1 and printed.startswith("Database error: "), printed
    assert sentence in printed and str(database) in printed
    assert code == 2
    assert bot_api.polls == 0  # it never started polling
