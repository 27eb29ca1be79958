"""Bring a file to the current schema: check it, copy it, then run Alembic.

Order matters for "no data ever lost": the file is inspected read-only first (not a
database? written by a newer version? → refuse, untouched), then a verified backup
copy is made, and only then are migrations applied.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from relationsapp.storage.errors import (
    BackupFailedError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)
from relationsapp.storage.schema_revisions import HEAD_REVISION, KNOWN_REVISIONS

if TYPE_CHECKING:
    from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _read_only_uri(path: Path) -> str:
    # as_uri() percent-encodes the path: a folder named "Sales #1" or "Q&A?" must not
    # be read as a URI fragment or query (which would open a different file).
    return f"{path.resolve().as_uri()}?mode=ro"


def read_revision(path: Path) -> str | None:
    """The schema revision stored in ``path``; None for a new or empty file.

    Raises NotADatabaseError or ForeignDatabaseError without writing anything.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    try:
        connection = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        raise NotADatabaseError(path, str(error)) from error
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if not tables:
            return None
        if "alembic_version" not in tables:
            raise ForeignDatabaseError(path)
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError as error:
        raise NotADatabaseError(path, str(error)) from error
    finally:
        connection.close()


def check_revision(path: Path, revision: str | None) -> bool:
    """True when the file needs migrating; raises when this version cannot open it."""
    if revision is None:
        return True
    if revision not in KNOWN_REVISIONS:
        raise NewerSchemaError(path, revision, HEAD_REVISION)
    return revision != HEAD_REVISION


def backup_before_migration(path: Path, revision: str) -> Path:
    """A verified copy of ``path`` beside it, named after the revisions and the time."""
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(
        f"{path.stem}.before-{revision}-to-{HEAD_REVISION}-{stamp}{path.suffix}"
    )
    try:
        source = sqlite3.connect(_read_only_uri(path), uri=True)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
            verdict = copy.execute("PRAGMA integrity_check").fetchone()[0]
            copied = copy.execute("SELECT version_num FROM alembic_version").fetchone()[0]
        finally:
            copy.close()
            source.close()
    except sqlite3.Error as error:
        raise BackupFailedError(path, str(error)) from error
    if verdict != "ok" or copied != revision:
        raise BackupFailedError(path, f"integrity check of {target.name}: {verdict}")
    return target


def upgrade_to_head(engine: Engine) -> None:
    """Run every pending Alembic migration in one transaction."""
    # Imported here: Alembic is only needed on the rare start that migrates.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
