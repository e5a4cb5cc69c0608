"""The Store: open, check and migrate the database; user state; the verb groups over it."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType

import aiosqlite

from bot.state import Registration, UserState
from bot.storage.alerts import Alerts
from bot.storage.crypto import Keys
from bot.storage.drafts import Drafts
from bot.storage.errors import KeyMismatchError, damaged, newer_schema, unusable
from bot.storage.lease import Holder, Leases
from bot.storage.migrations import MIGRATIONS
from bot.storage.registrations import Registrations
from bot.storage.reports import Reports
from bot.storage.sql import fetch_all, fetch_one, run
from bot.storage.trusted_date import CLOCK_JUMP_DAYS, TrustedDate
from bot.storage.usage import Usage
from bot.storage.user_cache import User, UserCache


class Store:
    """Async repository over SQLite (WAL, foreign keys, secure delete)."""

    def __init__(
        self,
        path: Path | str,
        secret: bytes,
        today: Callable[[], date] | None = None,
        *,
        clock: Callable[[], float] = time.time,
        holder: Holder | None = None,
        clock_jump_days: int = CLOCK_JUMP_DAYS,
    ) -> None:
        self._path = str(path)
        self.keys = Keys(secret)
        self._db: aiosqlite.Connection | None = None
        self.today = today or (lambda: datetime.now(UTC).date())
        trusted_date = TrustedDate(lambda: self.db, self.today, clock_jump_days)
        self.registrations = Registrations(lambda: self.db, self.keys, self.today, trusted_date)
        self.alerts = Alerts(lambda: self.db, self.keys, clock)
        self.drafts = Drafts(lambda: self.db, self.keys, clock)
        self.reports = Reports(lambda: self.db, self.keys, self.today)
        self.usage = Usage(lambda: self.db)
        self.lease = Leases(lambda: self.db, self._path, holder or Holder.this_process(), clock)
        self._users = UserCache()
        self.registrations.changed = self.alerts.changed = self._users.forget

    async def open(self) -> None:
        """Open, check and migrate; on any failure the connection is closed (its thread would
        keep the interpreter from exiting) and a StoreError says what to do."""
        try:
            await self._open()
        except BaseException as error:
            await self.close()
            if isinstance(error, sqlite3.Error | OSError):
                raise unusable(self._path, error) from error
            raise

    async def _open(self) -> None:
        if self._path != ":memory:":
            Path(self._path).parent.mkdir(parents=True, exist_ok=True)
            # aiosqlite 0.22 does not wait for its thread when connecting fails, and the thread
            # then prints a traceback into the closed event loop: fail here first instead.
            await asyncio.to_thread(lambda: sqlite3.connect(self._path).close())
        self._db = await aiosqlite.connect(self._path)
        # Each PRAGMA is read to its end (sql.py): a statement left running is finalised
        # whenever its cursor is collected, perhaps while the database thread is using it.
        await fetch_all(self._db, "PRAGMA journal_mode=WAL")
        await fetch_all(self._db, "PRAGMA foreign_keys=ON")
        await fetch_all(self._db, "PRAGMA secure_delete=ON")  # deleted rows are overwritten
        await self._check_integrity()
        await self._migrate()
        await self._check_key()

    async def close(self) -> None:
        if self._db is not None:
            try:
                await self.lease.close()
            finally:
                await self._db.close()
            self._db = None

    async def __aenter__(self) -> Store:
        await self.open()
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    @property
    def db(self) -> aiosqlite.Connection:
        if self._db is None:
            raise RuntimeError("Store is not open")
        return self._db

    async def _check_integrity(self) -> None:
        """A damaged page found now is one sentence; found later, it fails some user's tap."""
        if self._path == ":memory:":
            return
        verdict = await fetch_all(self.db, "PRAGMA quick_check")
        if [tuple(row) for row in verdict] != [("ok",)]:
            raise damaged(self._path)

    async def _migrate(self) -> None:
        current = await self.schema_version()
        if current > len(MIGRATIONS):
            raise newer_schema(self._path, current, len(MIGRATIONS))
        for number, script in enumerate(MIGRATIONS[current:], start=current + 1):
            script_run = await self.db.executescript(
                f"BEGIN; {script} PRAGMA user_version = {number}; COMMIT;"
            )
            await script_run.close()  # on the database thread (sql.py)

    async def _check_key(self) -> None:
        """Rows made with another secret can neither be found nor delivered: refuse to mix."""
        row = await fetch_one(self.db, "SELECT value FROM meta WHERE name = 'key'")
        if row is None:
            await run(
                self.db,
                "INSERT INTO meta (name, value) VALUES ('key', ?)",
                (self.keys.fingerprint(),),
            )
            await self.db.commit()
        elif bytes(row[0]) != self.keys.fingerprint():
            raise KeyMismatchError(
                f"BOT_SECRET_KEY is not the key {self._path} was created with. Use the old key, "
                "or start a new database (registrations cannot move to a new key: the Telegram "
                "ids behind them were never stored)."
            )

    async def schema_version(self) -> int:
        row = await fetch_one(self.db, "PRAGMA user_version")
        return int(row[0]) if row else 0

    def key(self, telegram_id: int) -> bytes:
        return self.keys.user_key(telegram_id)

    async def load_state(self, telegram_id: int) -> UserState | None:
        query = "SELECT language, origin, host FROM user_settings WHERE user_key = ?"
        row = await fetch_one(self.db, query, (self.key(telegram_id),))
        return None if row is None else UserState(row[0], row[1], row[2])

    async def load_user(self, telegram_id: int) -> User:
        """Her saved choices and her registration in one query (this runs for every update)."""
        key = self.key(telegram_id)
        if (cached := self._users.get(key)) is not None:
            [(data_version,)] = await self.db.execute_fetchall("PRAGMA data_version")
            if self._users.saw(int(data_version)):
                return cached
        generation = self._users.generation
        [row] = await self.db.execute_fetchall(  # one trip to the database thread, not three
            """SELECT (SELECT data_version FROM pragma_data_version),
                      s.language, s.origin, s.host, r.origin, r.host, r.region, r.party,
                      r.language, r.expires_on, r.active
               FROM (SELECT ? AS user_key) AS me
               LEFT JOIN user_settings s ON s.user_key = me.user_key
               LEFT JOIN registrations r ON r.user_key = me.user_key""",
            (key,),
        )
        state = UserState(row[1], row[2], row[3]) if row[1] is not None else None
        registration = None
        if row[4] is not None:
            registration = Registration(
                row[4], row[5], row[6], row[7], row[8], date.fromisoformat(row[9]), bool(row[10])
            )
        self._users.put(key, (state, registration), int(row[0]), generation)
        return state, registration

    async def save_state(self, telegram_id: int, state: UserState) -> None:
        await run(
            self.db,
            """
            INSERT INTO user_settings (user_key, language, origin, host, updated_at)
            VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (user_key) DO UPDATE SET
                language = excluded.language, origin = excluded.origin,
                host = excluded.host, updated_at = excluded.updated_at
            """,
            (
                self.key(telegram_id),
                state.language,
                state.origin,
                state.host,
                self.today().isoformat(),
            ),
        )
        await self.db.commit()
        self._users.forget(self.key(telegram_id))

    async def forget(self, telegram_id: int) -> None:
        """Delete every row about this user (rows, not flags): settings, registration, outbox,
        an alert draft if she is staff, her marks of today's wrong-number reports."""
        key = self.key(telegram_id)
        await run(self.db, "DELETE FROM user_settings WHERE user_key = ?", (key,))
        await run(self.db, "DELETE FROM registrations WHERE user_key = ?", (key,))
        await run(self.db, "DELETE FROM drafts WHERE staff_key = ?", (key,))
        await self.reports.forget_today(telegram_id)
        await self.db.commit()
        # The WAL still holds the pages as they were before the delete: copy them back into
        # the database (where secure_delete has zeroed the rows) and empty it.
        await fetch_all(self.db, "PRAGMA wal_checkpoint(TRUNCATE)")
        self._users.forget(key)
