"""Open a RelationsApp file: lock, check, back up, migrate, and hand out sessions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from relationsapp.storage.engine import create_sqlite_engine
from relationsapp.storage.errors import DatabaseMissingError
from relationsapp.storage.file_lock import FileLock
from relationsapp.storage.migrate import (
    backup_before_migration,
    check_revision,
    read_revision,
    upgrade_to_head,
)


class Database:
    """One open database file. Create with :func:`open_database`; ``close()`` when done."""

    def __init__(self, path: Path, engine: Engine, lock: FileLock | None) -> None:
        self.path = path
        self.engine = engine
        self._lock = lock
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        #: Where the safety copy made before a migration went, if one was made.
        self.backup_path: Path | None = None

    def session(self) -> Session:
        """A new session for one short unit of work (use as a context manager)."""
        return self._sessions()

    def close(self) -> None:
        self.engine.dispose()
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
        engine = create_sqlite_engine(path)
        backup = None
        if needs_migration:
            if not held:
                file_lock.acquire()
                held = True
            revision = read_revision(path)  # another process may have migrated meanwhile
            if check_revision(path, revision):
                backup = backup_before_migration(path, revision) if revision else None
                upgrade_to_head(engine)
            if not lock:
                file_lock.release()
                held = False
    except BaseException:
        if held:
            file_lock.release()
        raise
    database = Database(path, engine, file_lock if lock else None)
    database.backup_path = backup
    return database
