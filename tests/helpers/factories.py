"""Small builders and probes shared by the unit tests (no Qt)."""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import replace
from pathlib import Path
from typing import Any

from sqlalchemy import text

from relationsapp.core.choices import NameOrder
from relationsapp.core.records import ContactDraft, EmailEntry
from relationsapp.storage.database import Database

#: Tables that hold user records, for "nothing was written" checks.
RECORD_TABLES = ("accounts", "contacts", "contact_emails", "contact_phones")


def count_rows(database: Database, table: str, where: str = "") -> int:
    """Rows in ``table`` (tombstoned ones included), optionally filtered by SQL ``where``."""
    assert table.isidentifier(), table
    sql = f"SELECT count(*) FROM {table}" + (f" WHERE {where}" if where else "")
    with database.engine.connect() as connection:
        return int(connection.execute(text(sql)).scalar_one())


def row_counts(database: Database) -> dict[str, int]:
    """Row count of every record table."""
    return {table: count_rows(database, table) for table in RECORD_TABLES}


def file_digest(path: Path) -> str:
    """SHA-256 of the file's bytes, to prove a refused file was not touched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def query_file(path: Path, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` read from ``path`` with plain, read-only sqlite3 (no app code)."""
    # as_uri() percent-encodes "#", "?" and "%", which a bare "file:" URI would misread.
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return list(connection.execute(sql, params).fetchall())
    finally:
        connection.close()


def jorgen(**changes: Any) -> ContactDraft:
    """Jørgen Sørensen of Copenhagen, a Danish contact with an e-mail address."""
    draft = ContactDraft(
        given_name="Jørgen",
        family_name="Sørensen",
        country="DK",
        time_zone="Europe/Copenhagen",
        emails=[EmailEntry("jorgen@pumpe.dk")],
    )
    return replace(draft, **changes)


def taro(**changes: Any) -> ContactDraft:
    """山田太郎 (Yamada Taro) of Tokyo, written family name first without a space."""
    draft = ContactDraft(
        given_name="太郎",
        family_name="山田",
        given_name_latin="Taro",
        family_name_latin="Yamada",
        name_order=NameOrder.FAMILY_FIRST,
        country="JP",
        time_zone="Asia/Tokyo",
        emails=[EmailEntry("taro@yamada.example.jp")],
    )
    return replace(draft, **changes)
