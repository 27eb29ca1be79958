"""Create, read, update, delete and restore accounts (companies)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from relationsapp.core.choices import SizeBand
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.records import AccountDetails, AccountDraft, AccountRow
from relationsapp.core.validation import normalise_account, validate_account
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import Account, Contact
from relationsapp.storage.text_folding import fold


def account_columns(draft: AccountDraft) -> dict[str, Any]:
    """The ``accounts`` row for a normalised draft (bulk inserts and ORM edits share it)."""
    return {
        "name": draft.name,
        "name_latin": draft.name_latin,
        "sort_key": fold(draft.name_latin or draft.name),
        "industry": draft.industry,
        "size_band": draft.size_band.value,
        "country": draft.country,
        "website": draft.website,
        "tags": json.dumps(draft.tags, ensure_ascii=False),
        "notes": draft.notes,
        "referred_by_account_id": draft.referred_by_account_id,
        "referred_by_contact_id": draft.referred_by_contact_id,
    }


def _apply_draft(account: Account, draft: AccountDraft) -> None:
    for column, value in account_columns(draft).items():
        setattr(account, column, value)


def _draft_of(account: Account) -> AccountDraft:
    return AccountDraft(
        name=account.name,
        name_latin=account.name_latin,
        industry=account.industry,
        size_band=SizeBand(account.size_band),
        country=account.country,
        website=account.website,
        tags=list(json.loads(account.tags or "[]")),
        notes=account.notes,
        referred_by_account_id=account.referred_by_account_id,
        referred_by_contact_id=account.referred_by_contact_id,
    )


def checked_account(draft: AccountDraft) -> AccountDraft:
    """The normalised draft, or ValidationFailed with every problem."""
    errors = validate_account(draft)
    if errors:
        raise ValidationFailed(errors)
    return normalise_account(draft)


def _live_account(session: Session, account_id: int) -> Account:
    account = session.get(Account, account_id)
    if account is None or account.deleted_at is not None:
        raise RecordNotFound(account_id)
    return account


def add_account(session: Session, draft: AccountDraft) -> int:
    """Validate, normalise and insert ``draft`` in ``session``; returns the new id."""
    account = Account()
    _apply_draft(account, checked_account(draft))
    session.add(account)
    session.flush()
    return account.id


class AccountService:
    """Account operations for the UI and CLI, each in its own transaction."""

    def __init__(self, database: Database) -> None:
        self._database = database

    def create(self, draft: AccountDraft) -> int:
        with self._database.session() as session, session.begin():
            return add_account(session, draft)

    def update(self, account_id: int, draft: AccountDraft) -> None:
        draft = checked_account(draft)
        if draft.referred_by_account_id == account_id:
            raise ValidationFailed([])  # the editor never offers the account itself
        with self._database.session() as session, session.begin():
            _apply_draft(_live_account(session, account_id), draft)

    def delete(self, account_id: int) -> None:
        """Tombstone the account; its contacts stay and show no account until restored."""
        with self._database.session() as session, session.begin():
            _live_account(session, account_id).deleted_at = utc_now()

    def restore(self, account_id: int) -> None:
        with self._database.session() as session, session.begin():
            account = session.get(Account, account_id)
            if account is None:
                raise RecordNotFound(account_id)
            account.deleted_at = None

    def get(self, account_id: int) -> AccountDetails:
        with self._database.session() as session:
            account = _live_account(session, account_id)
            referrer = ""
            if account.referred_by_account_id:
                other = session.get(Account, account.referred_by_account_id)
                referrer = other.name if other and other.deleted_at is None else ""
            elif account.referred_by_contact_id:
                person = session.get(Contact, account.referred_by_contact_id)
                referrer = person.display_name if person and person.deleted_at is None else ""
            return AccountDetails(
                id=account.id,
                uid=account.uid,
                draft=_draft_of(account),
                referred_by_name=referrer,
                created_at=account.created_at,
                updated_at=account.updated_at,
            )

    def list_rows(self, text: str = "") -> list[AccountRow]:
        """Live accounts sorted by name, optionally filtered by folded ``text``."""
        contacts = (
            select(Contact.account_id, func.count().label("n"))
            .where(Contact.deleted_at.is_(None))
            .group_by(Contact.account_id)
            .subquery()
        )
        statement = (
            select(
                Account.id,
                Account.name,
                Account.name_latin,
                Account.industry,
                Account.size_band,
                Account.country,
                func.coalesce(contacts.c.n, 0),
            )
            .outerjoin(contacts, contacts.c.account_id == Account.id)
            .where(Account.deleted_at.is_(None))
            .order_by(Account.sort_key, Account.id)
        )
        needle = fold(text)
        if needle:
            haystack = func.ra_fold(
                Account.name
                + " "
                + Account.name_latin
                + " "
                + Account.industry
                + " "
                + Account.tags
            )
            statement = statement.where(haystack.contains(needle, autoescape=True))
        with self._database.session() as session:
            return [
                AccountRow(row[0], row[1], row[2], row[3], SizeBand(row[4]), row[5], row[6])
                for row in session.execute(statement)
            ]

    def contacts_of(self, account_id: int) -> list[tuple[int, str, str]]:
        """(id, name with transliteration, job title) of the live contacts, by name."""
        statement = (
            select(Contact.id, Contact.display_name, Contact.latin_name, Contact.job_title)
            .where(Contact.account_id == account_id, Contact.deleted_at.is_(None))
            .order_by(Contact.sort_key)
        )
        with self._database.session() as session:
            return [
                (row[0], name_with_transliteration(row[1], row[2]), row[3])
                for row in session.execute(statement)
            ]

    def choices(self) -> list[tuple[int, str]]:
        """(id, name) of every live account, for pickers."""
        statement = (
            select(Account.id, Account.name, Account.name_latin)
            .where(Account.deleted_at.is_(None))
            .order_by(Account.sort_key)
        )
        with self._database.session() as session:
            return [
                (row[0], row[1] if not row[2] or row[2] == row[1] else f"{row[1]} ({row[2]})")
                for row in session.execute(statement)
            ]
