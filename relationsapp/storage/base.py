"""Declarative base, naming convention and the columns every user record carries."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, MetaData, String, TypeDecorator, text
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from relationsapp.storage.ids import new_uid

# Stable constraint names, so Alembic migrations can name what they alter.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class UtcDateTime(TypeDecorator[dt.datetime]):
    """An instant stored as naive UTC text and read back as an aware UTC datetime.

    SQLite has no time zone type; storing everything in UTC and attaching UTC on
    the way out means no caller ever compares a naive and an aware datetime.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given where a UTC instant is required")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


# Defaults in the schema itself, so rows written by other tools (or a future sync
# server) are still complete. The app writes time-ordered UUIDv7 ids; the SQL fallback
# is a random UUIDv4 in the same text form.
SQL_UID_DEFAULT = (
    "(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
    "substr(lower(hex(randomblob(2))), 2) || '-' || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || "
    "'-' || lower(hex(randomblob(6))))"
)
SQL_NOW_DEFAULT = "CURRENT_TIMESTAMP"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class RecordMixin:
    """uid, created/updated instants and the deletion tombstone of a user record."""

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(
        String(36), default=new_uid, server_default=text(SQL_UID_DEFAULT), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        UtcDateTime, default=utc_now, server_default=text(SQL_NOW_DEFAULT)
    )
    updated_at: Mapped[dt.datetime] = mapped_column(
        UtcDateTime, default=utc_now, onupdate=utc_now, server_default=text(SQL_NOW_DEFAULT)
    )
    deleted_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
