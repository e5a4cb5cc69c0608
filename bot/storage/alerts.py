"""Alerts and their outbox: one row per recipient, resumable after a crash; roll-call answers."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import aiosqlite

from bot.state import Alert, AlertSummary, RegionStats
from bot.storage.crypto import Keys
from bot.storage.sql import fetch_all, fetch_one, run

MAX_ATTEMPTS = 5
LONGEST_DELAY = 300.0
"""No retry is put further ahead (the backoff tops out here; a longer RetryAfter is asked
again then), so a next_try beyond it was set before the clock went back: it is due now."""
SEVERITIES = ("info", "warning", "urgent")
ANSWERS = ("safe", "help")


@dataclass(frozen=True)
class Delivery:
    """One recipient's due work: send the live message, edit it, or remind her."""

    alert: Alert
    user_key: bytes
    chat_id: int
    language: str
    region: str | None
    message_id: int | None
    sent_version: int
    sent_round: int
    attempts: int
    remind: bool

    @property
    def is_new_message(self) -> bool:
        return self.message_id is None or self.sent_round < self.alert.round


def _regions(regions: tuple[str, ...]) -> tuple[str, str]:
    """Parameters for the region filter: an empty list means the whole country."""
    listed = json.dumps(sorted(regions))
    return listed, listed


_ALERT_COLUMNS = (
    "a.id, a.origin, a.host, a.regions, a.severity, a.texts, a.rollcall, a.round, a.version"
)


def _alert(row: Sequence[Any]) -> Alert:
    return Alert(
        int(row[0]),
        str(row[1]),
        str(row[2]),
        tuple(json.loads(row[3])),
        str(row[4]),
        dict(json.loads(row[5])),
        bool(row[6]),
        int(row[7]),
        int(row[8]),
    )


class Alerts:
    """The alert verbs; shares the Store's connection."""

    def __init__(
        self,
        db: Callable[[], aiosqlite.Connection],
        keys: Keys,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._db = db
        self._keys = keys
        self.changed: Callable[[bytes], None] = lambda user_key: None
        """Called with her user key when a delivery changes her registration (she blocked
        the bot)."""
        self._clock = clock

    async def count_recipients(self, origin: str, host: str, regions: tuple[str, ...]) -> int:
        return sum(await self.recipient_cells(origin, host, regions))

    async def recipient_cells(self, origin: str, host: str, regions: tuple[str, ...]) -> list[int]:
        """Reachable registrations per region (the cells a total is made of)."""
        return [
            int(row[0])
            for row in await fetch_all(
                self._db(),
                "SELECT COUNT(*) FROM registrations WHERE origin = ? AND host = ? AND active = 1"
                " AND (? = '[]' OR region IN (SELECT value FROM json_each(?))) GROUP BY region",
                (origin, host, *_regions(regions)),
            )
        ]

    async def create(
        self,
        *,
        origin: str,
        host: str,
        regions: tuple[str, ...],
        severity: str,
        texts: dict[str, str],
        rollcall: bool,
        admin_chat: int | None = None,
        remind_after: timedelta | None = None,
    ) -> tuple[int, int]:
        """Store the alert and one outbox row per current recipient; (alert id, recipients)."""
        if severity not in SEVERITIES:
            raise ValueError(f"severity must be one of {SEVERITIES}")
        if "en" not in texts:
            raise ValueError("an alert needs an English text (the fallback for every language)")
        now = datetime.now(UTC)
        remind_at = (now + remind_after).isoformat() if rollcall and remind_after else None
        sealed_admin = None if admin_chat is None else self._keys.seal_chat(admin_chat, b"admin")
        cursor = await run(
            self._db(),
            """INSERT INTO alerts (origin, host, regions, severity, texts, rollcall, created_at,
                                   remind_at, sealed_admin_chat)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                origin,
                host,
                json.dumps(sorted(regions)),
                severity,
                json.dumps(texts),
                int(rollcall),
                now.isoformat(),
                remind_at,
                sealed_admin,
            ),
        )
        alert_id = int(cursor.lastrowid or 0)
        cursor = await run(
            self._db(),
            "INSERT INTO deliveries (alert_id, user_key, region, language) "
            "SELECT ?, user_key, region, language FROM registrations "
            "WHERE origin = ? AND host = ? AND active = 1"
            " AND (? = '[]' OR region IN (SELECT value FROM json_each(?)))",
            (alert_id, origin, host, *_regions(regions)),
        )
        await self._db().commit()
        return alert_id, cursor.rowcount

    async def get(self, alert_id: int) -> Alert | None:
        query = f"SELECT {_ALERT_COLUMNS} FROM alerts a WHERE a.id = ?"  # noqa: S608
        row = await fetch_one(self._db(), query, (alert_id,))
        return None if row is None else _alert(tuple(row))

    async def update_texts(self, alert_id: int, texts: dict[str, str]) -> None:
        """A correction: every recipient's live message is edited, nobody gets a second one."""
        await run(
            self._db(),
            "UPDATE alerts SET texts = ?, version = version + 1 WHERE id = ?",
            (json.dumps(texts), alert_id),
        )
        await self._requeue(alert_id)

    async def new_round(self, alert_id: int, remind_after: timedelta | None = None) -> None:
        """Ask again in a long crisis: a new live message with fresh Safe / Need help buttons."""
        remind_at = (datetime.now(UTC) + remind_after).isoformat() if remind_after else None
        await run(
            self._db(),
            "UPDATE alerts SET round = round + 1, version = version + 1, remind_at = ? "
            "WHERE id = ?",
            (remind_at, alert_id),
        )
        await self._requeue(alert_id)

    async def _requeue(self, alert_id: int) -> None:
        await run(
            self._db(),
            "UPDATE deliveries SET state = 'due', attempts = 0, next_try = 0 "
            "WHERE alert_id = ? AND state IN ('due', 'done', 'failed')",
            (alert_id,),
        )
        await self._db().commit()

    async def queue_reminders(self) -> int:
        """Roll-calls whose reminder time has come: those who have not answered are due once."""
        now = datetime.now(UTC).isoformat()
        due = await fetch_all(
            self._db(),
            "SELECT id, round FROM alerts WHERE rollcall = 1 AND remind_at IS NOT NULL "
            "AND remind_at <= ? AND reminded_round < round",
            (now,),
        )
        queued = 0
        for alert_id, round_ in due:
            cursor = await run(
                self._db(),
                """UPDATE deliveries SET state = 'due', next_try = 0
                   WHERE alert_id = ? AND state = 'done' AND sent_round = ?
                   AND reminder_round < ? AND user_key NOT IN (
                       SELECT user_key FROM answers WHERE alert_id = ? AND round = ?)""",
                (alert_id, round_, round_, alert_id, round_),
            )
            queued += cursor.rowcount
            await run(
                self._db(), "UPDATE alerts SET reminded_round = round WHERE id = ?", (alert_id,)
            )
        await self._db().commit()
        return queued

    async def due(self, limit: int = 100) -> list[Delivery]:
        query = f"""SELECT {_ALERT_COLUMNS}, d.user_key, r.sealed_chat, d.language, d.region,
                           d.message_id, d.sent_version, d.sent_round, d.attempts,
                           d.reminder_round
                    FROM deliveries d JOIN alerts a ON a.id = d.alert_id
                    JOIN registrations r ON r.user_key = d.user_key
                    WHERE d.state = 'due' AND (d.next_try <= ? OR d.next_try > ?)
                    ORDER BY a.severity = 'urgent' DESC, a.id, d.next_try
                    LIMIT ?"""  # noqa: S608 - column list is a constant
        now = self._clock()
        rows = await fetch_all(self._db(), query, (now, now + LONGEST_DELAY, limit))
        deliveries = []
        for row in rows:
            alert = _alert(tuple(row[:9]))
            user_key = bytes(row[9])
            sent_version, sent_round = int(row[14]), int(row[15])
            up_to_date = sent_round == alert.round and sent_version == alert.version
            deliveries.append(
                Delivery(
                    alert,
                    user_key,
                    self._keys.open_chat(bytes(row[10]), user_key),
                    str(row[11]),
                    row[12],
                    row[13],
                    sent_version,
                    sent_round,
                    int(row[16]),
                    remind=up_to_date and int(row[17]) < alert.round,
                )
            )
        return deliveries

    async def sent(self, delivery: Delivery, message_id: int | None) -> None:
        alert = delivery.alert
        await run(
            self._db(),
            """UPDATE deliveries SET state = 'done', attempts = 0,
                   message_id = COALESCE(?, message_id), sent_version = ?, sent_round = ?,
                   reminder_round = CASE WHEN ? THEN ? ELSE reminder_round END
               WHERE alert_id = ? AND user_key = ?""",
            (
                message_id if not delivery.remind else None,
                alert.version,
                alert.round,
                delivery.remind,
                alert.round,
                alert.id,
                delivery.user_key,
            ),
        )
        await self._db().commit()

    async def retry_later(self, delivery: Delivery, delay: float) -> None:
        attempts = delivery.attempts + 1
        state = "failed" if attempts >= MAX_ATTEMPTS else "due"
        await run(
            self._db(),
            "UPDATE deliveries SET attempts = ?, next_try = ?, state = ? "
            "WHERE alert_id = ? AND user_key = ?",
            (attempts, self._next_try(delay), state, delivery.alert.id, delivery.user_key),
        )
        await self._db().commit()

    async def postpone(self, delivery: Delivery, delay: float) -> None:
        """Not a failure (rate limit): try again later without counting an attempt."""
        await run(
            self._db(),
            "UPDATE deliveries SET next_try = ? WHERE alert_id = ? AND user_key = ?",
            (self._next_try(delay), delivery.alert.id, delivery.user_key),
        )
        await self._db().commit()

    def _next_try(self, delay: float) -> float:
        return self._clock() + min(delay, LONGEST_DELAY)

    async def blocked(self, delivery: Delivery) -> None:
        await run(
            self._db(),
            "UPDATE deliveries SET state = 'blocked' WHERE alert_id = ? AND user_key = ?",
            (delivery.alert.id, delivery.user_key),
        )
        await run(
            self._db(),
            "UPDATE registrations SET active = 0 WHERE user_key = ?",
            (delivery.user_key,),
        )
        await self._db().commit()
        self.changed(delivery.user_key)

    async def answer(
        self, alert_id: int, round_: int, telegram_id: int, answer: str
    ) -> str | None:
        """Her latest answer counts; returns her region (None if not said), or raises LookupError
        if she is not a recipient of this alert's round."""
        if answer not in ANSWERS:
            raise LookupError(answer)
        key = self._keys.user_key(telegram_id)
        row = await fetch_one(
            self._db(),
            "SELECT d.region FROM deliveries d JOIN alerts a ON a.id = d.alert_id "
            "WHERE d.alert_id = ? AND d.user_key = ? AND a.round = ? AND a.rollcall = 1",
            (alert_id, key, round_),
        )
        if row is None:
            raise LookupError(alert_id)
        await run(
            self._db(),
            """INSERT INTO answers (alert_id, round, user_key, region, answer)
               VALUES (?, ?, ?, ?, ?)
               ON CONFLICT (alert_id, round, user_key) DO UPDATE SET answer = excluded.answer""",
            (alert_id, round_, key, row[0], answer),
        )
        await self._db().commit()
        region: str | None = row[0]
        return region

    async def stats(self, alert_id: int) -> list[RegionStats]:
        """Per region: recipients, delivered, safe, need help, blocked, failed (this round)."""
        return [
            RegionStats(row[0], *(int(value or 0) for value in row[1:]))
            for row in await fetch_all(
                self._db(),
                """SELECT d.region, COUNT(*),
                      SUM(d.sent_round = a.round AND d.state IN ('done', 'due')
                          AND d.message_id IS NOT NULL),
                      SUM(ans.answer = 'safe'), SUM(ans.answer = 'help'),
                      SUM(d.state = 'blocked'), SUM(d.state = 'failed')
               FROM deliveries d JOIN alerts a ON a.id = d.alert_id
               LEFT JOIN answers ans ON ans.alert_id = d.alert_id AND ans.round = a.round
                                    AND ans.user_key = d.user_key
               WHERE d.alert_id = ? GROUP BY d.region ORDER BY COUNT(*) DESC""",
                (alert_id,),
            )
        ]

    async def pending(self, alert_id: int) -> int:
        row = await fetch_one(
            self._db(),
            "SELECT COUNT(*) FROM deliveries WHERE alert_id = ? AND state = 'due'",
            (alert_id,),
        )
        return int(row[0]) if row else 0

    async def unreported(self) -> list[tuple[int, int]]:
        """Alerts whose current version is fully delivered but not yet reported to staff."""
        return [
            (int(row[0]), int(row[1]))
            for row in await fetch_all(
                self._db(),
                """SELECT id, version FROM alerts a WHERE reported_version < version
               AND NOT EXISTS (SELECT 1 FROM deliveries d
                               WHERE d.alert_id = a.id AND d.state = 'due')""",
            )
        ]

    async def mark_reported(self, alert_id: int, version: int) -> None:
        await run(
            self._db(), "UPDATE alerts SET reported_version = ? WHERE id = ?", (version, alert_id)
        )
        await self._db().commit()

    async def admin_chat(self, alert_id: int) -> int | None:
        row = await fetch_one(
            self._db(), "SELECT sealed_admin_chat FROM alerts WHERE id = ?", (alert_id,)
        )
        if row is None or row[0] is None:
            return None
        return self._keys.open_chat(bytes(row[0]), b"admin")

    async def summaries(
        self, origins: tuple[str, ...] = (), limit: int = 10
    ) -> list[AlertSummary]:
        """The latest alerts of these origins (all when none), newest first, with their
        counts per region."""
        where = f"WHERE a.origin IN ({','.join('?' * len(origins))})" if origins else ""
        query = f"""SELECT {_ALERT_COLUMNS}, a.created_at FROM alerts a {where}
                    ORDER BY a.id DESC LIMIT ?"""  # noqa: S608 - placeholders only
        found = []
        for row in await fetch_all(self._db(), query, (*origins, limit)):
            alert = _alert(tuple(row[:9]))
            created = datetime.fromisoformat(str(row[9]))
            regions = await self.stats(alert.id)
            found.append(AlertSummary(alert, created, regions, await self.pending(alert.id)))
        return found
