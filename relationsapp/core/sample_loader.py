"""Fill a database with the sample data set, or with N synthetic contacts for benchmarks."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from relationsapp.core.bulk_loader import Progress, insert_accounts, insert_contacts
from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.contact_rows import weekend_from_text
from relationsapp.core.sample_data import (
    load_sample_dataset,
    synthetic_accounts,
    synthetic_contacts,
)
from relationsapp.core.sample_deals import add_sample_deals
from relationsapp.core.sample_interactions import SampleClient, add_sample_history
from relationsapp.core.sample_meetings import add_sample_meetings
from relationsapp.core.zones import now_utc, system_zone
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.storage.models import Account, Contact


def load_sample_data(database: Database, progress: Progress | None = None) -> tuple[int, int]:
    """Insert the curated sample (~80 accounts, ~300 contacts); returns (accounts, contacts).

    Everything goes through validation, like a user's own input would.
    """
    dataset = load_sample_dataset()
    with database.session() as session, session.begin():
        ids = insert_accounts(session, [account.draft for account in dataset.accounts])
        by_key = {account.key: ids[index] for index, account in enumerate(dataset.accounts)}
        for account in dataset.accounts:
            if account.referred_by_key:
                session.execute(
                    update(Account)
                    .where(Account.id == by_key[account.key])
                    .values(referred_by_account_id=by_key[account.referred_by_key])
                )
        drafts = (
            replace(
                contact.draft,
                account_id=by_key[contact.account_key] if contact.account_key else None,
            )
            for contact in dataset.contacts
        )
        count = insert_contacts(session, drafts, len(dataset.contacts), progress=progress)
        now = now_utc()
        add_sample_history(session, sample_clients(session), now)
        # Orders, exchange rates and feedback (CSAT on some of the history just added).
        add_sample_deals(session, now)
    add_sample_meetings(database, now, AppSettings.load().home_zone or system_zone())
    return len(ids), count


def sample_clients(session: Session) -> list[SampleClient]:
    """Every contact's working calendar, for placing their history in their hours."""
    rows = session.execute(
        select(
            Contact.id,
            Contact.account_id,
            Contact.time_zone,
            Contact.country,
            Contact.work_start,
            Contact.work_end,
            Contact.weekend_days,
            Contact.touch_weeks,
        )
        .where(Contact.deleted_at.is_(None), Contact.time_zone != "")
        .order_by(Contact.id)
    )
    return [
        SampleClient(
            contact_id,
            account_id,
            WorkCalendar(zone, country, "", start, end, weekend_from_text(weekend)),
            touch_weeks,
        )
        for contact_id, account_id, zone, country, start, end, weekend, touch_weeks in rows
    ]


def load_synthetic_data(
    database: Database, count: int, progress: Progress | None = None
) -> tuple[int, int]:
    """Insert ``count`` generated contacts at count/50 accounts (benchmarks, stress tests).

    Skips per-record validation: the generator only makes valid records, and at
    100,000 contacts validation would dominate the time being measured.
    """
    account_count = max(1, count // 50)
    with database.session() as session, session.begin():
        account_ids = insert_accounts(session, synthetic_accounts(account_count), validate=False)
        drafts = (
            replace(draft, account_id=account_ids[index])
            for index, draft in synthetic_contacts(count, account_count)
        )
        done = insert_contacts(session, drafts, count, validate=False, progress=progress)
    return account_count, done
