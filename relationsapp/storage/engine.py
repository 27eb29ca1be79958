"""The SQLAlchemy engine over one SQLite file, with the pragmas every connection needs."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

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


def create_sqlite_engine(path: Path) -> Engine:
    """An engine for ``path`` whose connections are all configured the same way."""
    # URL.create, not an f-string: a "?" or "#" in a folder name stays part of the path.
    engine = create_engine(URL.create("sqlite", database=str(path)))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite opens a transaction lazily; autocommit while setting pragmas, because
        # journal_mode cannot change inside a transaction.
        previous = dbapi_connection.isolation_level
        dbapi_connection.isolation_level = None
        configure_connection(dbapi_connection)
        dbapi_connection.isolation_level = previous

    return engine
