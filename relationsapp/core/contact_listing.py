"""Contacts as plain records for the CLI (JSON) and other read-only consumers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from relationsapp.storage.database import Database
from relationsapp.storage.models import Account, Contact, ContactEmail, ContactPhone

BATCH = 500


@dataclass
class ContactRecord:
    uid: str
    display_name: str
    latin_name: str
    account: str
    country: str
    time_zone: str
    job_title: str
    preferred_language: str
    preferred_channel: str
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)


def iter_contact_records(database: Database, ids: Sequence[int]) -> Iterator[ContactRecord]:
    """Records for ``ids`` in the order given, read in batches (constant memory)."""
    with database.session() as session:
        for start in range(0, len(ids), BATCH):
            batch = list(ids[start : start + BATCH])
            records: dict[int, ContactRecord] = {}
            statement = (
                select(
                    Contact.id,
                    Contact.uid,
                    Contact.display_name,
                    Contact.latin_name,
                    Account.name,
                    Contact.country,
                    Contact.time_zone,
                    Contact.job_title,
                    Contact.preferred_language,
                    Contact.preferred_channel,
                )
                .outerjoin(
                    Account, (Account.id == Contact.account_id) & Account.deleted_at.is_(None)
                )
                .where(Contact.id.in_(batch))
            )
            for row in session.execute(statement):
                records[row[0]] = ContactRecord(
                    uid=row[1],
                    display_name=row[2],
                    latin_name=row[3],
                    account=row[4] or "",
                    country=row[5],
                    time_zone=row[6],
                    job_title=row[7],
                    preferred_language=row[8],
                    preferred_channel=row[9],
                )
            emails = select(ContactEmail.contact_id, ContactEmail.address).where(
                ContactEmail.contact_id.in_(batch), ContactEmail.deleted_at.is_(None)
            )
            for contact_id, address in session.execute(emails.order_by(ContactEmail.position)):
                records[contact_id].emails.append(address)
            phones = select(ContactPhone.contact_id, ContactPhone.number).where(
                ContactPhone.contact_id.in_(batch), ContactPhone.deleted_at.is_(None)
            )
            for contact_id, number in session.execute(phones.order_by(ContactPhone.position)):
                records[contact_id].phones.append(number)
            for contact_id in batch:
                if contact_id in records:
                    yield records[contact_id]
