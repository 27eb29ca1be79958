"""Why a database file could not be opened. Messages for people are made in core."""

from __future__ import annotations

from pathlib import Path


class DatabaseOpenError(Exception):
    """The file was not opened and was not changed."""

    def __init__(self, path: Path) -> None:
        super().__init__(str(path))
        self.path = path


class NotADatabaseError(DatabaseOpenError):
    """The file is not an SQLite database (corrupt, encrypted, or another kind of file)."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path)
        self.detail = detail


class ForeignDatabaseError(DatabaseOpenError):
    """An SQLite database, but not one written by RelationsApp."""


class NewerSchemaError(DatabaseOpenError):
    """Written by a newer RelationsApp whose schema this version does not know."""

    def __init__(self, path: Path, found: str, newest_known: str) -> None:
        super().__init__(path)
        self.found = found
        self.newest_known = newest_known


class DatabaseLockedError(DatabaseOpenError):
    """Another RelationsApp process has the file open."""

    def __init__(self, path: Path, holder: str) -> None:
        super().__init__(path)
        self.holder = holder


class BackupFailedError(DatabaseOpenError):
    """The safety copy before a migration could not be made or verified."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(path)
        self.detail = detail


class DatabaseMissingError(DatabaseOpenError):
    """No file at that path, and the caller asked not to create one."""
