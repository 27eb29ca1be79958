"""Open a RelationsApp file: lock, check, back up, migrate, and hand out sessions."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from relationsapp.storage.errors import DatabaseMissingError
from relationsapp.storage.file_lock import FileLock
from relationsapp.storage.migrate import (
    backup_before_migration,
    check_revision,
    read_revision,
    upgrade_to_head,
)
from relationsapp.storage.sqlite_connection import open_reader

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlalchemy.orm import Session, sessionmaker


class Database:
    """One open database file. Create with :func:`open_database`; ``close()`` when done.

    Reads on the hot path (the contact list, search) use :meth:`reader`, a plain
    sqlite3 connection per thread. Writes go through SQLAlchemy sessions; the engine is
    made on first use, so starting the app does not import SQLAlchemy.
    """

    def __init__(
        self, path: Path, engine: Engine | None = None, lock: FileLock | None = None
    ) -> None:
        self.path = path
        self._engine = engine
        self._lock = lock
        self._sessions: sessionmaker[Session] | None = None
        self._readers: list[sqlite3.Connection] = []
        self._local = threading.local()
        self._readers_lock = threading.Lock()
        #: Where the safety copy made before a migration went, if one was made.
        self.backup_path: Path | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from relationsapp.storage.engine import create_sqlite_engine

            self._engine = create_sqlite_engine(self.path)
        return self._engine

    def session(self) -> Session:
        """A new session for one short unit of work (use as a context manager)."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        return self._sessions()

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (autocommit; do not write through it)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = open_reader(self.path)
            self._local.connection = connection
            with self._readers_lock:
                self._readers.append(connection)
        return connection

    def close(self) -> None:
        with self._readers_lock:
            for connection in self._readers:
                connection.close()
            self._readers.clear()
        self._local = threading.local()
        if self._engine is not None:
            self._engine.dispose()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_database(path: Path, *, lock: bool = True, create: bool = True) -> Database:
    """Open (creating or migrating as needed) the file at ``path``.

    Raises a :class:`~relationsapp.storage.errors.DatabaseOpenError` subclass, leaving
    the file untouched, when it is not a database, is from a newer version, or is open
    in another RelationsApp process. ``lock=False`` is for read-only companions (the
    CLI's ``list``/``search``) that may run beside the app: they hold no lock, but a
    file that must be migrated is still migrated only under the lock. ``create=False``
    refuses to make a new file (``DatabaseMissingError``).
    """
    path = Path(path).expanduser().resolve()
    if not create and not path.exists():
        raise DatabaseMissingError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    file_lock = FileLock(path)
    held = False
    try:
        if lock:
            file_lock.acquire()
            held = True
        revision = read_revision(path)
        needs_migration = check_revision(path, revision)
        database = Database(path, None, file_lock if lock else None)
        backup = None
        if needs_migration:
            if not held:
                file_lock.acquire()
                held = True
            revision = read_revision(path)  # another process may have migrated meanwhile
            if check_revision(path, revision):
                backup = backup_before_migration(path, revision) if revision else None
                upgrade_to_head(database.engine)
            if not lock:
                file_lock.release()
                held = False
    except BaseException:
        if held:
            file_lock.release()
        raise
    database.backup_path = backup
    return database
