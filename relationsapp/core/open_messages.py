"""What to tell a person when a database file cannot be opened (nothing was changed)."""

from __future__ import annotations

from relationsapp.i18n.translate import _
from relationsapp.storage.errors import (
    BackupFailedError,
    DatabaseLockedError,
    DatabaseMissingError,
    DatabaseOpenError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)


def open_error_message(error: DatabaseOpenError) -> str:
    """A translated sentence naming the file, what is wrong and that nothing changed."""
    path = str(error.path)
    if isinstance(error, DatabaseMissingError):
        return _(
            "There is no database at %(path)s. Start the app or run “relationsapp demo” "
            "to create one."
        ) % {"path": path}
    if isinstance(error, NewerSchemaError):
        return _(
            "%(path)s was written by a newer version of RelationsApp (schema %(found)s; "
            "this version knows up to %(known)s). Update RelationsApp to open it. "
            "The file was not changed."
        ) % {"path": path, "found": error.found, "known": error.newest_known}
    if isinstance(error, DatabaseLockedError):
        return _(
            "%(path)s is already open in another RelationsApp window (%(holder)s). "
            "Close it there first."
        ) % {"path": path, "holder": error.holder}
    if isinstance(error, NotADatabaseError):
        return _(
            "%(path)s is not a RelationsApp database or is damaged (%(detail)s). "
            "The file was not changed."
        ) % {"path": path, "detail": error.detail}
    if isinstance(error, ForeignDatabaseError):
        return _(
            "%(path)s is an SQLite database from another program, not a RelationsApp file. "
            "The file was not changed."
        ) % {"path": path}
    if isinstance(error, BackupFailedError):
        return _(
            "%(path)s needs updating, but the safety copy could not be made (%(detail)s). "
            "Nothing was changed; free some disk space and try again."
        ) % {"path": path, "detail": error.detail}
    return _("%(path)s could not be opened.") % {"path": path}
