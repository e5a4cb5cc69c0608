"""Reads that finish in one step on the database thread.

Many tasks share one connection. `async with db.execute(select) as cursor` leaves the SELECT
running between its awaits, and a commit made by another task in that gap fails with "cannot
commit transaction - SQL statements in progress". These read every row in the same call that
runs the query, so no statement is ever left open across an await."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import aiosqlite


async def fetch_all(db: aiosqlite.Connection, query: str, params: Iterable[Any] = ()) -> list[Any]:
    return list(await db.execute_fetchall(query, tuple(params)))


async def fetch_one(db: aiosqlite.Connection, query: str, params: Iterable[Any] = ()) -> Any:
    """The first row, or None."""
    rows = await fetch_all(db, query, params)
    return rows[0] if rows else None


@dataclass(frozen=True)
class Ran:
    rowcount: int
    lastrowid: int | None


async def run(db: aiosqlite.Connection, statement: str, params: Iterable[Any] = ()) -> Ran:
    """A write, its cursor closed on the database thread: a cursor dropped on the event loop
    resets its statement from there, while the database thread may be using the same cached
    statement for another task ("bad parameter or other API misuse")."""
    cursor = await db.execute(statement, tuple(params))
    try:
        return Ran(cursor.rowcount, cursor.lastrowid)
    finally:
        await cursor.close()


async def run_many(db: aiosqlite.Connection, statement: str, rows: Iterable[Iterable[Any]]) -> Ran:
    cursor = await db.executemany(statement, [tuple(row) for row in rows])
    try:
        return Ran(cursor.rowcount, cursor.lastrowid)
    finally:
        await cursor.close()
