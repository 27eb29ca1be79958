"""The migrations build exactly the schema the ORM models describe (no drift)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from relationsapp.storage import models
from relationsapp.storage.base import Base
from relationsapp.storage.database import Database

# Made by migrations on purpose and kept out of the models: the search index and its
# helpers are maintained by triggers, not by the ORM.
NOT_IN_MODELS = ("contact_fts", "contact_tags", "ix_contact_emails_address_nocase")


def _names(diff: object) -> str:
    return repr(diff)


def test_every_model_is_known_to_the_metadata() -> None:
    assert {"accounts", "contacts", "meetings", "meeting_participants"} <= set(
        models.Base.metadata.tables
    )


def test_migrated_file_has_the_tables_columns_and_indexes_of_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    unexpected = [d for d in differences if not any(name in _names(d) for name in NOT_IN_MODELS)]
    assert unexpected == []
