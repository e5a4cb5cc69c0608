"""How many people use the bot per nationality and country: counted from the choices each
user's settings keep (under a keyed hash), never a list of anyone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import aiosqlite

from bot.state import UserCount
from bot.storage.sql import fetch_all


class Usage:
    """Counts over user_settings and registrations; shares the Store's connection."""

    def __init__(self, db: Callable[[], aiosqlite.Connection]) -> None:
        self._db = db

    async def counts(self, since: date, origins: tuple[str, ...] = ()) -> list[UserCount]:
        """Per origin and host: people who chose them on or after `since` (user_settings'
        updated_at is the day her choices were last saved) or are registered there. Each
        person counts once: a registered person where she registered, anyone else where her
        choices say."""
        where = f"WHERE origin IN ({','.join('?' * len(origins))})" if origins else ""
        query = f"""SELECT origin, host, COUNT(*), SUM(registered) FROM (
                        SELECT origin, host, 1 AS registered FROM registrations WHERE active = 1
                        UNION ALL
                        SELECT origin, host, 0 FROM user_settings
                        WHERE updated_at >= ? AND origin IS NOT NULL AND host IS NOT NULL
                          AND user_key NOT IN (
                              SELECT user_key FROM registrations WHERE active = 1)
                    ) {where}
                    GROUP BY origin, host ORDER BY origin, COUNT(*) DESC, host"""  # noqa: S608 - placeholders only
        rows = await fetch_all(self._db(), query, (since.isoformat(), *origins))
        return [UserCount(str(r[0]), str(r[1]), int(r[2]), int(r[3] or 0)) for r in rows]
