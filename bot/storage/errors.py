"""Why a database file cannot be used, as one sentence an operator can act on."""

from __future__ import annotations

import sqlite3


class StoreError(RuntimeError):
    """The database cannot be used; the message says what to do (printed as is, exit 2)."""


class KeyMismatchError(StoreError):
    """The database was made with another BOT_SECRET_KEY."""


def damaged(path: str) -> StoreError:
    return StoreError(
        f"{path} is damaged (SQLite's integrity check failed): stop the bot, move the file "
        "aside and put the latest backup in its place."
    )


def newer_schema(path: str, found: int, known: int) -> StoreError:
    return StoreError(
        f"{path} was written by a newer Lifeline (schema {found}, this program knows {known}): "
        "run the newer version, or restore a backup made with this one."
    )


_ADVICE = {
    sqlite3.SQLITE_NOTADB: "{path} is not an SQLite database: check BOT_DATABASE, or move the "
    "file away to start a new database.",
    sqlite3.SQLITE_BUSY: "{path} is locked by another program that is writing to it: stop that "
    "program (a sqlite3 shell in a transaction, a backup tool) and start again.",
    sqlite3.SQLITE_CANTOPEN: "{path} cannot be opened for writing: check that its folder exists "
    "and that the bot's user may write there.",
    sqlite3.SQLITE_FULL: "{path} cannot be written: the disk is full.",
}
_ADVICE[sqlite3.SQLITE_LOCKED] = _ADVICE[sqlite3.SQLITE_BUSY]
_ADVICE[sqlite3.SQLITE_READONLY] = _ADVICE[sqlite3.SQLITE_PERM] = _ADVICE[sqlite3.SQLITE_CANTOPEN]


def unusable(path: str, error: sqlite3.Error | OSError) -> StoreError:
    """The sentence for a failure while opening (SQLite's or the file system's)."""
    if isinstance(error, OSError):
        return StoreError(_ADVICE[sqlite3.SQLITE_CANTOPEN].format(path=path))
    primary_code = getattr(error, "sqlite_errorcode", 0) & 0xFF  # extended codes share it
    if primary_code == sqlite3.SQLITE_CORRUPT:
        return damaged(path)
    advice = _ADVICE.get(primary_code)
    if advice is None:
        return StoreError(f"{path} cannot be used: SQLite says “{error}”.")
    return StoreError(advice.format(path=path))
