"""The date expiry may trust: a clock that jumped must not delete every registration.

Upkeep records the date it last ran. A date more than `max_jump_days` away from it (forward
or back) is not used: expiry and renewal questions pause, and each upkeep says so in the log.
The new date is believed, and the pause ends, when the clock has run on steadily from it for
`max_jump_days` days (a machine that was off for a month), or at once when the bot restarts
with BOT_CLOCK_JUMP_DAYS at least as large as the jump.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from bot.storage.sql import fetch_one, run, run_many

if TYPE_CHECKING:
    import aiosqlite

CLOCK_JUMP_DAYS = 2
"""How far apart two upkeeps' dates may be before the clock is suspected (BOT_CLOCK_JUMP_DAYS)."""
MAX_CLOCK_JUMP_DAYS = 30

log = logging.getLogger(__name__)


class TrustedDate:
    """Today's date for expiry, or None while a jump of the clock is being watched."""

    def __init__(
        self,
        db: Callable[[], aiosqlite.Connection],
        today: Callable[[], date],
        max_jump_days: int = CLOCK_JUMP_DAYS,
    ) -> None:
        self._db = db
        self._today = today
        self.max_jump_days = max_jump_days
        self._verdict: tuple[date, date | None] | None = None
        """The last answer: asking again on the same date neither logs nor writes."""

    async def today(self) -> date | None:
        today = self._today()
        if self._verdict is None or self._verdict[0] != today:
            self._verdict = (today, await self._judge(today))
        return self._verdict[1]

    async def _judge(self, today: date) -> date | None:
        last = await self._get("upkeep_date")
        if last is None or self._near(today, last):
            await self._trust(today)
            return today
        since, latest = await self._get("jump_since"), await self._get("jump_latest")
        if since is None or latest is None or not self._near(today, latest):
            since = today  # a new jump (or the watched date jumped again): watch from here
        if (today - since).days >= self.max_jump_days:
            log.warning(
                "The clock moved from %s to %s and has run on steadily for %d days since: "
                "registrations expire by the new date from now on.",
                last, since, (today - since).days,
            )  # fmt: skip
            await self._trust(today)
            return today
        await self._set(jump_since=since, jump_latest=today)
        jump = abs((today - last).days)
        restart = f", or at once after a restart with BOT_CLOCK_JUMP_DAYS={jump}"
        log.warning(
            "Registrations were not expired and no renewal questions were sent: today (%s) is "
            "%d days %s the last upkeep (%s), more than BOT_CLOCK_JUMP_DAYS=%d; if the clock is "
            "right, this ends when it has run on from %s for %d days%s.",
            today, jump, "after" if today > last else "before", last, self.max_jump_days,
            since, self.max_jump_days, restart if jump <= MAX_CLOCK_JUMP_DAYS else "",
        )  # fmt: skip
        return None

    def _near(self, one: date, other: date) -> bool:
        return abs((one - other).days) <= self.max_jump_days

    async def _trust(self, today: date) -> None:
        await run(self._db(), "DELETE FROM meta WHERE name IN ('jump_since', 'jump_latest')")
        await self._set(upkeep_date=today)

    async def _get(self, name: str) -> date | None:
        row = await fetch_one(self._db(), "SELECT value FROM meta WHERE name = ?", (name,))
        return None if row is None else date.fromisoformat(str(row[0]))

    async def _set(self, **dates: date) -> None:
        await run_many(
            self._db(),
            "INSERT INTO meta (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            [(name, value.isoformat()) for name, value in dates.items()],
        )
        await self._db().commit()
