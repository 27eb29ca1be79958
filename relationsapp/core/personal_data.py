"""A person's rights over what is stored about them: a copy of all of it, and erasure.

``personal_data`` gathers everything the file holds about one contact — the card, the
account's name, the interactions they were in, promises made to them, the feedback
they gave and the meetings they attended — as plain JSON-ready values (ISO 8601
dates), for a subject access request. ``personal_data_html`` shows the same as a
page a person can read. ``erase_person`` removes the person and every trace of them
in one transaction, for a request to be forgotten.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, or_, select, text
from sqlalchemy.orm import Session

from relationsapp.core.contact_service import other_fields_from_text
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.records import NO_YEAR
from relationsapp.i18n.translate import _, current_language
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import (
    Account,
    Contact,
    ContactEmail,
    ContactPhone,
    Feedback,
    Interaction,
    InteractionParticipant,
    Meeting,
    MeetingParticipant,
    Promise,
)

FORMAT_NAME = "relationsapp-personal-data"
FORMAT_VERSION = 1


class _HasDatabase(Protocol):
    database: Database


def _database_of(source: Database | _HasDatabase) -> Database:
    return source if isinstance(source, Database) else source.database


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def birthday_text(birthday: dt.date | None) -> str | None:
    """ISO 8601 ``1971-04-12``, or ``--04-12`` for a birthday known without a year."""
    if birthday is None:
        return None
    if birthday.year == NO_YEAR:
        return f"--{birthday.month:02d}-{birthday.day:02d}"
    return birthday.isoformat()


def _stamps(row: Any) -> dict[str, Any]:
    return {
        "uid": row.uid,
        "created_at": _iso(row.created_at),
        "updated_at": _iso(row.updated_at),
        "deleted_at": _iso(row.deleted_at),
    }


def _contact_record(session: Session, contact: Contact) -> dict[str, Any]:
    account = session.get(Account, contact.account_id) if contact.account_id else None
    emails = session.scalars(
        select(ContactEmail)
        .where(ContactEmail.contact_id == contact.id)
        .order_by(ContactEmail.position, ContactEmail.id)
    )
    phones = session.scalars(
        select(ContactPhone)
        .where(ContactPhone.contact_id == contact.id)
        .order_by(ContactPhone.position, ContactPhone.id)
    )
    return {
        "id": contact.id,
        **_stamps(contact),
        "display_name": contact.display_name,
        "latin_name": contact.latin_name,
        "given_name": contact.given_name,
        "family_name": contact.family_name,
        "given_name_latin": contact.given_name_latin,
        "family_name_latin": contact.family_name_latin,
        "name_order": contact.name_order,
        "honorific": contact.honorific,
        "formality": contact.formality,
        "job_title": contact.job_title,
        "account": None if account is None else {"id": account.id, "name": account.name},
        "emails": [{"address": row.address, "kind": row.kind, **_stamps(row)} for row in emails],
        "phones": [{"number": row.number, "kind": row.kind, **_stamps(row)} for row in phones],
        "address": {
            "street": contact.street,
            "postal_code": contact.postal_code,
            "city": contact.city,
            "region": contact.region,
            "country": contact.country,
        },
        "time_zone": contact.time_zone,
        "work_start_minutes": contact.work_start,
        "work_end_minutes": contact.work_end,
        "weekend_days": contact.weekend_days,
        "preferred_language": contact.preferred_language,
        "preferred_channel": contact.preferred_channel,
        "response_hours": contact.response_hours,
        "stay_in_touch_weeks": contact.touch_weeks,
        "birthday": birthday_text(contact.birthday),
        "tags": list(json.loads(contact.tags or "[]")),
        "notes": contact.notes,
        "notes_sensitive": contact.notes_sensitive,
        "away": list(json.loads(contact.away or "[]")),
        "other_fields": [
            {
                "name": item.name,
                "value": item.value,
                "params": [list(param) for param in item.params],
                "group": item.group,
            }
            for item in other_fields_from_text(contact.other_fields)
        ],
        "photo": None
        if contact.photo is None
        else {
            "type": contact.photo_type,
            "base64": base64.b64encode(contact.photo).decode("ascii"),
        },
        "external_uid": contact.external_uid,
    }


def _interaction_ids(session: Session, contact_id: int) -> tuple[set[int], set[int]]:
    """(ids where they are the contact, ids where they are another participant)."""
    main = set(session.scalars(select(Interaction.id).where(Interaction.contact_id == contact_id)))
    other = set(
        session.scalars(
            select(InteractionParticipant.interaction_id).where(
                InteractionParticipant.contact_id == contact_id
            )
        )
    )
    return main, other - main


def _interactions(session: Session, contact_id: int) -> list[dict[str, Any]]:
    main, other = _interaction_ids(session, contact_id)
    rows = session.scalars(
        select(Interaction)
        .where(Interaction.id.in_(main | other))
        .order_by(Interaction.occurred_at, Interaction.id)
    )
    found = []
    for row in rows:
        account = session.get(Account, row.account_id) if row.account_id else None
        found.append(
            {
                "id": row.id,
                **_stamps(row),
                "role": "contact" if row.id in main else "participant",
                "kind": row.kind,
                "direction": row.direction,
                "channel": row.channel,
                "occurred_at": _iso(row.occurred_at),
                "zone": row.zone,
                "account": account.name if account is not None else "",
                "summary": row.summary,
                "outcome": row.outcome,
                "follow_up": row.follow_up,
                "sensitive": row.sensitive,
            }
        )
    return found


def _promises(session: Session, contact_id: int, interaction_ids: set[int]) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Promise)
        .where(or_(Promise.contact_id == contact_id, Promise.interaction_id.in_(interaction_ids)))
        .order_by(Promise.due_on, Promise.id)
    )
    return [
        {
            "id": row.id,
            **_stamps(row),
            "description": row.description,
            "due_on": _iso(row.due_on),
            "status": row.status,
            "resolved_at": _iso(row.resolved_at),
            "to_them": row.contact_id == contact_id,
            "interaction_id": row.interaction_id,
        }
        for row in rows
    ]


def _feedback(session: Session, contact_id: int) -> list[dict[str, Any]]:
    rows = session.scalars(
        select(Feedback)
        .where(Feedback.contact_id == contact_id)
        .order_by(Feedback.answered_on, Feedback.id)
    )
    return [
        {
            "id": row.id,
            **_stamps(row),
            "kind": row.kind,
            "score": row.score,
            "answered_on": _iso(row.answered_on),
            "comment": row.comment,
            "source": row.source,
            "interaction_id": row.interaction_id,
        }
        for row in rows
    ]


def _meetings(session: Session, contact_id: int) -> list[dict[str, Any]]:
    rows = session.execute(
        select(MeetingParticipant, Meeting)
        .join(Meeting, Meeting.id == MeetingParticipant.meeting_id)
        .where(MeetingParticipant.contact_id == contact_id)
        .order_by(Meeting.start_utc, Meeting.id)
    )
    return [
        {
            "id": meeting.id,
            **_stamps(meeting),
            "title": meeting.title,
            "start": _iso(meeting.start_utc),
            "duration_minutes": meeting.duration_minutes,
            "organiser_zone": meeting.organiser_zone,
            "location": meeting.location,
            "agenda": meeting.agenda,
            "their_label": attendee.label,
            "their_zone": attendee.zone,
            "their_country": attendee.country,
            "their_subdivision": attendee.subdivision,
            "attendance_deleted_at": _iso(attendee.deleted_at),
        }
        for attendee, meeting in rows
    ]


def personal_data(source: Database | _HasDatabase, contact_id: int) -> dict[str, Any]:
    """Everything stored about contact ``contact_id``, JSON-serialisable.

    Deleted (tombstoned) records are included with their ``deleted_at``: they are still
    in the file until erased. Raises RecordNotFound when there is no such contact.
    """
    database = _database_of(source)
    with database.session() as session:
        contact = session.get(Contact, contact_id)
        if contact is None:
            raise RecordNotFound(contact_id)
        main, _others = _interaction_ids(session, contact_id)
        referred = session.scalars(
            select(Account).where(Account.referred_by_contact_id == contact_id)
        )
        return {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "exported_at": _iso(utc_now()),
            "contact": _contact_record(session, contact),
            "accounts_they_referred": [{"id": row.id, "name": row.name} for row in referred],
            "interactions": _interactions(session, contact_id),
            "promises": _promises(session, contact_id, main),
            "feedback": _feedback(session, contact_id),
            "meetings": _meetings(session, contact_id),
        }


# -- a page a person can read ---------------------------------------------------------


def _section_titles() -> dict[str, str]:
    return {
        "contact": _("Contact record"),
        "accounts_they_referred": _("Accounts they referred"),
        "interactions": _("Interactions"),
        "promises": _("Promises"),
        "feedback": _("Feedback they gave"),
        "meetings": _("Meetings they took part in"),
    }


def _cell(value: Any) -> str:
    """One value as escaped HTML: lists and mappings as nested lists, a photo as an image."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return html.escape(_("yes") if value else _("no"))
    if isinstance(value, dict):
        if set(value) == {"type", "base64"}:
            media = value["type"] if value["type"] in ("image/png", "image/jpeg") else ""
            if media:
                source = html.escape(f"data:{media};base64,{value['base64']}", quote=True)
                return f'<img src="{source}" alt="" style="max-width:8em">'
        return _table(value)
    if isinstance(value, list):
        items = "".join(f"<li>{_cell(item)}</li>" for item in value)
        return f"<ul>{items}</ul>"
    return html.escape(str(value)).replace("\n", "<br>")


def _table(record: dict[str, Any]) -> str:
    rows = "".join(
        f"<tr><th>{html.escape(key)}</th><td>{_cell(value)}</td></tr>"
        for key, value in record.items()
    )
    return f"<table>{rows}</table>"


def personal_data_html(data: dict[str, Any]) -> str:
    """``data`` (from :func:`personal_data`) as one self-contained, escaped HTML page."""
    name = str(data.get("contact", {}).get("display_name", ""))
    title = _("Personal data: %(name)s") % {"name": name}
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{html.escape(current_language().replace("_", "-"), quote=True)}">',
        '<head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title>",
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "th,td{border:1px solid #bbb;padding:.2em .5em;text-align:start;"
        "vertical-align:top}th{background:#eee;font-weight:normal}</style>",
        "</head><body>",
        f"<h1>{html.escape(title)}</h1>",
        "<p>"
        + html.escape(
            _("Everything this file holds about the person, exported on %(when)s.")
            % {"when": data.get("exported_at", "")}
        )
        + "</p>",
    ]
    for key, heading in _section_titles().items():
        value = data.get(key)
        lines.append(f"<h2>{html.escape(heading)}</h2>")
        if isinstance(value, dict):
            lines.append(_table(value))
        elif value:
            lines.extend(_table(item) + "<br>" for item in value)
        else:
            lines.append("<p>" + html.escape(_("None.")) + "</p>")
    lines.append("</body></html>")
    return "\n".join(lines) + "\n"


# -- erasure --------------------------------------------------------------------------


@dataclass(frozen=True)
class ErasureReport:
    """What :func:`erase_person` removed (row counts)."""

    name: str
    contacts: int = 0
    emails: int = 0
    phones: int = 0
    interactions_deleted: int = 0
    interactions_unlinked: int = 0
    promises: int = 0
    feedback: int = 0
    meeting_participants: int = 0
    referrals_cleared: int = 0


def _ids(connection: Connection, sql: str, **params: Any) -> list[int]:
    return [int(row[0]) for row in connection.execute(text(sql), params)]


def _marks(ids: Iterable[int]) -> str:
    # Ids are ints from the database itself, so they can go into the SQL as text.
    return ",".join(str(int(value)) for value in ids) or "NULL"


def _delete(connection: Connection, sql: str, **params: Any) -> int:
    return int(connection.execute(text(sql), params).rowcount or 0)


def _erase(connection: Connection, contact_id: int) -> ErasureReport:
    who = {"who": contact_id}
    row = connection.execute(
        text("SELECT display_name FROM contacts WHERE id = :who"), who
    ).one_or_none()
    if row is None:
        raise RecordNotFound(contact_id)
    # Interactions with them as the contact: kept for another client contact who took
    # part (who becomes the contact), deleted when they were the only one.
    unlinked = 0
    doomed: list[int] = []
    for interaction_id in _ids(
        connection, "SELECT id FROM interactions WHERE contact_id = :who", **who
    ):
        others = _ids(
            connection,
            "SELECT id FROM interaction_participants WHERE interaction_id = :i"
            " AND contact_id IS NOT NULL AND contact_id != :who ORDER BY position, id",
            i=interaction_id,
            **who,
        )
        if not others:
            doomed.append(interaction_id)
            continue
        connection.execute(
            text(
                "UPDATE interactions SET contact_id = (SELECT contact_id FROM"
                " interaction_participants WHERE id = :p) WHERE id = :i"
            ),
            {"p": others[0], "i": interaction_id},
        )
        connection.execute(
            text("DELETE FROM interaction_participants WHERE id = :p"), {"p": others[0]}
        )
        unlinked += 1
    unlinked += _delete(
        connection, "DELETE FROM interaction_participants WHERE contact_id = :who", **who
    )
    gone = _marks(doomed)
    promises = _delete(
        connection,
        f"DELETE FROM promises WHERE contact_id = :who OR interaction_id IN ({gone})",
        **who,
    )
    feedback = _delete(
        connection,
        "DELETE FROM feedback WHERE contact_id = :who"
        f" OR (contact_id IS NULL AND interaction_id IN ({gone}))",
        **who,
    )
    interactions = _delete(connection, f"DELETE FROM interactions WHERE id IN ({gone})")
    attendance = _delete(
        connection, "DELETE FROM meeting_participants WHERE contact_id = :who", **who
    )
    referrals = _delete(
        connection,
        "UPDATE accounts SET referred_by_contact_id = NULL WHERE referred_by_contact_id = :who",
        **who,
    )
    emails = _delete(connection, "DELETE FROM contact_emails WHERE contact_id = :who", **who)
    phones = _delete(connection, "DELETE FROM contact_phones WHERE contact_id = :who", **who)
    connection.execute(text("DELETE FROM contact_tags WHERE contact_id = :who"), who)
    contacts = _delete(connection, "DELETE FROM contacts WHERE id = :who", **who)
    # The search triggers have removed the person's document, but FTS5 only marks it
    # deleted: the words stay in the index's older segments until they are merged.
    # 'optimize' merges them all now, so the name and notes leave the file.
    connection.execute(text("INSERT INTO contact_fts(contact_fts) VALUES ('optimize')"))
    return ErasureReport(
        name=str(row[0]),
        contacts=contacts,
        emails=emails,
        phones=phones,
        interactions_deleted=interactions,
        interactions_unlinked=unlinked,
        promises=promises,
        feedback=feedback,
        meeting_participants=attendance,
        referrals_cleared=referrals,
    )


def erase_person(database: Database, contact_id: int) -> ErasureReport:
    """Remove contact ``contact_id`` and every trace of them, in one transaction.

    Hard-deletes (no tombstone) the contact, their e-mail and phone rows and search
    index entries; interactions where they were the only client contact, with their
    promises; their feedback; their meeting attendance (the meeting stays). Another
    interaction they took part in stays without them. Accounts they referred forget
    the referral. Deleted text is overwritten (``PRAGMA secure_delete``) and the
    write-ahead log checkpointed, so it does not linger in the file's free space.

    This is deliberately NOT undoable: nothing is kept to bring the person back. Free
    text elsewhere that mentions them (another person's notes, a meeting title) and
    copies of the file (backups made before a migration) are not changed.
    Raises RecordNotFound when there is no such contact.
    """
    with database.engine.connect() as connection:
        previous = int(connection.exec_driver_sql("PRAGMA secure_delete").scalar_one())
        connection.exec_driver_sql("PRAGMA secure_delete = 1")
        connection.commit()
        try:
            # IMMEDIATE: the write lock from the first read, so what is counted is
            # what is deleted.
            connection.exec_driver_sql("BEGIN IMMEDIATE")
            report = _erase(connection, contact_id)
            connection.commit()
        except BaseException:
            connection.rollback()
            raise
        finally:
            connection.exec_driver_sql(f"PRAGMA secure_delete = {previous}")
            connection.commit()
        # Older copies of the changed pages sit in the WAL until a checkpoint.
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.commit()
    return report


def person_name(database: Database, contact_id: int) -> str:
    """The display name of contact ``contact_id``, deleted or not (RecordNotFound if none)."""
    row = (
        database.reader()
        .execute("SELECT display_name FROM contacts WHERE id = ?", (contact_id,))
        .fetchone()
    )
    if row is None:
        raise RecordNotFound(contact_id)
    return str(row[0])
