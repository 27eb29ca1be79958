"""Facts about the open file as a whole: is it empty, was the welcome screen answered."""

from __future__ import annotations

from sqlalchemy import exists, select

from relationsapp.storage.database import Database
from relationsapp.storage.models import Account, Contact, Setting

WELCOME_ANSWERED = "welcome_answered"


def is_empty(database: Database) -> bool:
    """True when the file holds no contacts and no accounts (deleted ones count)."""
    with database.session() as session:
        has_contacts = session.scalar(select(exists().where(Contact.id.is_not(None))))
        has_accounts = session.scalar(select(exists().where(Account.id.is_not(None))))
        return not (has_contacts or has_accounts)


def get_setting(database: Database, key: str, default: str = "") -> str:
    with database.session() as session:
        setting = session.get(Setting, key)
        return default if setting is None else setting.value


def set_setting(database: Database, key: str, value: str) -> None:
    with database.session() as session, session.begin():
        setting = session.get(Setting, key)
        if setting is None:
            session.add(Setting(key=key, value=value))
        else:
            setting.value = value


def should_welcome(database: Database) -> bool:
    """Show the welcome screen: an empty file whose owner has not chosen yet."""
    return is_empty(database) and get_setting(database, WELCOME_ANSWERED) != "1"
