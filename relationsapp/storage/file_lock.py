"""One process at a time per database file, told clearly instead of corrupting data.

SQLite's own locking keeps single statements safe, but two app windows each holding
an undo stack over the same rows would overwrite each other's edits. An OS-level
advisory lock on ``<file>.lock`` is released by the OS when the process dies, so a
crash never leaves a stale lock behind.
"""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from typing import IO

from relationsapp.storage.errors import DatabaseLockedError


class FileLock:
    """An exclusive lock held on ``path`` + ``.lock`` until ``release()``."""

    def __init__(self, database_path: Path) -> None:
        self.path = database_path.with_name(database_path.name + ".lock")
        self._database_path = database_path
        self._stream: IO[str] | None = None

    def acquire(self) -> None:
        stream = self.path.open("a+", encoding="utf-8")
        try:
            _lock_stream(stream)
        except OSError:
            stream.seek(0)
            holder = stream.read().strip() or "?"
            stream.close()
            raise DatabaseLockedError(self._database_path, holder) from None
        stream.seek(0)
        stream.truncate()
        stream.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
        stream.flush()
        self._stream = stream

    def release(self) -> None:
        if self._stream is None:
            return
        stream, self._stream = self._stream, None
        stream.seek(0)
        stream.truncate()
        _unlock_stream(stream)
        stream.close()


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _lock_stream(stream: IO[str]) -> None:
        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_NBLCK, 1)

    def _unlock_stream(stream: IO[str]) -> None:
        stream.seek(0)
        msvcrt.locking(stream.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock_stream(stream: IO[str]) -> None:
        fcntl.flock(stream.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _unlock_stream(stream: IO[str]) -> None:
        fcntl.flock(stream.fileno(), fcntl.LOCK_UN)
