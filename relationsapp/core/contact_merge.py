"""Merging two contacts into one without losing anything, and undoing it exactly.

A merge keeps one contact (``keep``) and tombstones the other. The kept contact gets
the fields the user chose, side by side, in the merge dialog (lists default to the
union of both); every row anywhere that points at the other contact — interactions,
promises, feedback, meeting places, people in interactions, referrals — is moved to
the kept one. :class:`MergeRecord` says exactly which rows moved and what the kept
contact looked like before, so :func:`unmerge` puts both contacts back as they were.

Which rows move is read from the ORM's foreign keys to ``contacts.id``, so a table
added later moves too. Tables named ``contact_*`` are the contact's own parts
(e-mails, phones, tags) written from the draft, and do not move.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from sqlalchemy import Table, func, select, update
from sqlalchemy.orm import Session

from relationsapp.core.contact_service import (
    apply_draft,
    checked_contact,
    contact_draft_of,
    live_contact,
    sync_emails_and_phones,
)
from relationsapp.core.duplicates import normalise_email
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.records import ContactDraft
from relationsapp.storage.base import Base, utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import Contact


class Side(StrEnum):
    KEEP = "keep"  # this contact's value
    OTHER = "other"  # the other contact's value
    BOTH = "both"  # lists and notes: both, without duplicates


#: One row of the merge dialog per entry: the draft fields that one choice covers.
SCALAR_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("given_name", "family_name", "name_order"),
    "latin_name": ("given_name_latin", "family_name_latin"),
    "form_of_address": ("honorific", "formality"),
    "job_title": ("job_title",),
    "account": ("account_id",),
    "address": ("address",),
    "country": ("country",),
    "time_zone": ("time_zone",),
    "working_hours": ("work_start", "work_end", "weekend_days"),
    "language": ("preferred_language",),
    "channel": ("preferred_channel", "response_hours"),
    "touch": ("touch_weeks",),
    "birthday": ("birthday",),
    "photo": ("photo", "photo_type"),
}
#: Lists: the union by default, or one side's list.
LIST_FIELDS = ("emails", "phones", "tags", "other_fields", "away")
NOTES = "notes"
#: Between the two contacts' notes when both are kept.
NOTES_SEPARATOR = "\n\n――――――――――\n\n"

_EMPTY = ContactDraft()
_CHILD_TABLE_PREFIX = "contact_"


def is_empty(draft: ContactDraft, choice: str) -> bool:
    """True when every field of ``choice`` still has its blank default."""
    if choice == NOTES:
        return not draft.notes.strip()
    names = SCALAR_FIELDS.get(choice, (choice,))
    return all(getattr(draft, name) == getattr(_EMPTY, name) for name in names)


def _same(keep: ContactDraft, other: ContactDraft, choice: str) -> bool:
    names = SCALAR_FIELDS.get(choice, (choice,))
    return all(getattr(keep, name) == getattr(other, name) for name in names)


def default_choices(
    keep: ContactDraft, other: ContactDraft, *, other_is_newer: bool = False
) -> dict[str, Side]:
    """The merge dialog's starting point: the filled-in side, or the newer one when
    both are filled in and differ; lists and notes from both."""
    choices: dict[str, Side] = {}
    for choice in SCALAR_FIELDS:
        only_other = is_empty(keep, choice) and not is_empty(other, choice)
        newer_other = other_is_newer and not is_empty(other, choice)
        if only_other or (newer_other and not _same(keep, other, choice)):
            choices[choice] = Side.OTHER
        else:
            choices[choice] = Side.KEEP
    for choice in (*LIST_FIELDS, NOTES):
        choices[choice] = Side.BOTH
    return choices


def _union(first: Iterable[Any], second: Iterable[Any], key: Any = None) -> list[Any]:
    seen: set[Any] = set()
    result = []
    for item in (*first, *second):
        marker = key(item) if key else item
        if marker not in seen:
            seen.add(marker)
            result.append(item)
    return result


_LIST_KEYS: dict[str, Any] = {
    "emails": lambda entry: normalise_email(entry.address),
    "phones": lambda entry: entry.number.strip(),
    "tags": lambda tag: tag.strip().casefold(),
    "other_fields": None,
    "away": None,
}


def merged_draft(
    keep: ContactDraft, other: ContactDraft, choices: Mapping[str, Side]
) -> ContactDraft:
    """The kept contact's new fields from the two drafts and the user's choices.

    A choice left out of ``choices`` takes the default of :func:`default_choices`.
    """
    choices = {**default_choices(keep, other), **choices}
    values: dict[str, Any] = {}
    for choice, names in SCALAR_FIELDS.items():
        source = other if choices[choice] == Side.OTHER else keep
        values.update({name: getattr(source, name) for name in names})
    for name in LIST_FIELDS:
        if choices[name] == Side.BOTH:
            values[name] = _union(getattr(keep, name), getattr(other, name), _LIST_KEYS[name])
        else:
            values[name] = list(getattr(other if choices[name] == Side.OTHER else keep, name))
    values["away"] = sorted(values["away"])
    notes = choices[NOTES]
    if notes == Side.BOTH:
        parts = [text for text in (keep.notes.strip(), other.notes.strip()) if text]
        values["notes"] = NOTES_SEPARATOR.join(parts)
        # Private stays private: joined notes are sensitive if either side's were.
        values["notes_sensitive"] = (keep.notes_sensitive and bool(keep.notes.strip())) or (
            other.notes_sensitive and bool(other.notes.strip())
        )
    else:
        source = other if notes == Side.OTHER else keep
        values["notes"], values["notes_sensitive"] = source.notes, source.notes_sensitive
    values["external_uid"] = keep.external_uid or other.external_uid
    return replace(keep, **values)


# --- storage ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MovedRows:
    """Rows of ``table`` whose ``column`` pointed at the other contact and now at the kept."""

    table: str
    column: str
    row_ids: tuple[int, ...]


@dataclass(frozen=True)
class MergeRecord:
    """Everything :func:`unmerge` needs to put both contacts back as they were."""

    keep_id: int
    other_id: int
    #: The kept contact's fields before the merge.
    keep_before: ContactDraft
    #: Ids of the kept contact's e-mail and phone rows that were live before the merge.
    keep_email_ids: tuple[int, ...]
    keep_phone_ids: tuple[int, ...]
    moved: tuple[MovedRows, ...]

    def moved_count(self, table: str) -> int:
        return sum(len(rows.row_ids) for rows in self.moved if rows.table == table)


def contact_references() -> list[tuple[Table, str]]:
    """(table, column) of every foreign key to ``contacts.id`` whose rows move in a merge."""
    references = []
    for table in Base.metadata.sorted_tables:
        if table.name.startswith(_CHILD_TABLE_PREFIX):
            continue
        for column in table.columns:
            if any(fk.column.table.name == "contacts" for fk in column.foreign_keys):
                references.append((table, column.name))
    return references


def _two_live(session: Session, keep_id: int, other_id: int) -> tuple[Contact, Contact]:
    if keep_id == other_id:
        raise ValueError("a contact cannot be merged with itself")
    return live_contact(session, keep_id), live_contact(session, other_id)


def merge_contacts(
    database: Database, keep_id: int, other_id: int, chosen: ContactDraft
) -> MergeRecord:
    """Give ``keep_id`` the ``chosen`` fields, move everything that points at
    ``other_id`` to it and tombstone ``other_id`` — all in one transaction.

    Raises ValidationFailed when ``chosen`` is not valid, RecordNotFound when either
    contact is not live; nothing is changed then.
    """
    chosen = checked_contact(chosen)
    with database.session() as session, session.begin():
        keep, other = _two_live(session, keep_id, other_id)
        keep_before = contact_draft_of(keep)
        email_ids = tuple(row.id for row in keep.emails if row.deleted_at is None)
        phone_ids = tuple(row.id for row in keep.phones if row.deleted_at is None)
        now = utc_now()
        moved = []
        for table, column in contact_references():
            row_ids = tuple(
                session.scalars(
                    select(table.c.id).where(table.c[column] == other_id).order_by(table.c.id)
                )
            )
            if row_ids:
                _point(session, table, column, row_ids, other_id, keep_id, now)
                moved.append(MovedRows(table.name, column, row_ids))
        apply_draft(keep, chosen)
        sync_emails_and_phones(keep, chosen)
        other.deleted_at = now
        return MergeRecord(keep_id, other_id, keep_before, email_ids, phone_ids, tuple(moved))


def _point(
    session: Session,
    table: Table,
    column: str,
    row_ids: tuple[int, ...],
    was: int,
    now_to: int,
    now: dt.datetime,
) -> None:
    values: dict[str, Any] = {column: now_to}
    if "updated_at" in table.c:
        values["updated_at"] = now  # another device syncing sees the row changed
    for start in range(0, len(row_ids), 900):  # under SQLite's bound-parameter limit
        chunk = row_ids[start : start + 900]
        session.execute(
            update(table).where(table.c.id.in_(chunk), table.c[column] == was).values(values)
        )


def unmerge(database: Database, record: MergeRecord) -> None:
    """Undo :func:`merge_contacts`: both contacts as they were, every moved row back.

    A moved row that was since pointed somewhere else (edited after the merge) is left
    where it is now.
    """
    with database.session() as session, session.begin():
        keep = live_contact(session, record.keep_id)
        other = session.get(Contact, record.other_id)
        if other is None:
            raise RecordNotFound(record.other_id)
        now = utc_now()
        tables = Base.metadata.tables
        for rows in record.moved:
            _point(
                session,
                tables[rows.table],
                rows.column,
                rows.row_ids,
                record.keep_id,
                record.other_id,
                now,
            )
        # The same e-mail and phone rows (same uids) come back, not copies of them.
        for children, ids in (
            (keep.emails, record.keep_email_ids),
            (keep.phones, record.keep_phone_ids),
        ):
            for row in children:
                if row.id in ids:
                    row.deleted_at = None
        apply_draft(keep, record.keep_before)
        sync_emails_and_phones(keep, record.keep_before)
        other.deleted_at = None


def history_counts(database: Database, contact_ids: Iterable[int]) -> dict[str, int]:
    """Live rows per table that point at any of ``contact_ids`` (what a merge keeps)."""
    ids = list(contact_ids)
    counts: dict[str, int] = {}
    with database.session() as session:
        for table, column in contact_references():
            query = select(func.count()).select_from(table).where(table.c[column].in_(ids))
            if "deleted_at" in table.c:
                query = query.where(table.c.deleted_at.is_(None))
            counts[table.name] = counts.get(table.name, 0) + int(session.scalar(query) or 0)
    return counts


def draft_fields() -> tuple[str, ...]:
    """Every field of ContactDraft (a test checks each is covered by a merge choice)."""
    return tuple(field.name for field in fields(ContactDraft))
