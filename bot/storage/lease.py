"""Leases: one process at a time does a job (delivering the outbox) on a database.

A lease is a row with an expiry time. Its holder renews it every third of its lifetime; a
process that dies stops renewing, so its lease lapses by itself. On the same machine a dead
holder is recognised at once by its pid, so a restart after a crash does not have to wait.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import aiosqlite

from bot.storage.errors import StoreError
from bot.storage.sql import fetch_one, run

SENDER = "sender"
"""The process that delivers alerts: two would send every message twice."""
TTL = 30.0

log = logging.getLogger(__name__)


def _pid_namespace() -> str:
    """Two processes with the same hostname see each other's pids only in one pid namespace
    (containers may share a hostname and not their pids)."""
    try:
        return str(Path("/proc/self/ns/pid").readlink())
    except OSError:
        return ""


@dataclass(frozen=True)
class Holder:
    """A process holding a lease: a random token is its identity; the rest is for people."""

    token: str
    pid: int
    hostname: str
    pid_namespace: str

    @classmethod
    def this_process(cls) -> Holder:
        return cls(secrets.token_hex(16), os.getpid(), socket.gethostname(), _pid_namespace())

    def __str__(self) -> str:
        return f"pid {self.pid} on {self.hostname}"

    def is_gone(self) -> bool:
        """True only when certain: it ran where this process runs, and its pid has ended."""
        if (self.hostname, self.pid_namespace) != (socket.gethostname(), _pid_namespace()):
            return False
        try:
            os.kill(self.pid, 0)  # signal 0: only asks whether the process exists
        except ProcessLookupError:
            return True
        except PermissionError:  # it exists, under another user
            return False
        return False


class LeaseHeldError(StoreError):
    """Another live process holds the lease."""


class Leases:
    """Take, renew and give back named leases; shares the Store's connection."""

    def __init__(
        self,
        db: Callable[[], aiosqlite.Connection],
        path: str,
        holder: Holder,
        clock: Callable[[], float],
    ) -> None:
        self._db = db
        self._path = path
        self.holder = holder
        self._clock = clock
        self.ttl = TTL
        self._held: set[str] = set()
        self._keepers: list[asyncio.Task[None]] = []

    async def acquire(self, name: str) -> None:
        """Take the lease, or raise LeaseHeldError naming the process that has it."""
        current = await self.current(name)
        replaceable = current.token if current is not None and current.is_gone() else ""
        now = self._clock()
        mine = self.holder
        cursor = await run(
            self._db(),
            """INSERT INTO leases (name, token, pid, hostname, pid_namespace, expires_at)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT (name) DO UPDATE SET
                   token = excluded.token, pid = excluded.pid, hostname = excluded.hostname,
                   pid_namespace = excluded.pid_namespace, expires_at = excluded.expires_at
               WHERE leases.token IN (excluded.token, ?)
                  OR leases.expires_at <= ? OR leases.expires_at > ?""",
            (
                name,
                mine.token,
                mine.pid,
                mine.hostname,
                mine.pid_namespace,
                now + self.ttl,
                replaceable,
                now,
                self._latest_expiry(now),
            ),
        )
        await self._db().commit()
        if cursor.rowcount == 0:
            holder = await self.current(name)
            who = "" if holder is None else f" ({holder})"
            raise LeaseHeldError(
                f"Another Lifeline process{who} is already running on {self._path}; stop it "
                f"first, or wait {self.ttl:g} s if it crashed."
            )
        self._held.add(name)

    def _latest_expiry(self, now: float) -> float:
        """No holder sets an expiry further ahead (twice the lifetime: room for clocks that
        disagree a little). One beyond it was set before the clock went back, and would keep
        a crashed holder's lease alive for as long as the jump: it has lapsed."""
        return now + 2 * self.ttl

    async def current(self, name: str) -> Holder | None:
        """Who holds the lease, if anyone does and it has not lapsed."""
        now = self._clock()
        row = await fetch_one(
            self._db(),
            "SELECT token, pid, hostname, pid_namespace FROM leases "
            "WHERE name = ? AND expires_at > ? AND expires_at <= ?",
            (name, now, self._latest_expiry(now)),
        )
        return None if row is None else Holder(str(row[0]), int(row[1]), str(row[2]), str(row[3]))

    async def renew(self, name: str) -> bool:
        """False if the lease is no longer this process's (another one took it)."""
        cursor = await run(
            self._db(),
            "UPDATE leases SET expires_at = ? WHERE name = ? AND token = ?",
            (self._clock() + self.ttl, name, self.holder.token),
        )
        await self._db().commit()
        return cursor.rowcount == 1

    async def release(self, name: str) -> None:
        await run(
            self._db(),
            "DELETE FROM leases WHERE name = ? AND token = ?",
            (name, self.holder.token),
        )
        await self._db().commit()
        self._held.discard(name)

    def keep(self, name: str, on_lost: Callable[[str], None]) -> None:
        """Renew in the background; once the lease is lost, `on_lost(why)` and stop."""
        self._keepers.append(asyncio.create_task(self._renew(name, on_lost), name=f"{name} lease"))

    async def _renew(self, name: str, on_lost: Callable[[str], None]) -> None:
        valid_until = self._clock() + self.ttl
        while True:
            await asyncio.sleep(self.ttl / 3)
            try:
                if await self.renew(name):
                    valid_until = self._clock() + self.ttl
                    continue
            except Exception as error:  # a busy or failing disk: try again while still valid
                log.warning("could not renew the %s lease: %s", name, type(error).__name__)
                if self._clock() < valid_until:
                    continue
            self._held.discard(name)
            holder = await self._current_or_none(name)
            on_lost(
                f"the {name} lease on {self._path} is held by {holder or 'nobody'} now (this "
                f"process was paused or cut off from the database for over {self.ttl:g} s)"
            )
            return

    async def _current_or_none(self, name: str) -> Holder | None:
        with contextlib.suppress(Exception):
            return await self.current(name)
        return None

    async def close(self) -> None:
        """Stop renewing and give back what is held, so a restart need not wait."""
        for keeper in self._keepers:
            keeper.cancel()
        await asyncio.gather(*self._keepers, return_exceptions=True)
        self._keepers.clear()
        for name in list(self._held):
            await self.release(name)
