"""Registrations: four answers and a sealed chat id, under a keyed hash; counts, never people."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import aiosqlite

from bot.state import People, PlaceCount, Registration, suppressed
from bot.storage.crypto import Keys
from bot.storage.sql import fetch_all, fetch_one, run, run_many
from bot.storage.trusted_date import TrustedDate

LIFETIME = timedelta(days=180)
REMIND_BEFORE = timedelta(days=14)
PARTY_SIZES = ("1", "2-4", "5+")


@dataclass(frozen=True)
class Reminder:
    user_key: bytes
    chat_id: int
    language: str
    host: str
    expires_on: date


@dataclass(frozen=True)
class Count:
    origin: str
    host: str
    region: str | None
    people: int

    def shown(self) -> str:
        return suppressed(self.people)


class Registrations:
    """The registration verbs; shares the Store's connection."""

    def __init__(
        self,
        db: Callable[[], aiosqlite.Connection],
        keys: Keys,
        today: Callable[[], date],
        trusted_date: TrustedDate,
    ) -> None:
        self._db = db
        self._keys = keys
        self._today = today
        self._trusted_date = trusted_date
        self.changed: Callable[[bytes], None] = lambda user_key: None
        """Called with the user key of every registration changed (the Store's cache)."""

    async def save(
        self,
        telegram_id: int,
        chat_id: int,
        *,
        origin: str,
        host: str,
        region: str | None,
        party: str,
        language: str,
    ) -> Registration:
        """Register or change answers; either way the 180 days start again."""
        if party not in PARTY_SIZES:
            raise ValueError(f"party must be one of {PARTY_SIZES}")
        key = self._keys.user_key(telegram_id)
        today = self._today()
        expires = today + LIFETIME
        await run(
            self._db(),
            """
            INSERT INTO registrations (user_key, origin, host, region, party, language,
                                       sealed_chat, registered_on, expires_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (user_key) DO UPDATE SET
                origin = excluded.origin, host = excluded.host, region = excluded.region,
                party = excluded.party, language = excluded.language,
                sealed_chat = excluded.sealed_chat, active = 1,
                expires_on = excluded.expires_on, reminded = 0
            """,
            (
                key,
                origin,
                host,
                region,
                party,
                language,
                self._keys.seal_chat(chat_id, key),
                today.isoformat(),
                expires.isoformat(),
            ),
        )
        await self._db().commit()
        self.changed(key)
        return Registration(origin, host, region, party, language, expires)

    async def get(self, telegram_id: int) -> Registration | None:
        query = """SELECT origin, host, region, party, language, expires_on, active
                   FROM registrations WHERE user_key = ?"""
        row = await fetch_one(self._db(), query, (self._keys.user_key(telegram_id),))
        if row is None:
            return None
        expires = date.fromisoformat(row[5])
        return Registration(row[0], row[1], row[2], row[3], row[4], expires, bool(row[6]))

    async def set_language(self, telegram_id: int, language: str) -> None:
        key = self._keys.user_key(telegram_id)
        await run(
            self._db(), "UPDATE registrations SET language = ? WHERE user_key = ?", (language, key)
        )
        await self._db().commit()
        self.changed(key)

    async def renew(self, telegram_id: int) -> bool:
        expires = (self._today() + LIFETIME).isoformat()
        key = self._keys.user_key(telegram_id)
        cursor = await run(
            self._db(),
            "UPDATE registrations SET expires_on = ?, reminded = 0, active = 1 WHERE user_key = ?",
            (expires, key),
        )
        await self._db().commit()
        self.changed(key)
        return cursor.rowcount > 0

    async def set_reachable(self, telegram_id: int, reachable: bool) -> bool:
        """She blocked the bot (alerts stop) or came back (they reach her again)."""
        key = self._keys.user_key(telegram_id)
        cursor = await run(
            self._db(),
            "UPDATE registrations SET active = ? WHERE user_key = ? AND active != ?",
            (int(reachable), key, int(reachable)),
        )
        await self._db().commit()
        self.changed(key)
        return cursor.rowcount > 0

    async def delete(self, telegram_id: int) -> None:
        """The row goes (not a flag), and with it her pending deliveries and answers."""
        key = self._keys.user_key(telegram_id)
        await run(self._db(), "DELETE FROM registrations WHERE user_key = ?", (key,))
        await self._db().commit()
        self.changed(key)

    async def due_reminders(self) -> list[Reminder]:
        """Who expires within two weeks and was not asked yet; each is asked once."""
        today = await self._trusted_date.today()
        if today is None:  # the clock jumped: it would ask everyone at once
            return []
        limit = (today + REMIND_BEFORE).isoformat()
        query = """SELECT user_key, sealed_chat, language, host, expires_on FROM registrations
                   WHERE expires_on <= ? AND reminded = 0 AND active = 1"""
        rows = await fetch_all(self._db(), query, (limit,))
        await run_many(
            self._db(),
            "UPDATE registrations SET reminded = 1 WHERE user_key = ?",
            [(row[0],) for row in rows],
        )
        await self._db().commit()
        return [
            Reminder(
                row[0],
                self._keys.open_chat(row[1], row[0]),
                row[2],
                row[3],
                date.fromisoformat(row[4]),
            )
            for row in rows
        ]

    async def expire(self) -> int:
        """Delete lapsed registrations: they are not kept, not even flagged."""
        today = await self._trusted_date.today()
        if today is None:  # the clock jumped: it would delete everyone at once
            return 0
        lapsed = list(
            await self._db().execute_fetchall(
                "DELETE FROM registrations WHERE expires_on < ? RETURNING user_key",
                (today.isoformat(),),
            )
        )
        await self._db().commit()
        for (key,) in lapsed:
            self.changed(bytes(key))
        return len(lapsed)

    async def counts(self, origins: tuple[str, ...] = ()) -> list[Count]:
        """People per origin, host and region (active registrations), for staff."""
        where = f"AND origin IN ({','.join('?' * len(origins))})" if origins else ""
        query = f"""SELECT origin, host, region, COUNT(*) FROM registrations
                    WHERE active = 1 {where}
                    GROUP BY origin, host, region ORDER BY origin, host, COUNT(*) DESC"""  # noqa: S608 - placeholders only
        rows = await fetch_all(self._db(), query, origins)
        return [Count(row[0], row[1], row[2], row[3]) for row in rows]

    async def places(self, origins: tuple[str, ...] = ()) -> list[PlaceCount]:
        """Active registrations per origin, host and region, with the people their party sizes
        stand for (bot/state.py PARTY_PEOPLE), for staff; the largest region first."""
        where = f"AND origin IN ({','.join('?' * len(origins))})" if origins else ""
        query = f"""SELECT origin, host, region, party, COUNT(*) FROM registrations
                    WHERE active = 1 {where} GROUP BY origin, host, region, party"""  # noqa: S608 - placeholders only
        found: dict[tuple[str, str, str | None], tuple[int, People]] = {}
        for origin, host, region, party, count in await fetch_all(self._db(), query, origins):
            before, people = found.get((origin, host, region), (0, People()))
            found[origin, host, region] = (before + count, people + People.of(party, count))
        return sorted(
            (PlaceCount(*place, count, people) for place, (count, people) in found.items()),
            key=lambda place: (place.origin, place.host, -place.registrations, place.region or ""),
        )
