"""Raw sqlite3 connections configured like the app's (pragmas, the fold function).

Kept free of SQLAlchemy so that opening a file and showing the first screen of
contacts does not pay for importing it (~250 ms); the ORM loads on first write.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from relationsapp.storage.text_folding import fold

BUSY_TIMEOUT_MS = 5000


def configure_connection(connection: sqlite3.Connection) -> None:
    """Pragmas and SQL functions for one raw sqlite3 connection (app or migration)."""
    connection.create_function("ra_fold", 1, fold, deterministic=True)
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    # WAL lets the UI read while a worker writes; FULL syncs the WAL on every commit so
    # a power cut after "saved" never loses the edit.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.close()


def open_reader(path: Path) -> sqlite3.Connection:
    """An autocommit connection for reads: every query sees the latest committed data."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    configure_connection(connection)
    return connection
