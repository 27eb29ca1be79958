"""Fill a database with the sample data set, or with N synthetic contacts for benchmarks."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import update

from relationsapp.core.bulk_loader import Progress, insert_accounts, insert_contacts
from relationsapp.core.sample_data import (
    load_sample_dataset,
    synthetic_accounts,
    synthetic_contacts,
)
from relationsapp.storage.database import Database
from relationsapp.storage.models import Account


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
    return len(ids), count


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
