"""Facts about the open file as a whole: is it empty, was the welcome screen answered.

Plain SQL on the read connection: these run while the first window is built, before
anything has needed the ORM.
"""

from __future__ import annotations

from relationsapp.storage.database import Database

WELCOME_ANSWERED = "welcome_answered"


def is_empty(database: Database) -> bool:
    """True when the file holds no contacts and no accounts (deleted ones count)."""
    row = (
        database.reader()
        .execute("SELECT EXISTS (SELECT 1 FROM contacts) OR EXISTS (SELECT 1 FROM accounts)")
        .fetchone()
    )
    return not row[0]


def get_setting(database: Database, key: str, default: str = "") -> str:
    row = database.reader().execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return default if row is None else str(row[0])


def set_setting(database: Database, key: str, value: str) -> None:
    """Store one per-file setting (its own tiny transaction)."""
    database.reader().execute(
        "INSERT INTO settings (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, value),
    )


def should_welcome(database: Database) -> bool:
    """Show the welcome screen: an empty file whose owner has not chosen yet."""
    return is_empty(database) and get_setting(database, WELCOME_ANSWERED) != "1"
