"""Numbered schema migrations, applied in order at start and tracked in PRAGMA user_version."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the three choices a user makes, under a keyed hash of her Telegram id.
    """
    CREATE TABLE user_settings (
        user_key BLOB PRIMARY KEY,
        language TEXT NOT NULL,
        origin TEXT,
        host TEXT,
        updated_at TEXT NOT NULL
    ) WITHOUT ROWID;
    """,
)
