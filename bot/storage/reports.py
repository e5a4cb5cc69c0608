"""Reports of wrong numbers: counted per item and day, never who sent them.

`wrong_number_reports` holds the file, the item, the nationality whose staff see it, the day
and a count: no key, id or chat of anyone. How many one person sends is limited with
`report_marks`: HMACs of (day, her id) and (day, her id, item) under a key of their own, so
they match neither her user key nor her marks of another day, and they are deleted the next day.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum

import aiosqlite

from bot.state import WrongNumber, WrongNumberCount
from bot.storage.crypto import Keys
from bot.storage.sql import fetch_all, fetch_one, run

DAILY_REPORTS = 5
"""Reports one person may add in a day: enough for a wrong screen, too few to flood staff."""


class Reported(Enum):
    COUNTED = "counted"
    ALREADY = "already"
    """She reported this item today: thanked, not counted twice."""
    LIMITED = "limited"
    """She reached DAILY_REPORTS today."""


class Reports:
    """add / counts / forget_today; shares the Store's connection."""

    def __init__(
        self, db: Callable[[], aiosqlite.Connection], keys: Keys, today: Callable[[], date]
    ) -> None:
        self._db = db
        self._keys = keys
        self._today = today

    async def add(self, telegram_id: int, report: WrongNumber) -> Reported:
        day = self._today().isoformat()
        db = self._db()
        reader = self._keys.report_mark(telegram_id, day)
        mark = self._keys.report_mark(telegram_id, day, report.path, report.item, report.origin)
        await run(db, "DELETE FROM report_marks WHERE day <> ?", (day,))
        if await fetch_one(db, "SELECT 1 FROM report_marks WHERE mark = ?", (mark,)):
            await db.commit()
            return Reported.ALREADY
        sent = await fetch_one(db, "SELECT COUNT(*) FROM report_marks WHERE reader = ?", (reader,))
        if sent is not None and int(sent[0]) >= DAILY_REPORTS:
            await db.commit()
            return Reported.LIMITED
        await run(
            db,
            "INSERT INTO report_marks (mark, reader, day) VALUES (?, ?, ?)",
            (mark, reader, day),
        )
        await run(
            db,
            """INSERT INTO wrong_number_reports (path, item, origin, day, count)
               VALUES (?, ?, ?, ?, 1)
               ON CONFLICT (origin, path, item, day) DO UPDATE SET count = count + 1""",
            (report.path, report.item, report.origin, day),
        )
        await db.commit()
        return Reported.COUNTED

    async def counts(self, origins: tuple[str, ...] = ()) -> list[WrongNumberCount]:
        """Per item, for staff of these nationalities (all when empty): the latest first."""
        where = f"WHERE origin IN ({','.join('?' * len(origins))})" if origins else ""
        query = f"""SELECT origin, path, item, SUM(count), MAX(day) FROM wrong_number_reports
                    {where} GROUP BY origin, path, item
                    ORDER BY MAX(day) DESC, SUM(count) DESC, path, item"""  # noqa: S608 - placeholders only
        rows = await fetch_all(self._db(), query, origins)
        return [
            WrongNumberCount(row[1], row[2], row[0], int(row[3]), date.fromisoformat(row[4]))
            for row in rows
        ]

    async def forget_today(self, telegram_id: int) -> None:
        """/forget: drop her marks of today (the counts name nobody and stay)."""
        reader = self._keys.report_mark(telegram_id, self._today().isoformat())
        await run(self._db(), "DELETE FROM report_marks WHERE reader = ?", (reader,))
