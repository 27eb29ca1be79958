"""Merging two contacts keeps everything of both, and undoing it puts back exactly what was."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import text

from relationsapp.core.account_service import AccountService
from relationsapp.core.choices import EmailKind
from relationsapp.core.contact_merge import (
    LIST_FIELDS,
    NOTES,
    NOTES_SEPARATOR,
    SCALAR_FIELDS,
    MergeRecord,
    Side,
    contact_references,
    default_choices,
    draft_fields,
    history_counts,
    merge_contacts,
    merged_draft,
    unmerge,
)
from relationsapp.core.contact_service import ContactService
from relationsapp.core.deal_service import DealService, FeedbackDraft
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.interaction_service import InteractionDraft, InteractionService, PromiseDraft
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.records import AccountDraft, EmailEntry, PhoneEntry
from relationsapp.storage.database import Database
from tests.helpers.factories import jorgen

WHEN = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


def _history(database: Database, contact_id: int, other_id: int, label: str) -> None:
    """One interaction (with the other contact taking part), a promise made in it, a
    separate promise, CSAT feedback and a meeting, all for ``contact_id``."""
    interactions = InteractionService(database)
    interaction = interactions.log(
        InteractionDraft(
            occurred_at=WHEN,
            contact_id=contact_id,
            other_contact_ids=[other_id],
            summary=f"call {label}",
        ),
        [PromiseDraft(description=f"quote {label}", due_on=WHEN.date())],
    )
    interactions.add_promise(PromiseDraft(description=f"visit {label}", contact_id=contact_id))
    DealService(database).add_feedback(
        [FeedbackDraft(score=4, contact_id=contact_id, interaction_id=interaction)]
    )
    MeetingService(database).book(
        MeetingDraft(
            title=f"meeting {label}",
            start_utc=WHEN,
            organiser_zone="Europe/Copenhagen",
            attendees=[MeetingAttendee(label, "Europe/Copenhagen", "DK", contact_id=contact_id)],
        )
    )


def _pointers(database: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table that can point at a contact: (id, pointer, deleted)."""
    snapshot = {}
    with database.engine.connect() as connection:
        for table, column in contact_references():
            sql = f"SELECT id, {column}, deleted_at FROM {table.name} ORDER BY id"
            snapshot[f"{table.name}.{column}"] = list(connection.execute(text(sql)))
    return snapshot


def _children(database: Database, contact_id: int) -> list[tuple[Any, ...]]:
    """The contact's e-mail and phone rows as stored: uid, value, live or not."""
    with database.engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT 'e', uid, address, deleted_at IS NULL FROM contact_emails "
                    "WHERE contact_id = :id UNION ALL "
                    "SELECT 'p', uid, number, deleted_at IS NULL FROM contact_phones "
                    "WHERE contact_id = :id ORDER BY 1, 2"
                ),
                {"id": contact_id},
            )
        )


@pytest.fixture
def contacts(database: Database) -> ContactService:
    return ContactService(database)


@pytest.fixture
def pair(database: Database, contacts: ContactService) -> tuple[int, int]:
    """Jørgen twice: with history each, and the other one referred an account."""
    keep = contacts.create(
        jorgen(phones=[PhoneEntry("+4533123456")], tags=["vip"], notes="Likes sailing.")
    )
    other = contacts.create(
        jorgen(
            given_name="Jorgen",
            emails=[EmailEntry("JORGEN@pumpe.dk"), EmailEntry("js@home.dk", EmailKind.HOME)],
            phones=[PhoneEntry("+4520123456")],
            job_title="Buyer",
            tags=["VIP", "pumps"],
            notes="Two children.",
        )
    )
    _history(database, keep, other, "keep")
    _history(database, other, keep, "other")
    AccountService(database).create(AccountDraft(name="Hansen A/S", referred_by_contact_id=other))
    return keep, other


def test_every_draft_field_is_covered_by_one_merge_choice() -> None:
    covered = [name for names in SCALAR_FIELDS.values() for name in names]
    covered += [*LIST_FIELDS, NOTES, "notes_sensitive", "external_uid"]
    assert sorted(covered) == sorted(draft_fields())


def test_defaults_take_the_filled_in_side_and_the_union_of_lists() -> None:
    keep = jorgen(notes="Likes sailing.", tags=["vip"])
    other = jorgen(job_title="Buyer", tags=["VIP", "pumps"], notes="Two children.")
    choices = default_choices(keep, other)
    assert choices["job_title"] == Side.OTHER and choices["name"] == Side.KEEP
    merged = merged_draft(keep, other, {})
    assert merged.job_title == "Buyer"
    assert merged.tags == ["vip", "pumps"]
    assert merged.emails == [EmailEntry("jorgen@pumpe.dk")]
    assert merged.notes == "Likes sailing." + NOTES_SEPARATOR + "Two children."
    only_other = merged_draft(keep, other, {"tags": Side.OTHER, NOTES: Side.OTHER})
    assert only_other.tags == ["VIP", "pumps"] and only_other.notes == "Two children."


def test_the_newer_side_wins_where_both_differ() -> None:
    keep, other = jorgen(job_title="Buyer"), jorgen(job_title="Head of buying")
    assert default_choices(keep, other, other_is_newer=True)["job_title"] == Side.OTHER
    assert default_choices(keep, other)["job_title"] == Side.KEEP


def test_joined_notes_stay_private_if_either_side_was() -> None:
    keep = jorgen(notes="Public.")
    other = jorgen(notes="Health.", notes_sensitive=True)
    assert merged_draft(keep, other, {}).notes_sensitive


def test_merge_keeps_the_history_of_both_on_the_kept_contact(
    database: Database, contacts: ContactService, pair: tuple[int, int]
) -> None:
    keep, other = pair
    before = history_counts(database, [keep, other])
    chosen = merged_draft(contacts.get(keep).draft, contacts.get(other).draft, {})

    record = merge_contacts(database, keep, other, chosen)

    assert history_counts(database, [keep]) == before
    assert history_counts(database, [other]) == dict.fromkeys(before, 0)
    assert before["interactions"] == 2 and before["promises"] == 4
    assert before["feedback"] == 2 and before["meeting_participants"] == 2
    assert before["interaction_participants"] == 2 and before["accounts"] == 1
    assert record.moved_count("interactions") == 1 and record.moved_count("promises") == 2
    with pytest.raises(RecordNotFound):
        contacts.get(other)
    stored = contacts.get(keep).draft
    assert [email.address for email in stored.emails] == ["jorgen@pumpe.dk", "js@home.dk"]
    assert [phone.number for phone in stored.phones] == ["+4533123456", "+4520123456"]
    assert stored.tags == ["pumps", "vip"]
    assert stored.job_title == "Buyer"
    assert stored.notes == "Likes sailing." + NOTES_SEPARATOR + "Two children."
    timeline = InteractionService(database).timeline(contact_id=keep)
    mine = sorted(item.draft.summary for item in timeline if item.draft.contact_id == keep)
    assert mine == ["call keep", "call other"]


def test_unmerge_restores_both_contacts_and_every_row_exactly(
    database: Database, contacts: ContactService, pair: tuple[int, int]
) -> None:
    keep, other = pair
    drafts = (contacts.get(keep).draft, contacts.get(other).draft)
    pointers, children = _pointers(database), _children(database, keep)
    chosen = merged_draft(*drafts, {"emails": Side.OTHER, "phones": Side.OTHER})

    record = merge_contacts(database, keep, other, chosen)
    assert _pointers(database) != pointers
    unmerge(database, record)

    assert (contacts.get(keep).draft, contacts.get(other).draft) == drafts
    assert _pointers(database) == pointers
    live = [row for row in _children(database, keep) if row[3]]
    assert live == [row for row in children if row[3]]  # the same rows (uids), not copies

    # And again: redo after undo merges the same way.
    again = merge_contacts(database, keep, other, chosen)
    assert again.moved == record.moved


def test_a_merge_that_fails_validation_changes_nothing(
    database: Database, contacts: ContactService, pair: tuple[int, int]
) -> None:
    keep, other = pair
    pointers = _pointers(database)
    bad = replace(contacts.get(keep).draft, given_name="", family_name="")
    with pytest.raises(ValidationFailed):
        merge_contacts(database, keep, other, bad)
    assert _pointers(database) == pointers
    assert contacts.get(other).draft.job_title == "Buyer"


def test_a_contact_cannot_be_merged_with_itself_or_a_deleted_one(
    database: Database, contacts: ContactService
) -> None:
    keep = contacts.create(jorgen())
    gone = contacts.create(jorgen())
    contacts.delete(gone)
    with pytest.raises(ValueError, match="itself"):
        merge_contacts(database, keep, keep, jorgen())
    with pytest.raises(RecordNotFound):
        merge_contacts(database, keep, gone, jorgen())


def test_merge_record_names_each_moved_table(pair: tuple[int, int], database: Database) -> None:
    keep, other = pair
    record: MergeRecord = merge_contacts(database, keep, other, jorgen())
    moved = {(rows.table, rows.column) for rows in record.moved}
    assert moved == {
        ("accounts", "referred_by_contact_id"),
        ("interactions", "contact_id"),
        ("interaction_participants", "contact_id"),
        ("promises", "contact_id"),
        ("feedback", "contact_id"),
        ("meeting_participants", "contact_id"),
    }
