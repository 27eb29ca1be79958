"""The interaction log and the promises made in it: record, read, delete, restore.

Instants are stored in UTC with the client's zone beside them; a promise's due date is
a civil date in the client's calendar (see relationsapp.core.promise_rules for when it
falls due). Reads return plain dataclasses, never live ORM objects.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from sqlalchemy import func, select, text, union
from sqlalchemy.orm import Session, aliased, selectinload

from relationsapp.core.choices import Channel, Direction, InteractionKind, PromiseStatus
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.validation import FieldError
from relationsapp.i18n.translate import _
from relationsapp.storage.base import utc_now
from relationsapp.storage.database import Database
from relationsapp.storage.models import (
    Account,
    Contact,
    Interaction,
    InteractionParticipant,
    Promise,
)

MAX_TEXT = 20_000
Outbound = aliased(Interaction)


@dataclass
class InteractionDraft:
    """What a user logs: who, what kind, which way, when, and what came of it."""

    occurred_at: dt.datetime = field(default_factory=utc_now)
    kind: InteractionKind = InteractionKind.NOTE
    direction: Direction = Direction.NONE
    channel: Channel | None = None
    contact_id: int | None = None
    account_id: int | None = None
    #: Other contacts who took part (ids), and people named without a card (colleagues).
    other_contact_ids: list[int] = field(default_factory=list)
    other_people: list[str] = field(default_factory=list)
    summary: str = ""
    outcome: str = ""
    follow_up: str = ""
    #: The client's zone then; empty = the contact's zone when saved.
    zone: str = ""
    #: Private: "leave out sensitive notes" keeps its summary and outcome off printouts.
    sensitive: bool = False


@dataclass(frozen=True)
class InteractionRecord:
    id: int
    uid: str
    draft: InteractionDraft
    contact_name: str
    account_name: str


@dataclass
class PromiseDraft:
    """What was promised, to whom, by which date in their calendar."""

    description: str = ""
    due_on: dt.date = field(default_factory=lambda: utc_now().date())
    contact_id: int | None = None
    account_id: int | None = None
    interaction_id: int | None = None


@dataclass(frozen=True)
class PromiseRecord:
    id: int
    uid: str
    draft: PromiseDraft
    status: PromiseStatus
    resolved_at: dt.datetime | None
    contact_name: str
    account_name: str


def validate_interaction(draft: InteractionDraft) -> list[FieldError]:
    errors = []
    if draft.contact_id is None and draft.account_id is None:
        errors.append(FieldError("contact", _("Choose the contact or account it was with.")))
    if draft.occurred_at.tzinfo is None:
        raise ValueError("occurred_at must be an aware UTC instant")
    if not (draft.summary.strip() or draft.outcome.strip()):
        errors.append(FieldError("summary", _("Say in a few words what it was about.")))
    for name in ("summary", "outcome", "follow_up"):
        if len(getattr(draft, name)) > MAX_TEXT:
            errors.append(
                FieldError(name, _("At most %(count)d characters.") % {"count": MAX_TEXT})
            )
    return errors


def validate_promise(draft: PromiseDraft) -> list[FieldError]:
    errors = []
    if not draft.description.strip():
        errors.append(FieldError("description", _("Say what was promised.")))
    if draft.contact_id is None and draft.account_id is None:
        errors.append(FieldError("contact", _("Choose the contact or account it was made to.")))
    return errors


def _checked(errors: list[FieldError]) -> None:
    if errors:
        raise ValidationFailed(errors)


class _Names:
    """The names of the contacts and accounts a list of rows mentions, read in two
    queries rather than two per row (a Today report may hold hundreds of promises)."""

    def __init__(self, session: Session, rows: Sequence[Interaction | Promise]) -> None:
        contact_ids = sorted({row.contact_id for row in rows if row.contact_id is not None})
        self._contacts: dict[int, tuple[str, int | None]] = {}
        for chunk in _chunks(contact_ids):
            statement = select(
                Contact.id, Contact.display_name, Contact.latin_name, Contact.account_id
            ).where(Contact.id.in_(chunk))
            for contact_id, display, latin, account_id in session.execute(statement):
                self._contacts[contact_id] = (name_with_transliteration(display, latin), account_id)
        account_ids = {row.account_id for row in rows if row.account_id is not None}
        account_ids |= {account for _name, account in self._contacts.values() if account}
        self._accounts: dict[int, str] = {}
        for chunk in _chunks(sorted(account_ids)):
            accounts = select(Account.id, Account.name).where(Account.id.in_(chunk))
            self._accounts.update((row[0], row[1]) for row in session.execute(accounts))

    def of(self, contact_id: int | None, account_id: int | None) -> tuple[str, str]:
        contact_name, contact_account = self._contacts.get(contact_id or 0, ("", None))
        account = account_id if account_id is not None else contact_account
        return contact_name, self._accounts.get(account or 0, "")


def _chunks(ids: list[int], size: int = 900) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _apply_interaction(session: Session, row: Interaction, draft: InteractionDraft) -> None:
    contact = session.get(Contact, draft.contact_id) if draft.contact_id is not None else None
    row.kind = draft.kind.value
    row.direction = draft.direction.value
    row.channel = draft.channel.value if draft.channel else ""
    row.occurred_at = draft.occurred_at
    row.zone = draft.zone or (contact.time_zone if contact is not None else "")
    row.contact_id = draft.contact_id
    # An interaction with a contact counts for their account too (the account timeline).
    row.account_id = (
        draft.account_id
        if draft.account_id is not None
        else (contact.account_id if contact is not None else None)
    )
    row.summary = draft.summary.strip()
    row.outcome = draft.outcome.strip()
    row.follow_up = draft.follow_up.strip()
    row.sensitive = draft.sensitive
    row.participants = [
        InteractionParticipant(contact_id=other, position=index)
        for index, other in enumerate(draft.other_contact_ids)
    ] + [
        InteractionParticipant(label=label.strip(), position=len(draft.other_contact_ids) + index)
        for index, label in enumerate(draft.other_people)
        if label.strip()
    ]


def _interaction_draft(row: Interaction) -> InteractionDraft:
    return InteractionDraft(
        occurred_at=row.occurred_at,
        kind=InteractionKind(row.kind),
        direction=Direction(row.direction),
        channel=Channel(row.channel) if row.channel else None,
        contact_id=row.contact_id,
        account_id=row.account_id,
        other_contact_ids=[p.contact_id for p in row.participants if p.contact_id is not None],
        other_people=[p.label for p in row.participants if p.contact_id is None and p.label],
        summary=row.summary,
        outcome=row.outcome,
        follow_up=row.follow_up,
        zone=row.zone,
        sensitive=row.sensitive,
    )


def _promise_draft(row: Promise) -> PromiseDraft:
    return PromiseDraft(
        description=row.description,
        due_on=row.due_on,
        contact_id=row.contact_id,
        account_id=row.account_id,
        interaction_id=row.interaction_id,
    )


_Row = TypeVar("_Row", Interaction, Promise)


def _live(session: Session, kind: type[_Row], record_id: int) -> _Row:
    row = session.get(kind, record_id)
    if row is None or row.deleted_at is not None:
        raise RecordNotFound(record_id)
    return row


class InteractionService:
    """Log interactions, keep promises; every mutation has its undo (restore/delete)."""

    def __init__(self, database: Database) -> None:
        self._database = database

    # --- interactions ---------------------------------------------------------------

    def log(self, draft: InteractionDraft, promises: Iterable[PromiseDraft] = ()) -> int:
        """Store the interaction and the promises made in it, in one transaction."""
        # A promise made in the interaction is made to its contact unless it says otherwise.
        promises = [
            replace(
                promise,
                contact_id=promise.contact_id
                if promise.contact_id is not None
                else draft.contact_id,
                account_id=promise.account_id
                if promise.account_id is not None
                else draft.account_id,
            )
            for promise in promises
        ]
        _checked(validate_interaction(draft))
        for promise in promises:
            _checked(validate_promise(promise))
        with self._database.session() as session, session.begin():
            row = Interaction()
            session.add(row)
            _apply_interaction(session, row, draft)
            session.flush()
            for promise in promises:
                self._add_promise(session, promise, row.id, row.contact_id, row.account_id)
            return row.id

    def update(self, interaction_id: int, draft: InteractionDraft) -> None:
        _checked(validate_interaction(draft))
        with self._database.session() as session, session.begin():
            _apply_interaction(session, _live(session, Interaction, interaction_id), draft)

    def delete(self, interaction_id: int) -> None:
        """Tombstone the interaction and the promises made in it (undo: ``restore``)."""
        with self._database.session() as session, session.begin():
            now = utc_now()
            _live(session, Interaction, interaction_id).deleted_at = now
            for promise in session.scalars(
                select(Promise).where(
                    Promise.interaction_id == interaction_id, Promise.deleted_at.is_(None)
                )
            ):
                promise.deleted_at = now

    def restore(self, interaction_id: int) -> None:
        with self._database.session() as session, session.begin():
            row = session.get(Interaction, interaction_id)
            if row is None:
                raise RecordNotFound(interaction_id)
            stamp, row.deleted_at = row.deleted_at, None
            for promise in session.scalars(
                select(Promise).where(
                    Promise.interaction_id == interaction_id, Promise.deleted_at == stamp
                )
            ):
                promise.deleted_at = None

    def get(self, interaction_id: int) -> InteractionRecord:
        with self._database.session() as session:
            row = _live(session, Interaction, interaction_id)
            return self._record(row, _Names(session, [row]))

    def timeline(
        self,
        *,
        contact_id: int | None = None,
        account_id: int | None = None,
        kinds: Iterable[InteractionKind] = (),
        limit: int = 500,
    ) -> list[InteractionRecord]:
        """Newest first: a contact's interactions (as main contact or participant) or an
        account's (with any of its people)."""
        # "id IN (a UNION b)", not "a OR b": each half uses its own index and the union
        # is small; an OR makes SQLite scan every interaction in the file. The unary "+"
        # keeps SQLite from walking the (deleted_at, occurred_at) index in time order
        # through every live interaction instead (28 ms at 250,000 interactions).
        statement = select(Interaction).where(text("+interactions.deleted_at IS NULL"))
        if contact_id is not None:
            mine = select(Interaction.id).where(Interaction.contact_id == contact_id)
            among = select(InteractionParticipant.interaction_id).where(
                InteractionParticipant.contact_id == contact_id
            )
            statement = statement.where(Interaction.id.in_(union(mine, among)))
        if account_id is not None:
            # Stored with the account (its main contact worked there), or one of the
            # account's people sat in on another account's meeting.
            stored = select(Interaction.id).where(Interaction.account_id == account_id)
            present = (
                select(InteractionParticipant.interaction_id)
                .join(Contact, Contact.id == InteractionParticipant.contact_id)
                .where(Contact.account_id == account_id)
            )
            statement = statement.where(Interaction.id.in_(union(stored, present)))
        wanted = [kind.value for kind in kinds]
        if wanted:
            statement = statement.where(Interaction.kind.in_(wanted))
        statement = statement.order_by(Interaction.occurred_at.desc(), Interaction.id.desc())
        with self._database.session() as session:
            rows = session.scalars(
                statement.limit(limit).options(selectinload(Interaction.participants))
            ).all()
            names = _Names(session, rows)
            return [self._record(row, names) for row in rows]

    def last_contact_times(self, contact_ids: Iterable[int]) -> dict[int, dt.datetime]:
        """Contact id → when we last had any interaction with them."""
        ids = list(contact_ids)
        statement = (
            select(Interaction.contact_id, func.max(Interaction.occurred_at))
            .where(Interaction.deleted_at.is_(None), Interaction.contact_id.in_(ids))
            .group_by(Interaction.contact_id)
        )
        with self._database.session() as session:
            # max() keeps the column's type, so the instants come back aware (UTC).
            return {
                contact_id: latest
                for contact_id, latest in session.execute(statement)
                if contact_id is not None and latest is not None
            }

    def unanswered(self, since: dt.datetime) -> list[InteractionRecord]:
        """Per contact, the first message from them (since ``since``) after our last one.

        Any outbound interaction with the contact — a call, an e-mail — counts as the
        answer; everything they sent before it is answered.
        """
        last_out = (
            select(func.max(Outbound.occurred_at))
            .where(
                Outbound.deleted_at.is_(None),
                Outbound.direction == Direction.OUTBOUND.value,
                Outbound.contact_id == Interaction.contact_id,
            )
            .scalar_subquery()
        )
        first_in = (
            select(Interaction.contact_id, func.min(Interaction.occurred_at).label("first"))
            .where(
                Interaction.deleted_at.is_(None),
                Interaction.direction == Direction.INBOUND.value,
                Interaction.contact_id.is_not(None),
                Interaction.occurred_at >= since,
                (last_out.is_(None)) | (Interaction.occurred_at > last_out),
            )
            .group_by(Interaction.contact_id)
            .subquery()
        )
        statement = (
            select(Interaction)
            .join(
                first_in,
                (Interaction.contact_id == first_in.c.contact_id)
                & (Interaction.occurred_at == first_in.c.first),
            )
            .where(
                Interaction.deleted_at.is_(None),
                Interaction.direction == Direction.INBOUND.value,
            )
            .order_by(Interaction.occurred_at)
        )
        with self._database.session() as session:
            seen: set[int | None] = set()
            rows = []
            for row in session.scalars(statement.options(selectinload(Interaction.participants))):
                if row.contact_id not in seen:  # two messages in the same second
                    seen.add(row.contact_id)
                    rows.append(row)
            names = _Names(session, rows)
            return [self._record(row, names) for row in rows]

    @staticmethod
    def _record(row: Interaction, names: _Names) -> InteractionRecord:
        contact_name, account_name = names.of(row.contact_id, row.account_id)
        return InteractionRecord(
            row.id, row.uid, _interaction_draft(row), contact_name, account_name
        )

    # --- promises ---------------------------------------------------------------------

    @staticmethod
    def _add_promise(
        session: Session,
        draft: PromiseDraft,
        interaction_id: int | None,
        contact_id: int | None,
        account_id: int | None,
    ) -> int:
        row = Promise(
            description=draft.description.strip(),
            due_on=draft.due_on,
            contact_id=draft.contact_id if draft.contact_id is not None else contact_id,
            account_id=draft.account_id if draft.account_id is not None else account_id,
            interaction_id=interaction_id if interaction_id is not None else draft.interaction_id,
        )
        if row.account_id is None and row.contact_id is not None:
            contact = session.get(Contact, row.contact_id)
            row.account_id = contact.account_id if contact is not None else None
        session.add(row)
        session.flush()
        return row.id

    def add_promise(self, draft: PromiseDraft) -> int:
        _checked(validate_promise(draft))
        with self._database.session() as session, session.begin():
            return self._add_promise(session, draft, None, None, None)

    def delete_promise(self, promise_id: int) -> None:
        with self._database.session() as session, session.begin():
            _live(session, Promise, promise_id).deleted_at = utc_now()

    def restore_promise(self, promise_id: int) -> None:
        with self._database.session() as session, session.begin():
            row = session.get(Promise, promise_id)
            if row is None:
                raise RecordNotFound(promise_id)
            row.deleted_at = None

    def set_status(
        self, promise_id: int, status: PromiseStatus, resolved_at: dt.datetime | None
    ) -> None:
        """Mark a promise kept or broken at ``resolved_at`` (or open again: undo)."""
        with self._database.session() as session, session.begin():
            row = _live(session, Promise, promise_id)
            row.status = status.value
            row.resolved_at = None if status == PromiseStatus.OPEN else resolved_at

    def promise(self, promise_id: int) -> PromiseRecord:
        with self._database.session() as session:
            row = _live(session, Promise, promise_id)
            return self._promise_record(row, _Names(session, [row]))

    def promises(
        self,
        *,
        contact_id: int | None = None,
        account_id: int | None = None,
        statuses: Iterable[PromiseStatus] = (),
        due_from: dt.date | None = None,
        due_until: dt.date | None = None,
    ) -> list[PromiseRecord]:
        """Live promises, soonest due first, filtered as asked."""
        statement = select(Promise).where(Promise.deleted_at.is_(None))
        if contact_id is not None:
            statement = statement.where(Promise.contact_id == contact_id)
        if account_id is not None:
            statement = statement.where(Promise.account_id == account_id)
        wanted = [status.value for status in statuses]
        if wanted:
            statement = statement.where(Promise.status.in_(wanted))
        if due_from is not None:
            statement = statement.where(Promise.due_on >= due_from)
        if due_until is not None:
            statement = statement.where(Promise.due_on <= due_until)
        statement = statement.order_by(Promise.due_on, Promise.id)
        with self._database.session() as session:
            rows = session.scalars(statement).all()
            names = _Names(session, rows)
            return [self._promise_record(row, names) for row in rows]

    @staticmethod
    def _promise_record(row: Promise, names: _Names) -> PromiseRecord:
        contact_name, account_name = names.of(row.contact_id, row.account_id)
        return PromiseRecord(
            row.id,
            row.uid,
            _promise_draft(row),
            PromiseStatus(row.status),
            row.resolved_at,
            contact_name,
            account_name,
        )
