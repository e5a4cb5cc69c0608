"""Storage: migrations, the three choices under a keyed hash, forgetting, nothing in plain text."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.screens.admin import Draft
from bot.state import UserState
from bot.storage.errors import KeyMismatchError
from bot.storage.migrations import MIGRATIONS
from bot.storage.repository import Store

SECRET = b"s" * 32
TELEGRAM_ID = 987654321


async def test_migrations_bring_a_new_database_to_the_latest_version(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        assert await store.schema_version() == len(MIGRATIONS)
    async with Store(tmp_path / "db.sqlite", SECRET) as store:  # idempotent on reopen
        assert await store.schema_version() == len(MIGRATIONS)


async def test_state_round_trip_and_forget(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        assert await store.load_state(TELEGRAM_ID) is None
        await store.save_state(TELEGRAM_ID, UserState("fil", "PH", "AE"))
        await store.save_state(TELEGRAM_ID, UserState("fil", "PH", "KW"))
        assert await store.load_state(TELEGRAM_ID) == UserState("fil", "PH", "KW")
        await store.forget(TELEGRAM_ID)
        assert await store.load_state(TELEGRAM_ID) is None
        async with store.db.execute("SELECT COUNT(*) FROM user_settings") as cursor:
            assert (await cursor.fetchone()) == (0,)


async def test_another_secret_is_refused_at_open(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        await store.save_state(TELEGRAM_ID, UserState("en", "PH", "AE"))
    with pytest.raises(KeyMismatchError, match="not the key"):
        async with Store(tmp_path / "db.sqlite", b"t" * 32):
            pass


async def test_database_files_do_not_contain_the_telegram_id(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    async with Store(path, SECRET) as store:
        await store.save_state(TELEGRAM_ID, UserState("en", "PH", "AE"))
        raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())  # main file and WAL, open
    for encoding in (
        str(TELEGRAM_ID).encode(),
        TELEGRAM_ID.to_bytes(8, "big"),
        TELEGRAM_ID.to_bytes(8, "little"),
        TELEGRAM_ID.to_bytes(4, "big"),
    ):
        assert encoding not in raw


async def test_cached_state_follows_every_write(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        assert await store.load_user(TELEGRAM_ID) == (None, None)
        await store.save_state(TELEGRAM_ID, UserState("ar", "PH", "AE"))
        assert (await store.load_user(TELEGRAM_ID))[0] == UserState("ar", "PH", "AE")
        await store.registrations.save(
            TELEGRAM_ID, TELEGRAM_ID, origin="PH", host="AE", region=None, party="1", language="ar"
        )
        registration = (await store.load_user(TELEGRAM_ID))[1]
        assert registration is not None and registration.party == "1"
        await store.registrations.delete(TELEGRAM_ID)
        assert (await store.load_user(TELEGRAM_ID))[1] is None
        await store.forget(TELEGRAM_ID)
        assert await store.load_user(TELEGRAM_ID) == (None, None)


async def test_a_write_through_another_connection_is_seen_by_the_next_load(
    tmp_path: Path,
) -> None:
    async with (
        Store(tmp_path / "db.sqlite", SECRET) as bot,
        Store(tmp_path / "db.sqlite", SECRET) as other,
    ):
        assert await bot.load_user(TELEGRAM_ID) == (None, None)  # cached now
        await other.save_state(TELEGRAM_ID, UserState("ar", "PH", "AE"))
        assert (await bot.load_user(TELEGRAM_ID))[0] == UserState("ar", "PH", "AE")
        await other.registrations.save(
            TELEGRAM_ID, TELEGRAM_ID, origin="PH", host="AE", region=None, party="1", language="ar"
        )
        registration = (await bot.load_user(TELEGRAM_ID))[1]
        assert registration is not None and registration.party == "1"
        await other.forget(TELEGRAM_ID)
        assert await bot.load_user(TELEGRAM_ID) == (None, None)


async def test_a_write_drops_only_the_user_it_changed(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        await store.save_state(TELEGRAM_ID, UserState("en", "PH", "AE"))
        await store.save_state(TELEGRAM_ID + 1, UserState("ar", "PH", "AE"))
        neighbour = await store.load_user(TELEGRAM_ID + 1)
        await store.load_user(TELEGRAM_ID)
        await store.registrations.save(
            TELEGRAM_ID, TELEGRAM_ID, origin="PH", host="AE", region=None, party="1", language="en"
        )
        await store.db.execute("UPDATE user_settings SET language = 'fr'")  # behind its back
        await store.db.commit()  # on the Store's own connection: no data_version change
        assert await store.load_user(TELEGRAM_ID + 1) == neighbour  # still cached
        assert (await store.load_user(TELEGRAM_ID))[0] == UserState("fr", "PH", "AE")  # reread


async def test_a_draft_survives_a_restart_and_is_dropped_after_a_day(tmp_path: Path) -> None:
    now = [1_800_000_000.0]
    draft = Draft("PH", "AE", ("dubai",), "urgent", True, {"en": "Flooding."}, "fil")

    def open_store() -> Store:
        return Store(tmp_path / "db.sqlite", SECRET, clock=lambda: now[0])

    async with open_store() as store:
        await store.drafts.put(TELEGRAM_ID, draft.to_record())
    async with open_store() as store:
        assert Draft.from_record(await store.drafts.get(TELEGRAM_ID)) == draft
        assert await store.drafts.get(TELEGRAM_ID + 1) is None  # another staff member's
        now[0] += 24 * 3600 + 1
        assert await store.drafts.get(TELEGRAM_ID) is None


async def test_forget_drops_her_draft_too(tmp_path: Path) -> None:
    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        await store.drafts.put(TELEGRAM_ID, Draft("PH").to_record())
        await store.forget(TELEGRAM_ID)
        assert await store.drafts.get(TELEGRAM_ID) is None


async def test_reads_and_commits_of_many_tasks_on_one_connection_never_collide(
    tmp_path: Path,
) -> None:
    """Tasks share one connection: a commit made while another task's SELECT was between its
    awaits failed with "cannot commit transaction - SQL statements in progress" (found by
    tests/test_fuzz.py: the startup upkeep and a /forget at once). Reads now finish in one
    step, so hundreds of interleaved reads and commits all succeed."""
    import asyncio

    async with Store(tmp_path / "db.sqlite", SECRET) as store:
        people = range(1, 61)
        for person in people:
            await store.registrations.save(
                person, person, origin="PH", host="AE", region=None, party="1", language="en"
            )

        async def churn(person: int) -> None:
            await store.save_state(person, UserState("en", "PH", "AE"))
            await store.registrations.counts()
            await store.usage.counts(date(2026, 1, 1))
            await store.load_user(person)
            await store.forget(person)

        results = await asyncio.gather(
            *(churn(person) for person in people),
            *(store.registrations.due_reminders() for _ in range(20)),
            *(store.alerts.summaries() for _ in range(20)),
            return_exceptions=True,
        )
        assert [r for r in results if isinstance(r, BaseException)] == []
        assert await store.registrations.counts() == []
