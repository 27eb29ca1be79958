"""Open a RelationsApp file: lock, check, back up, migrate, and hand out sessions."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from relationsapp.storage.engine import create_sqlite_engine
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


def open_database(path: Path, *, lock: bool = True) -> Database:
    """Open (creating or migrating as needed) the file at ``path``.

    Raises a :class:`~relationsapp.storage.errors.DatabaseOpenError` subclass, leaving
    the file untouched, when it is not a database, is from a newer version, or is open
    in another RelationsApp process. ``lock=False`` is for read-only companions (the CLI's
    ``list``/``search``) that may run beside the app.
    """
    path = Path(path).expanduser().resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    file_lock = FileLock(path) if lock else None
    if file_lock is not None:
        file_lock.acquire()
    try:
        revision = read_revision(path)
        needs_migration = check_revision(path, revision)
        backup = backup_before_migration(path, revision) if needs_migration and revision else None
        engine = create_sqlite_engine(path)
        if needs_migration:
            upgrade_to_head(engine)
    except BaseException:
        if file_lock is not None:
            file_lock.release()
        raise
    database = Database(path, engine, file_lock)
    database.backup_path = backup
    return database
