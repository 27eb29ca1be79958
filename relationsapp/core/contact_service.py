"""Create, read, update, delete and restore contacts; one short unit of work per call."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from relationsapp.core.choices import Channel, EmailKind, Formality, NameOrder, PhoneKind
from relationsapp.core.contact_rows import (
    away_from_text,
    row_from_columns,
    weekend_from_text,
    weekend_to_text,
)
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.names import display_name, latin_name, sort_key
from relationsapp.core.records import (
    ContactDetails,
    ContactDraft,
    ContactRow,
    EmailEntry,
    OtherField,
    PhoneEntry,
    PostalAddress,
)
from relationsapp.core.validation import normalise_contact, validate_contact
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.fts_contact_search import FtsContactIndex
from relationsapp.storage.models import Account, Contact, ContactEmail, ContactPhone


def other_fields_to_text(fields: Sequence[OtherField]) -> str:
    """The ``contacts.other_fields`` JSON: ``[{"name", "value", "params": [[k, v]], "group"}]``."""
    return json.dumps(
        [
            {
                "name": field.name,
                "value": field.value,
                "params": [[key, value] for key, value in field.params],
                "group": field.group,
            }
            for field in fields
        ],
        ensure_ascii=False,
    )


def other_fields_from_text(text: str) -> list[OtherField]:
    """The fields stored by :func:`other_fields_to_text` (``""`` reads as none)."""
    return [
        OtherField(
            name=str(item["name"]),
            value=str(item["value"]),
            params=tuple((str(key), str(value)) for key, value in item.get("params", [])),
            group=str(item.get("group", "")),
        )
        for item in json.loads(text or "[]")
    ]


def contact_columns(draft: ContactDraft) -> dict[str, Any]:
    """The ``contacts`` row for a normalised draft (bulk inserts and ORM edits share it)."""
    return {
        "given_name": draft.given_name,
        "family_name": draft.family_name,
        "given_name_latin": draft.given_name_latin,
        "family_name_latin": draft.family_name_latin,
        "name_order": draft.name_order.value,
        "display_name": display_name(draft),
        "latin_name": latin_name(draft),
        "sort_key": sort_key(draft),
        "honorific": draft.honorific,
        "formality": draft.formality.value,
        "job_title": draft.job_title,
        "account_id": draft.account_id,
        "street": draft.address.street,
        "postal_code": draft.address.postal_code,
        "city": draft.address.city,
        "region": draft.address.region,
        "country": draft.country,
        "time_zone": draft.time_zone,
        "work_start": draft.work_start,
        "work_end": draft.work_end,
        "weekend_days": weekend_to_text(draft.weekend_days),
        "preferred_language": draft.preferred_language,
        "preferred_channel": draft.preferred_channel.value,
        "response_hours": draft.response_hours,
        "touch_weeks": draft.touch_weeks,
        "birthday": draft.birthday,
        "tags": json.dumps(draft.tags, ensure_ascii=False),
        "notes": draft.notes,
        "notes_sensitive": draft.notes_sensitive,
        "away": json.dumps([[first.isoformat(), last.isoformat()] for first, last in draft.away]),
        "other_fields": other_fields_to_text(draft.other_fields),
        "photo": draft.photo,
        "photo_type": draft.photo_type if draft.photo is not None else "",
        "external_uid": draft.external_uid,
    }


def apply_draft(contact: Contact, draft: ContactDraft) -> None:
    for column, value in contact_columns(draft).items():
        setattr(contact, column, value)


def _sync_children(
    existing: Sequence[ContactEmail] | Sequence[ContactPhone],
    wanted: Sequence[tuple[str, str]],
    make: type[ContactEmail] | type[ContactPhone],
    contact: Contact,
    value_attribute: str,
) -> None:
    """Keep rows whose value is still wanted, tombstone the rest, add the new ones.

    Keeping a row (and its uid) when only its position or kind changed means another
    device's edit of the same address merges instead of duplicating.
    """
    live = [row for row in existing if row.deleted_at is None]
    children = contact.emails if make is ContactEmail else contact.phones
    for position, (value, kind) in enumerate(wanted):
        match = next((row for row in live if getattr(row, value_attribute) == value), None)
        if match is not None:
            live.remove(match)
            match.kind, match.position = kind, position
        else:
            row = make(kind=kind, position=position)
            setattr(row, value_attribute, value)
            children.append(row)  # type: ignore[arg-type]
    now = utc_now()
    for row in live:
        row.deleted_at = now


def sync_emails_and_phones(contact: Contact, draft: ContactDraft) -> None:
    emails = [(email.address, email.kind.value) for email in draft.emails]
    phones = [(phone.number, phone.kind.value) for phone in draft.phones]
    _sync_children(contact.emails, emails, ContactEmail, contact, "address")
    _sync_children(contact.phones, phones, ContactPhone, contact, "number")


def contact_draft_of(contact: Contact) -> ContactDraft:
    return ContactDraft(
        given_name=contact.given_name,
        family_name=contact.family_name,
        given_name_latin=contact.given_name_latin,
        family_name_latin=contact.family_name_latin,
        name_order=NameOrder(contact.name_order),
        honorific=contact.honorific,
        formality=Formality(contact.formality),
        job_title=contact.job_title,
        account_id=contact.account_id,
        emails=[
            EmailEntry(row.address, EmailKind(row.kind))
            for row in contact.emails
            if row.deleted_at is None
        ],
        phones=[
            PhoneEntry(row.number, PhoneKind(row.kind))
            for row in contact.phones
            if row.deleted_at is None
        ],
        address=PostalAddress(contact.street, contact.postal_code, contact.city, contact.region),
        country=contact.country,
        time_zone=contact.time_zone,
        work_start=contact.work_start,
        work_end=contact.work_end,
        weekend_days=weekend_from_text(contact.weekend_days),
        preferred_language=contact.preferred_language,
        preferred_channel=Channel(contact.preferred_channel),
        response_hours=contact.response_hours,
        touch_weeks=contact.touch_weeks,
        birthday=contact.birthday,
        tags=list(json.loads(contact.tags or "[]")),
        notes=contact.notes,
        notes_sensitive=contact.notes_sensitive,
        away=away_from_text(contact.away),
        other_fields=other_fields_from_text(contact.other_fields),
        photo=contact.photo,
        photo_type=contact.photo_type,
        external_uid=contact.external_uid,
    )


def checked_contact(draft: ContactDraft) -> ContactDraft:
    """The normalised draft, or ValidationFailed with every problem."""
    errors = validate_contact(draft)
    if errors:
        raise ValidationFailed(errors)
    return normalise_contact(draft)


def live_contact(session: Session, contact_id: int) -> Contact:
    contact = session.get(Contact, contact_id)
    if contact is None or contact.deleted_at is not None:
        raise RecordNotFound(contact_id)
    return contact


def add_contact(session: Session, draft: ContactDraft) -> int:
    """Validate, normalise and insert ``draft`` in ``session``; returns the new id."""
    draft = checked_contact(draft)
    contact = Contact()
    apply_draft(contact, draft)
    session.add(contact)
    sync_emails_and_phones(contact, draft)
    session.flush()
    return contact.id


def update_contact(session: Session, contact_id: int, draft: ContactDraft) -> None:
    """Validate, normalise and store ``draft`` over the live contact, in ``session``."""
    draft = checked_contact(draft)
    contact = live_contact(session, contact_id)
    apply_draft(contact, draft)
    sync_emails_and_phones(contact, draft)


class ContactService:
    """Contact operations for the UI and CLI, each in its own transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def create(self, draft: ContactDraft) -> int:
        with self._database.session() as session, session.begin():
            return add_contact(session, draft)

    def update(self, contact_id: int, draft: ContactDraft) -> None:
        draft = checked_contact(draft)
        with self._database.session() as session, session.begin():
            update_contact(session, contact_id, draft)

    def delete(self, contact_id: int) -> None:
        """Tombstone the contact (it leaves lists and search; ``restore`` brings it back)."""
        with self._database.session() as session, session.begin():
            live_contact(session, contact_id).deleted_at = utc_now()

    def id_for_uid(self, uid: str) -> int | None:
        """The id of the live contact with ``uid`` (a stable reference from outside)."""
        with self._database.session() as session:
            return session.scalar(
                select(Contact.id).where(Contact.uid == uid.strip(), Contact.deleted_at.is_(None))
            )

    def restore(self, contact_id: int) -> None:
        with self._database.session() as session, session.begin():
            contact = session.get(Contact, contact_id)
            if contact is None:
                raise RecordNotFound(contact_id)
            contact.deleted_at = None

    def get(self, contact_id: int) -> ContactDetails:
        with self._database.session() as session:
            contact = live_contact(session, contact_id)
            account = session.get(Account, contact.account_id) if contact.account_id else None
            return ContactDetails(
                id=contact.id,
                uid=contact.uid,
                draft=contact_draft_of(contact),
                display_name=contact.display_name,
                latin_name=contact.latin_name,
                account_name=account.name if account and account.deleted_at is None else "",
                created_at=contact.created_at,
                updated_at=contact.updated_at,
            )

    def rows(self, contact_ids: Iterable[int]) -> dict[int, ContactRow]:
        """The list rows of ``contact_ids`` (deleted ones are left out)."""
        columns = FtsContactIndex(self._database).rows_by_id(list(contact_ids))
        return {row[0]: row_from_columns(row) for row in columns}
