"""The SQLAlchemy engine over one SQLite file, with the pragmas every connection needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event

from relationsapp.storage.sqlite_connection import configure_connection


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
