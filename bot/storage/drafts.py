"""Alerts staff are composing, kept so a restart loses none; a day old, they are gone.

A draft is the staff member's own alert text, not anyone's personal data; it is kept under
the keyed hash of her Telegram id like everything else, as plain JSON the caller defines.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import aiosqlite

from bot.storage.crypto import Keys
from bot.storage.sql import run

LIFETIME = 24 * 3600.0


class Drafts:
    """get / put / drop one draft per staff member; shares the Store's connection."""

    def __init__(
        self, db: Callable[[], aiosqlite.Connection], keys: Keys, clock: Callable[[], float]
    ) -> None:
        self._db = db
        self._keys = keys
        self._clock = clock

    async def get(self, telegram_id: int) -> dict[str, Any] | None:
        rows = await self._db().execute_fetchall(
            "SELECT draft FROM drafts WHERE staff_key = ? AND updated_at >= ?",
            (self._keys.user_key(telegram_id), self._clock() - LIFETIME),
        )
        found: dict[str, Any] | None = next((json.loads(row[0]) for row in rows), None)
        return found

    async def put(self, telegram_id: int, draft: dict[str, Any]) -> None:
        now = self._clock()
        await run(self._db(), "DELETE FROM drafts WHERE updated_at < ?", (now - LIFETIME,))
        await run(
            self._db(),
            """INSERT INTO drafts (staff_key, draft, updated_at) VALUES (?, ?, ?)
               ON CONFLICT (staff_key) DO UPDATE SET
                   draft = excluded.draft, updated_at = excluded.updated_at""",
            (self._keys.user_key(telegram_id), json.dumps(draft, ensure_ascii=False), now),
        )
        await self._db().commit()

    async def drop(self, telegram_id: int) -> None:
        await run(
            self._db(),
            "DELETE FROM drafts WHERE staff_key = ?",
            (self._keys.user_key(telegram_id),),
        )
        await self._db().commit()
