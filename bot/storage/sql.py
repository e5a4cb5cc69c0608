"""Reads that finish in one step on the database thread.

Many tasks share one connection. `async with db.execute(select) as cursor` leaves the SELECT
running between its awaits, and a commit made by another task in that gap fails with "cannot
commit transaction - SQL statements in progress". These read every row in the same call that
runs the query, so no statement is ever left open across an await."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import aiosqlite


async def fetch_all(db: aiosqlite.Connection, query: str, params: Iterable[Any] = ()) -> list[Any]:
    return list(await db.execute_fetchall(query, tuple(params)))


async def fetch_one(db: aiosqlite.Connection, query: str, params: Iterable[Any] = ()) -> Any:
    """The first row, or None."""
    rows = await fetch_all(db, query, params)
    return rows[0] if rows else None
