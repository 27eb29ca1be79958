"""The database file: opened safely, migrated with a backup, refused untouched when foreign."""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import exc as sa_exc

from relationsapp.core.bulk_loader import LoadCancelled, insert_contacts
from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
from relationsapp.core.contact_service import ContactService
from relationsapp.core.interaction_service import InteractionService
from relationsapp.core.open_messages import open_error_message
from relationsapp.core.records import ContactDraft, OtherField
from relationsapp.storage.database import Database, open_database
from relationsapp.storage.engine import create_sqlite_engine
from relationsapp.storage.errors import (
    DatabaseLockedError,
    ForeignDatabaseError,
    NewerSchemaError,
    NotADatabaseError,
)
from relationsapp.storage.ids import new_uid
from relationsapp.storage.migrate import MIGRATIONS_DIR
from relationsapp.storage.schema_revisions import HEAD_REVISION, KNOWN_REVISIONS
from tests.helpers.factories import count_rows, file_digest, jorgen, query_file, row_counts


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def test_known_revisions_match_the_migration_scripts() -> None:
    scripts = ScriptDirectory.from_config(alembic_config())
    history = [script.revision for script in scripts.walk_revisions()][::-1]  # oldest first
    assert list(KNOWN_REVISIONS) == history
    assert scripts.get_current_head() == HEAD_REVISION


def test_new_file_is_at_the_latest_revision_in_wal_mode(database: Database) -> None:
    assert query_file(database.path, "SELECT version_num FROM alembic_version") == [
        (HEAD_REVISION,)
    ]
    assert query_file(database.path, "PRAGMA journal_mode") == [("wal",)]
    assert database.backup_path is None  # nothing to back up in a new file


def test_new_file_enforces_foreign_keys(database: Database) -> None:
    with database.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        with pytest.raises(sa_exc.IntegrityError):
            connection.exec_driver_sql(
                "INSERT INTO contact_emails (contact_id, address) VALUES (4242, 'a@b.dk')"
            )


@pytest.fixture
def file_at_0001(db_path: Path) -> Path:
    """A file made by the first release (schema 0001) holding Jørgen Sørensen."""
    engine = create_sqlite_engine(db_path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        # Written as that release wrote it: its columns only (later ones did not exist).
        connection.exec_driver_sql(
            "INSERT INTO contacts (given_name, family_name, display_name, latin_name, sort_key,"
            " country, time_zone) VALUES ('Jørgen', 'Sørensen', 'Jørgen Sørensen',"
            " 'Jørgen Sørensen', 'sorensen jorgen', 'DK', 'Europe/Copenhagen')"
        )
    engine.dispose()
    assert query_file(db_path, "SELECT version_num FROM alembic_version") == [("0001",)]
    return db_path


def test_opening_an_old_file_upgrades_it_and_keeps_its_contacts(file_at_0001: Path) -> None:
    with open_database(file_at_0001) as database:
        assert query_file(file_at_0001, "SELECT version_num FROM alembic_version") == [
            (HEAD_REVISION,)
        ]
        ids = IndexedContactSearch(database).contact_ids(ContactQuery(text="jorgen"))
        assert [ContactService(database).get(i).display_name for i in ids] == ["Jørgen Sørensen"]
        indexes = query_file(
            file_at_0001,
            "SELECT name FROM sqlite_master WHERE type = 'index' AND name = ?",
            "ix_contact_emails_address_nocase",
        )
        assert indexes == [("ix_contact_emails_address_nocase",)]


def test_upgrade_leaves_a_verified_copy_of_the_old_file(file_at_0001: Path) -> None:
    with open_database(file_at_0001) as database:
        backup = database.backup_path
    assert backup is not None and backup.exists()
    assert backup.parent == file_at_0001.parent
    assert query_file(backup, "PRAGMA integrity_check") == [("ok",)]
    assert query_file(backup, "SELECT version_num FROM alembic_version") == [("0001",)]
    assert query_file(backup, "SELECT display_name FROM contacts") == [("Jørgen Sørensen",)]


@pytest.fixture
def file_at_0007(db_path: Path) -> Path:
    """A file made before notes could be marked sensitive (schema 0007): Jørgen, with
    personal notes, and a call logged with him."""
    engine = create_sqlite_engine(db_path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
        connection.exec_driver_sql(
            "INSERT INTO contacts (given_name, family_name, display_name, latin_name, sort_key,"
            " country, time_zone, notes) VALUES ('Jørgen', 'Sørensen', 'Jørgen Sørensen',"
            " 'Jørgen Sørensen', 'sorensen jorgen', 'DK', 'Europe/Copenhagen',"
            " 'Wife in hospital; ask gently.')"
        )
        connection.exec_driver_sql(
            "INSERT INTO interactions (kind, direction, occurred_at, zone, contact_id, summary,"
            " outcome) VALUES ('call', 'out', '2027-03-12 13:00:00.000000', 'Europe/Copenhagen',"
            " 1, 'Budget for the pump line', 'Quote by Friday')"
        )
    engine.dispose()
    assert query_file(db_path, "SELECT version_num FROM alembic_version") == [("0007",)]
    return db_path


def test_an_0007_file_keeps_its_notes_and_nothing_in_it_becomes_sensitive(
    file_at_0007: Path,
) -> None:
    with open_database(file_at_0007) as database:
        assert query_file(file_at_0007, "SELECT version_num FROM alembic_version") == [
            (HEAD_REVISION,)
        ]
        [contact_id] = IndexedContactSearch(database).contact_ids(ContactQuery(text="jorgen"))
        contact = ContactService(database).get(contact_id).draft
        assert contact.notes == "Wife in hospital; ask gently."
        assert contact.notes_sensitive is False  # printed as before until the user says so
        [call] = InteractionService(database).timeline(contact_id=contact_id)
        assert (call.draft.summary, call.draft.outcome) == (
            "Budget for the pump line",
            "Quote by Friday",
        )
        assert call.draft.sensitive is False


def test_an_upgraded_file_stores_the_sensitive_flags(file_at_0007: Path) -> None:
    with open_database(file_at_0007) as database:
        contacts, interactions = ContactService(database), InteractionService(database)
        [contact_id] = IndexedContactSearch(database).contact_ids(ContactQuery(text="jorgen"))
        [call] = interactions.timeline(contact_id=contact_id)
        draft = contacts.get(contact_id).draft
        contacts.update(contact_id, replace(draft, notes_sensitive=True))
        interactions.update(call.id, replace(call.draft, sensitive=True))
    with open_database(file_at_0007) as database:  # reopened: read from the file itself
        assert ContactService(database).get(contact_id).draft.notes_sensitive is True
        assert InteractionService(database).get(call.id).draft.sensitive is True


@pytest.fixture
def file_at_0008(db_path: Path) -> Path:
    """A file made before imports kept other fields, photos and outside UIDs (0008)."""
    engine = create_sqlite_engine(db_path)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0008")
        connection.exec_driver_sql(
            "INSERT INTO contacts (given_name, family_name, display_name, latin_name, sort_key,"
            " country, time_zone, notes, notes_sensitive, birthday) VALUES ('Jørgen',"
            " 'Sørensen', 'Jørgen Sørensen', 'Jørgen Sørensen', 'sorensen jorgen', 'DK',"
            " 'Europe/Copenhagen', 'Wife in hospital; ask gently.', 1, '1971-04-12')"
        )
    engine.dispose()
    assert query_file(db_path, "SELECT version_num FROM alembic_version") == [("0008",)]
    return db_path


def test_an_0008_file_keeps_its_contacts_with_no_imported_fields(file_at_0008: Path) -> None:
    with open_database(file_at_0008) as database:
        [contact_id] = IndexedContactSearch(database).contact_ids(ContactQuery(text="hospital"))
        contact = ContactService(database).get(contact_id).draft
    assert (contact.notes, contact.notes_sensitive) == ("Wife in hospital; ask gently.", True)
    assert contact.birthday == dt.date(1971, 4, 12)
    assert (contact.other_fields, contact.photo, contact.photo_type, contact.external_uid) == (
        [],
        None,
        "",
        "",
    )
    assert query_file(
        file_at_0008, "SELECT other_fields, photo, photo_type, external_uid FROM contacts"
    ) == [("[]", None, "", "")]
    indexes = {row[1] for row in query_file(file_at_0008, "PRAGMA index_list(contacts)")}
    assert "ix_contacts_external_uid" in indexes


def test_an_upgraded_0008_file_stores_imported_fields_and_still_finds_by_name(
    file_at_0008: Path,
) -> None:
    skype = OtherField("X-SKYPE", "jdoe", (("TYPE", "HOME"),))
    with open_database(file_at_0008) as database:
        [contact_id] = IndexedContactSearch(database).contact_ids(ContactQuery(text="jorgen"))
        contacts = ContactService(database)
        draft = contacts.get(contact_id).draft
        contacts.update(
            contact_id,
            replace(draft, other_fields=[skype], photo=b"\xff\xd8\xff", photo_type="image/jpeg"),
        )
    with open_database(file_at_0008) as database:  # reopened: read from the file itself
        draft = ContactService(database).get(contact_id).draft
        # The search triggers survived the new columns: the edited row is still found.
        found = IndexedContactSearch(database).contact_ids(ContactQuery(text="sorensen"))
    assert (draft.other_fields, draft.photo, draft.photo_type) == (
        [skype],
        b"\xff\xd8\xff",
        "image/jpeg",
    )
    assert found == [contact_id]


def test_reopening_an_up_to_date_file_makes_no_backup(db_path: Path) -> None:
    open_database(db_path).close()
    with open_database(db_path) as database:
        assert database.backup_path is None
    assert sorted(p.name for p in db_path.parent.glob("*.before-*")) == []


@pytest.fixture
def newer_file(db_path: Path) -> Path:
    open_database(db_path).close()
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.close()
    return db_path


def test_file_from_a_newer_version_is_refused_untouched(newer_file: Path) -> None:
    before = file_digest(newer_file)
    with pytest.raises(NewerSchemaError) as caught:
        open_database(newer_file)
    assert file_digest(newer_file) == before
    assert caught.value.found == "9999"
    message = open_error_message(caught.value)
    assert "newer version" in message
    assert str(newer_file) in message
    assert list(newer_file.parent.glob("*.before-*")) == []


def test_refused_file_does_not_stay_locked(newer_file: Path) -> None:
    with pytest.raises(NewerSchemaError):
        open_database(newer_file)
    connection = sqlite3.connect(newer_file)
    with connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (HEAD_REVISION,))
    connection.close()
    open_database(newer_file).close()  # no DatabaseLockedError from the refused attempt


def test_file_of_random_bytes_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(random.Random(7).randbytes(8192))
    before = file_digest(db_path)
    with pytest.raises(NotADatabaseError) as caught:
        open_database(db_path)
    assert file_digest(db_path) == before
    assert "not a RelationsApp database" in open_error_message(caught.value)


def test_sqlite_file_of_another_program_is_refused_untouched(db_path: Path) -> None:
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
        connection.execute("INSERT INTO songs VALUES ('Blue Monday')")
    connection.close()
    before = file_digest(db_path)
    with pytest.raises(ForeignDatabaseError) as caught:
        open_database(db_path)
    assert file_digest(db_path) == before
    assert "another program" in open_error_message(caught.value)


@pytest.mark.parametrize("folder", ["Sales #1", "Q&A? 2027"])
def test_foreign_file_in_a_folder_with_url_characters_is_refused_untouched(
    tmp_path: Path, folder: str
) -> None:
    path = tmp_path / folder / "music.sqlite"
    path.parent.mkdir()
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("CREATE TABLE songs (title TEXT)")
    connection.close()
    before = file_digest(path)
    with pytest.raises(ForeignDatabaseError):
        open_database(path).close()
    assert file_digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]  # no stray files


@pytest.mark.parametrize("folder", ["Sales #1", "Q&A? 2027", "100% done"])
def test_new_file_is_made_exactly_where_asked(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "clients.sqlite"
    path.parent.mkdir()
    with open_database(path) as database:
        ContactService(database).create(jorgen())
    assert path.exists()
    assert query_file(path, "SELECT display_name FROM contacts") == [("Jørgen Sørensen",)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]


def test_second_open_of_the_same_file_names_the_process_holding_it(db_path: Path) -> None:
    first = open_database(db_path)
    try:
        with pytest.raises(DatabaseLockedError) as caught:
            open_database(db_path)
        assert f"pid {os.getpid()}" in caught.value.holder
        assert f"pid {os.getpid()}" in open_error_message(caught.value)
    finally:
        first.close()
    second = open_database(db_path)
    second.close()


def test_unlocked_open_works_beside_a_locked_one(db_path: Path) -> None:
    with open_database(db_path) as app:
        ContactService(app).create(jorgen())
        with open_database(db_path, lock=False) as companion:
            ids = IndexedContactSearch(companion).contact_ids(ContactQuery(text="sorensen"))
            assert len(ids) == 1


def test_uids_are_time_ordered_uuid7() -> None:
    uids = [new_uid() for _ in range(10_000)]
    assert len(set(uids)) == len(uids)
    assert uids == sorted(uids)
    for value in (uids[0], uids[-1]):
        parsed = uuid.UUID(value)
        assert parsed.version == 7
        assert parsed.variant == uuid.RFC_4122
        assert str(parsed) == value


def test_records_get_uuid7_uids(database: Database) -> None:
    details = ContactService(database).get(ContactService(database).create(jorgen()))
    assert uuid.UUID(details.uid).version == 7


def test_instants_come_back_as_aware_utc(database: Database) -> None:
    contacts = ContactService(database)
    before = dt.datetime.now(dt.UTC)
    details = contacts.get(contacts.create(jorgen()))
    assert details.created_at.utcoffset() == dt.timedelta(0)
    assert details.updated_at.tzinfo is not None
    # Naive-vs-aware comparisons would raise; a local-time mix-up would be hours off.
    assert abs(details.created_at - before) < dt.timedelta(hours=1)


def drafts(count: int) -> Iterator[ContactDraft]:
    for number in range(count):
        yield ContactDraft(given_name=f"Person{number}", family_name="Test", country="DK")


def test_bulk_load_cancelled_by_progress_stores_nothing(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("relationsapp.core.bulk_loader.CHUNK", 10)
    calls: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool:
        calls.append((done, total))
        return done < 20  # cancel after the second chunk

    before = row_counts(database)
    with pytest.raises(LoadCancelled), database.session() as session, session.begin():
        insert_contacts(session, drafts(50), 50, progress=progress)
    assert calls == [(10, 50), (20, 50)]
    assert row_counts(database) == before
    assert IndexedContactSearch(database).contact_ids(ContactQuery(text="person")) == []


def test_bulk_load_reports_progress_and_stores_everything(database: Database) -> None:
    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return True

    with database.session() as session, session.begin():
        assert insert_contacts(session, drafts(30), 30, progress=progress) == 30
    assert seen[-1] == 30
    assert count_rows(database, "contacts") == 30
    assert len(IndexedContactSearch(database).contact_ids(ContactQuery(text="person1"))) == 11
