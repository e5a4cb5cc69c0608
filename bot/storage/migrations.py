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
    # 2: optional anonymous registration; alerts and their per-recipient outbox; roll-call.
    """
    CREATE TABLE registrations (
        user_key BLOB PRIMARY KEY,
        origin TEXT NOT NULL,
        host TEXT NOT NULL,
        region TEXT,                      -- NULL: she preferred not to say
        party TEXT NOT NULL CHECK (party IN ('1', '2-4', '5+')),
        language TEXT NOT NULL,
        sealed_chat BLOB NOT NULL,        -- AES-GCM; only the bot with the secret can open it
        active INTEGER NOT NULL DEFAULT 1,  -- 0 once Telegram says she blocked the bot
        registered_on TEXT NOT NULL,
        expires_on TEXT NOT NULL,
        reminded INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;
    CREATE INDEX registrations_target ON registrations (origin, host, region);
    CREATE INDEX registrations_expiry ON registrations (expires_on);

    CREATE TABLE alerts (
        id INTEGER PRIMARY KEY,
        origin TEXT NOT NULL,
        host TEXT NOT NULL,
        regions TEXT NOT NULL,            -- JSON list; empty = the whole country
        severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'urgent')),
        texts TEXT NOT NULL,              -- JSON {language: text}
        rollcall INTEGER NOT NULL DEFAULT 0,
        round INTEGER NOT NULL DEFAULT 1,
        version INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        remind_at TEXT,                   -- roll-call: one reminder to those who did not answer
        reminded_round INTEGER NOT NULL DEFAULT 0,
        sealed_admin_chat BLOB,           -- where progress and the report go
        report_message_id INTEGER,
        reported_version INTEGER NOT NULL DEFAULT 0
    );

    CREATE TABLE deliveries (
        alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        user_key BLOB NOT NULL REFERENCES registrations (user_key) ON DELETE CASCADE,
        region TEXT,
        language TEXT NOT NULL,
        message_id INTEGER,               -- the one live message for this alert in her chat
        sent_version INTEGER NOT NULL DEFAULT 0,
        sent_round INTEGER NOT NULL DEFAULT 0,
        reminder_round INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL DEFAULT 'due' CHECK (state IN ('due', 'done', 'failed', 'blocked')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_try REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (alert_id, user_key)
    ) WITHOUT ROWID;
    CREATE INDEX deliveries_due ON deliveries (state, next_try);

    CREATE TABLE answers (
        alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
        round INTEGER NOT NULL,
        user_key BLOB NOT NULL REFERENCES registrations (user_key) ON DELETE CASCADE,
        region TEXT,
        answer TEXT NOT NULL CHECK (answer IN ('safe', 'help')),
        PRIMARY KEY (alert_id, round, user_key)
    ) WITHOUT ROWID;
    """,
    # 3: a fingerprint of the secret key, so a changed BOT_SECRET_KEY is caught at start.
    """
    CREATE TABLE meta (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID;
    """,
    # 4: one process at a time delivers the outbox (bot/storage/lease.py).
    """
    CREATE TABLE leases (
        name TEXT PRIMARY KEY,
        token TEXT NOT NULL,              -- random per process: the holder's identity
        pid INTEGER NOT NULL,             -- pid, host and pid namespace: to name it to people
        hostname TEXT NOT NULL,
        pid_namespace TEXT NOT NULL,
        expires_at REAL NOT NULL          -- wall clock, seconds
    ) WITHOUT ROWID;
    """,
    # 5: alerts staff are composing survive a restart (bot/storage/drafts.py).
    """
    CREATE TABLE drafts (
        staff_key BLOB PRIMARY KEY,       -- keyed hash of the staff member's Telegram id
        draft TEXT NOT NULL,              -- JSON: her own alert being composed
        updated_at REAL NOT NULL          -- wall clock, seconds; a day later it is dropped
    ) WITHOUT ROWID;
    """,
    # 6: "Report a wrong number" (bot/storage/reports.py): counts per item and day, nobody's
    # key; one person is limited by marks keyed per day with a key of their own, dropped the
    # next day.
    """
    CREATE TABLE wrong_number_reports (
        path TEXT NOT NULL,               -- content file: content/hosts/AE.yaml
        item TEXT NOT NULL,               -- which number: emergency/police 999
        origin TEXT NOT NULL,             -- whose staff see it
        day TEXT NOT NULL,                -- YYYY-MM-DD, no time
        count INTEGER NOT NULL,
        PRIMARY KEY (origin, path, item, day)
    ) WITHOUT ROWID;

    CREATE TABLE report_marks (
        mark BLOB PRIMARY KEY,            -- HMAC(day, reader, item): she reported it today
        reader BLOB NOT NULL,             -- HMAC(day, reader): how many today; a new value daily
        day TEXT NOT NULL                 -- rows of an earlier day are deleted
    ) WITHOUT ROWID;
    CREATE INDEX report_marks_reader ON report_marks (reader);
    """,
)
