"""Alembic environment: always run in-process on a connection RelationsApp hands over."""

from __future__ import annotations

from alembic import context

from relationsapp.storage.base import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only `alembic revision --autogenerate` by hand
    raise RuntimeError("RelationsApp migrations run through relationsapp.storage.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies tables
)
with context.begin_transaction():
    context.run_migrations()
