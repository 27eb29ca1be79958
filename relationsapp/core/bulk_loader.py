"""Fast inserts of many records (sample data, synthetic benchmark data, later imports).

Plain ``executemany`` in one transaction (ORM ``add_all`` is ~45× slower for 100,000
rows on these machines, see FIELD-NOTES), with the search index built once at the end.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from relationsapp.core.account_service import account_columns, checked_account
from relationsapp.core.contact_service import checked_contact, contact_columns
from relationsapp.core.records import AccountDraft, ContactDraft
from relationsapp.storage.base import utc_now
from relationsapp.storage.bulk_rows import insert_rows
from relationsapp.storage.ids import new_uid
from relationsapp.storage.models import Account, Contact
from relationsapp.storage.search_index import (
    index_contacts_after,
    last_contact_id,
    search_triggers_suspended,
)

CHUNK = 2000
#: Called with (records done, total); returns False to cancel.
Progress = Callable[[int, int], bool]


class LoadCancelled(Exception):
    """The user cancelled; the transaction is rolled back and nothing was stored."""


def _stamped(values: dict[str, Any]) -> dict[str, Any]:
    now = utc_now()
    return {"uid": new_uid(), "created_at": now, "updated_at": now, "deleted_at": None, **values}


def insert_accounts(
    session: Session, drafts: list[AccountDraft], validate: bool = True
) -> list[int]:
    """Insert accounts; returns their ids in the order given."""
    rows = [_stamped(account_columns(checked_account(d) if validate else d)) for d in drafts]
    if rows:
        insert_rows(session.connection(), "accounts", rows)
    by_uid = _ids_by_uid(session, Account, [row["uid"] for row in rows])
    return [by_uid[row["uid"]] for row in rows]


def _ids_by_uid(
    session: Session, model: type[Account] | type[Contact], uids: list[str]
) -> dict[str, int]:
    found: dict[str, int] = {}
    for start in range(0, len(uids), 900):  # stay under SQLite's bound-parameter limit
        chunk = uids[start : start + 900]
        for uid, record_id in session.execute(
            select(model.uid, model.id).where(model.uid.in_(chunk))
        ):
            found[uid] = record_id
    return found


def _chunks(items: Iterable[ContactDraft], size: int) -> Iterator[list[ContactDraft]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def insert_contacts(
    session: Session,
    drafts: Iterable[ContactDraft],
    total: int,
    validate: bool = True,
    progress: Progress | None = None,
) -> int:
    """Insert contacts (with e-mails and phones) in chunks; returns how many.

    Raises LoadCancelled when ``progress`` returns False; the caller's transaction
    then rolls back, so a cancelled load leaves no half-imported data.
    """
    connection = session.connection()
    indexed_up_to = last_contact_id(connection)
    with search_triggers_suspended(connection):
        done = _insert_chunks(session, drafts, total, validate, progress)
        index_contacts_after(connection, indexed_up_to)
    return done


def _insert_chunks(
    session: Session,
    drafts: Iterable[ContactDraft],
    total: int,
    validate: bool,
    progress: Progress | None,
) -> int:
    done = 0
    for chunk in _chunks(drafts, CHUNK):
        ready = [checked_contact(draft) if validate else draft for draft in chunk]
        rows = [_stamped(contact_columns(draft)) for draft in ready]
        insert_rows(session.connection(), "contacts", rows)
        ids = _ids_by_uid(session, Contact, [row["uid"] for row in rows])
        emails: list[dict[str, Any]] = []
        phones: list[dict[str, Any]] = []
        for row, draft in zip(rows, ready, strict=True):
            contact_id = ids[row["uid"]]
            for position, email in enumerate(draft.emails):
                emails.append(
                    _stamped(
                        {
                            "contact_id": contact_id,
                            "kind": email.kind.value,
                            "address": email.address,
                            "position": position,
                        }
                    )
                )
            for position, phone in enumerate(draft.phones):
                phones.append(
                    _stamped(
                        {
                            "contact_id": contact_id,
                            "kind": phone.kind.value,
                            "number": phone.number,
                            "position": position,
                        }
                    )
                )
        insert_rows(session.connection(), "contact_emails", emails)
        insert_rows(session.connection(), "contact_phones", phones)
        done += len(chunk)
        if progress is not None and not progress(done, total):
            raise LoadCancelled
    return done
