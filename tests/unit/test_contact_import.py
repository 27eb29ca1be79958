"""Importing people: the corpus in, nothing lost, a second import adds nobody,
duplicates held back, bad values kept under other fields, undo and redo, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from relationsapp.core.contact_import import (
    RowState,
    apply_contact_import,
    plan_contact_import,
    redo_contact_import,
    undo_contact_import,
)
from relationsapp.core.contact_search import ContactQuery, IndexedContactSearch
from relationsapp.core.contact_service import ContactService
from relationsapp.core.records import ContactDraft, EmailEntry
from relationsapp.storage.database import Database, open_database
from tests.unit.test_cli import run

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "vcards"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not here")


def vcf(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def live_ids(database: Database) -> list[int]:
    return IndexedContactSearch(database).contact_ids(ContactQuery())


TWO_CARDS = """BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:7d6c1f1e-0001-4000-8000-000000000001
FN:Søren Ærø
N:Ærø;Søren;;;
EMAIL;TYPE=work:soren@example.dk
TEL;TYPE=cell:+45 20 12 34 56
ORG:Nordlys A/S
X-SKYPE:soren.aero
END:VCARD
BEGIN:VCARD
VERSION:4.0
UID:urn:uuid:7d6c1f1e-0001-4000-8000-000000000002
FN:山田 太郎
N:山田;太郎;;;
EMAIL:taro@example.jp
TEL:12
ORG:Nordlys A/S
END:VCARD
"""


def test_every_card_is_imported_with_its_text_and_unknown_fields(
    database: Database, tmp_path: Path
) -> None:
    path = vcf(tmp_path, "two.vcf", TWO_CARDS)

    plan = plan_contact_import(database, [path])
    assert [row.state for row in plan.rows] == [RowState.NEW, RowState.NEW]
    result = apply_contact_import(database, plan)

    assert len(result.imported_ids) == 2
    assert len(result.created_account_ids) == 1  # one account for both, not two
    contacts = ContactService(database)
    soren = contacts.get(result.imported_ids[0])
    assert (soren.draft.given_name, soren.draft.family_name) == ("Søren", "Ærø")
    assert soren.account_name == "Nordlys A/S"
    assert soren.draft.phones[0].number == "+4520123456"
    assert any(field.name == "X-SKYPE" for field in soren.draft.other_fields)
    taro = contacts.get(result.imported_ids[1])
    # "12" is no phone number: kept under other fields, and the import says so.
    assert not taro.draft.phones
    assert any(f.name == "TEL" and f.value == "12" for f in taro.draft.other_fields)
    assert any("12" in warning for warning in plan.rows[1].record.warnings)


def test_importing_the_same_file_again_adds_nobody(database: Database, tmp_path: Path) -> None:
    path = vcf(tmp_path, "two.vcf", TWO_CARDS)
    apply_contact_import(database, plan_contact_import(database, [path]))
    before = live_ids(database)

    plan = plan_contact_import(database, [path])

    assert [row.state for row in plan.rows] == [RowState.UNCHANGED, RowState.UNCHANGED]
    result = apply_contact_import(database, plan)
    assert result.imported_ids == [] and live_ids(database) == before


def test_a_changed_card_updates_the_contact_it_came_from(
    database: Database, tmp_path: Path
) -> None:
    first = vcf(tmp_path, "v1.vcf", TWO_CARDS)
    apply_contact_import(database, plan_contact_import(database, [first]))
    changed = vcf(tmp_path, "v2.vcf", TWO_CARDS.replace("soren@example.dk", "soren@nordlys.dk", 1))

    plan = plan_contact_import(database, [changed])
    assert plan.rows[0].state == RowState.UPDATE
    result = apply_contact_import(database, plan)

    updated = ContactService(database).get(result.updated[0][0])
    assert [e.address for e in updated.draft.emails] == ["soren@nordlys.dk"]
    undo_contact_import(database, result)
    restored = ContactService(database).get(result.updated[0][0])
    assert [e.address for e in restored.draft.emails] == ["soren@example.dk"]


def test_a_duplicate_of_a_stored_contact_is_held_back_unless_included(
    database: Database, tmp_path: Path
) -> None:
    ContactService(database).create(
        ContactDraft(
            given_name="Soren",
            family_name="Aero",
            country="DK",
            emails=[EmailEntry("SOREN@example.dk")],
        )
    )
    path = vcf(tmp_path, "two.vcf", TWO_CARDS)

    plan = plan_contact_import(database, [path])

    duplicate = plan.rows[0]
    assert duplicate.state == RowState.DUPLICATE and duplicate.target_id is not None
    assert "soren@example.dk" in duplicate.reason.casefold()
    assert "like Soren Aero" in duplicate.reason  # who it looks like, not only why
    result = apply_contact_import(database, plan)
    assert len(result.imported_ids) == 1
    assert any("duplicate" in record.reason for record in result.skipped)


def test_two_cards_for_one_person_in_the_files_are_one_person(
    database: Database, tmp_path: Path
) -> None:
    one = vcf(tmp_path, "a.vcf", TWO_CARDS)
    other = vcf(tmp_path, "b.vcf", TWO_CARDS.replace("urn:uuid:7d6c1f1e-0001", "urn:uuid:ffff"))

    plan = plan_contact_import(database, [one, other])

    states = [row.state for row in plan.rows]
    assert states == [RowState.NEW, RowState.NEW, RowState.DUPLICATE, RowState.DUPLICATE]
    assert "a.vcf" in plan.rows[2].reason


def test_undo_takes_the_whole_import_back_and_redo_brings_it(
    database: Database, tmp_path: Path
) -> None:
    path = vcf(tmp_path, "two.vcf", TWO_CARDS)
    result = apply_contact_import(database, plan_contact_import(database, [path]))

    undo_contact_import(database, result)
    assert live_ids(database) == []
    assert IndexedContactSearch(database).contact_ids(ContactQuery(text="Søren")) == []

    redo_contact_import(database, result)
    assert sorted(live_ids(database)) == sorted(result.imported_ids)


def test_an_unreadable_file_is_reported_with_its_line_and_imports_nothing(
    database: Database, tmp_path: Path
) -> None:
    broken = vcf(tmp_path, "broken.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Half a card\n")

    plan = plan_contact_import(database, [broken])

    assert plan.rows == []
    assert [(Path(s.source).name, s.line > 0) for s in plan.skipped] == [("broken.vcf", True)]


@needs_corpus
def test_the_whole_corpus_imports_and_a_second_import_adds_nobody(database: Database) -> None:
    files = sorted(CORPUS.rglob("*.vcf"))

    plan = plan_contact_import(database, files)
    result = apply_contact_import(database, plan)

    assert len(result.imported_ids) >= 25
    bad = {Path(record.source).name for record in plan.skipped}
    assert "unparsable.vcf" in bad
    again = plan_contact_import(database, files)
    assert again.count(RowState.NEW) == 0


def test_cli_import_prints_the_report(db_path: Path, tmp_path: Path) -> None:
    with open_database(db_path):
        pass
    good = vcf(tmp_path, "two.vcf", TWO_CARDS)
    broken = vcf(tmp_path, "broken.vcf", "BEGIN:VCARD\nVERSION:3.0\nFN:Half\n")

    code, output = run("--db", str(db_path), "import", str(good), str(broken), "--json")

    report = json.loads(output)
    assert code == 1  # something was skipped
    assert (report["imported"], report["updated"], report["duplicates"]) == (2, 0, 0)
    assert report["skipped"][0]["file"] == str(broken) and report["skipped"][0]["line"] >= 1
    code, output = run("--db", str(db_path), "import", str(good), "--json", "--dry-run")
    assert json.loads(output)["imported"] == 0 and json.loads(output)["unchanged"] == 2


def test_export_then_import_into_a_new_file_changes_nothing(db_path: Path, tmp_path: Path) -> None:
    with open_database(db_path):
        pass
    run("--db", str(db_path), "import", str(vcf(tmp_path, "two.vcf", TWO_CARDS)))
    exported = tmp_path / "out.vcf"

    code, _output = run("--db", str(db_path), "export", "--format", "vcard", "-o", str(exported))
    assert code == 0
    second = tmp_path / "second.sqlite"
    with open_database(second):
        pass
    run("--db", str(second), "import", str(exported))

    def people(path: Path) -> list[tuple[str, str, list[str], str]]:
        with open_database(path, lock=False) as database:
            contacts = ContactService(database)
            found = [contacts.get(i) for i in live_ids(database)]
            return sorted(
                (d.display_name, d.account_name, [e.address for e in d.draft.emails], d.draft.notes)
                for d in found
            )

    assert people(second) == people(db_path)


def test_csv_export_is_excel_safe_unless_raw(db_path: Path, tmp_path: Path) -> None:
    with open_database(db_path) as database:
        ContactService(database).create(
            ContactDraft(given_name='=HYPERLINK("http://x")', family_name="Evil")
        )
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"

    run("--db", str(db_path), "export", "--format", "csv", "-o", str(safe))
    run("--db", str(db_path), "export", "--format", "csv", "--raw", "-o", str(raw))

    assert "'=HYPERLINK" in safe.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" not in raw.read_text(encoding="utf-8-sig")


def test_meetings_export_as_icalendar(db_path: Path, tmp_path: Path) -> None:
    import datetime as dt

    from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService

    with open_database(db_path) as database:
        MeetingService(database).book(
            MeetingDraft(
                title="Tokyo review",
                start_utc=dt.datetime(2027, 3, 8, 1, tzinfo=dt.UTC),
                organiser_zone="Asia/Tokyo",
                attendees=[MeetingAttendee("Me", "Asia/Tokyo")],
            )
        )
    target = tmp_path / "meetings.ics"

    code, _output = run("--db", str(db_path), "export", "--format", "ics", "-o", str(target))

    text = target.read_text(encoding="utf-8")
    assert code == 0 and text.count("BEGIN:VEVENT") == 1
    assert "SUMMARY:Tokyo review" in text and "BEGIN:VTIMEZONE" in text


def test_a_csv_column_kept_as_an_other_field_survives_a_vcard_export(
    database: Database, tmp_path: Path
) -> None:
    from relationsapp.core.records import OtherField
    from relationsapp.interop.vcard_mapping import read_vcard_bytes
    from relationsapp.interop.vcard_writer import write_vcards

    contact_id = ContactService(database).create(
        ContactDraft(
            given_name="Ada",
            family_name="Lund",
            other_fields=[OtherField("X-CSV-Website 1 - Type", "Profile: work")],
        )
    )

    text = write_vcards([ContactService(database).get(contact_id)])

    assert "X-CSV-Website-1-Type:Profile: work" in text
    (back,) = read_vcard_bytes(text, "export.vcf").contacts
    assert OtherField("X-CSV-WEBSITE-1-TYPE", "Profile: work") in back.draft.other_fields or any(
        field.value == "Profile: work" for field in back.draft.other_fields
    )
