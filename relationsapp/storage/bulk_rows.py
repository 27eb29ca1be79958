"""Plain executemany for bulk inserts: the DB-API directly, no per-value type processing.

SQLAlchemy's executemany spends most of its time converting each value through the
column types (~45 µs a row here); bulk loads format the few non-text values once
themselves, in the same text form SQLAlchemy writes and reads for SQLite.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection

_DATETIME_FORMAT = "%Y-%m-%d %H:%M:%S.%f"  # what SQLAlchemy's SQLite DateTime stores


def _sql_value(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        return value.astimezone(dt.UTC).strftime(_DATETIME_FORMAT)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def insert_rows(connection: Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """INSERT every row (all with the same keys) into ``table`` in one executemany."""
    if not rows:
        return
    columns = list(rows[0])
    placeholders = ", ".join("?" * len(columns))
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})"
    connection.exec_driver_sql(
        sql, [tuple(_sql_value(row[column]) for column in columns) for row in rows]
    )
