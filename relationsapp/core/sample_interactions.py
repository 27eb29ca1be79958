"""A plausible history for the sample contacts: ten months of calls, e-mails, visits and
the promises made in them, ending just before the moment the sample is loaded.

Everything is placed relative to ``now`` so the Today view has something to say on any
day: a couple of promises overdue and due today, replies awaited, people to get back
in touch with. Times fall in each client's own working hours on their working days.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from relationsapp.core.business_time import WorkCalendar, end_of_working_day
from relationsapp.core.choices import Channel, Direction, InteractionKind, PromiseStatus
from relationsapp.core.zones import localize, to_local
from relationsapp.storage.ids import new_uid
from relationsapp.storage.models import Interaction, Promise

SEED = 20261127
HISTORY_DAYS = 300

# Sample content is data, like the sample names and notes: written once, in English.
SUMMARIES: dict[tuple[InteractionKind, Direction], tuple[str, ...]] = {
    (InteractionKind.CALL, Direction.INBOUND): (
        "Called about delivery times for the spare parts",
        "Asked whether the service contract covers night shifts",
    ),
    (InteractionKind.CALL, Direction.OUTBOUND): (
        "Followed up on the quote",
        "Checked in after the installation",
    ),
    (InteractionKind.EMAIL, Direction.INBOUND): (
        "Asked for a revised quote with a volume discount",
        "Asked about lead times for the larger pump series",
        "Sent the signed NDA and asked for drawings",
    ),
    (InteractionKind.EMAIL, Direction.OUTBOUND): (
        "Sent product sheets and the price list",
        "Answered questions about maintenance intervals",
    ),
    (InteractionKind.MEETING, Direction.NONE): (
        "Quarterly review of open orders",
        "Technical workshop with the engineering team",
    ),
    (InteractionKind.VISIT, Direction.OUTBOUND): (
        "Site visit: looked at the pump installation",
        "Visited the plant and met the production manager",
    ),
    (InteractionKind.MESSAGE, Direction.INBOUND): ("Quick question about an invoice",),
    (InteractionKind.NOTE, Direction.NONE): (
        "Budget approval expected after the board meeting",
        "New purchasing manager starts next month",
    ),
}
PROMISES = (
    "Send the revised quote",
    "Send samples of the seal kit",
    "Share the maintenance schedule",
    "Introduce our service engineer",
    "Confirm the delivery date",
    "Send the case study from the Aarhus installation",
)
CHANNELS = {
    InteractionKind.CALL: Channel.PHONE,
    InteractionKind.EMAIL: Channel.EMAIL,
    InteractionKind.MESSAGE: Channel.MESSAGING,
    InteractionKind.VISIT: Channel.IN_PERSON,
    InteractionKind.MEETING: Channel.VIDEO,
}


@dataclass(frozen=True)
class SampleClient:
    contact_id: int
    account_id: int | None
    calendar: WorkCalendar
    touch_weeks: int = 0


def _working_moment(rng: random.Random, calendar: WorkCalendar, day: dt.date) -> dt.datetime | None:
    """A time inside the client's working hours on ``day`` (None on their day off)."""
    interval = calendar.working_interval(day)
    if interval is None:
        return None
    start, end = interval
    minutes = int((end - start).total_seconds() // 60)
    return start + dt.timedelta(minutes=rng.randrange(max(minutes, 1)))


def _row(
    client: SampleClient, kind: InteractionKind, direction: Direction, at: dt.datetime, text: str
) -> dict[str, Any]:
    channel = CHANNELS.get(kind)
    return {
        "uid": new_uid(),
        "kind": kind.value,
        "direction": direction.value,
        "channel": channel.value if channel else "",
        "occurred_at": at,
        "zone": client.calendar.zone,
        "contact_id": client.contact_id,
        "account_id": client.account_id,
        "summary": text,
    }


def _history(rng: random.Random, client: SampleClient, now: dt.datetime) -> list[dict[str, Any]]:
    rows = []
    today = to_local(now, client.calendar.zone).date()
    count = rng.choice((0, 1, 1, 2, 3, 4, 5))
    # Most people I promised myself to stay in touch with, I did stay in touch with.
    kept_in_touch = client.touch_weeks and rng.random() < 0.85
    for number in range(count + (1 if kept_in_touch else 0)):
        kind, direction = rng.choice(list(SUMMARIES))
        if kept_in_touch and number == count:
            day = today - dt.timedelta(days=rng.randrange(1, client.touch_weeks * 7))
        else:
            day = today - dt.timedelta(days=rng.randrange(7, HISTORY_DAYS))
        at = _working_moment(rng, client.calendar, day)
        if at is None:
            continue
        rows.append(_row(client, kind, direction, at, rng.choice(SUMMARIES[kind, direction])))
        if direction == Direction.INBOUND:  # answered, usually the next working day
            first = rng.choice((0, 1, 1, 2))
            replies = (
                _working_moment(rng, client.calendar, day + dt.timedelta(days=first + extra))
                for extra in range(5)
            )
            reply = next((moment for moment in replies if moment and at < moment < now), None)
            if reply is not None:
                answer = rng.choice(SUMMARIES[InteractionKind.EMAIL, Direction.OUTBOUND])
                rows.append(_row(client, InteractionKind.EMAIL, Direction.OUTBOUND, reply, answer))
    return rows


def _promise_row(
    rng: random.Random,
    client: SampleClient,
    made: dt.datetime,
    due: dt.date,
    now: dt.datetime,
    settled: bool = True,
) -> dict[str, Any]:
    """A promise made at ``made``; ``settled`` ones past their deadline were kept or not."""
    deadline = end_of_working_day(due, client.calendar)
    status, resolved = PromiseStatus.OPEN, None
    if settled and deadline < now:
        roll = rng.random()
        if roll < 0.75:
            status, resolved = PromiseStatus.KEPT, deadline - dt.timedelta(hours=rng.randint(2, 70))
        elif roll < 0.87:
            status, resolved = (
                PromiseStatus.KEPT,
                deadline + dt.timedelta(hours=rng.randint(5, 120)),
            )
        elif roll < 0.95 or now - deadline > dt.timedelta(days=10):
            # Only a recent promise is still open after its deadline; older ones were
            # settled one way or the other.
            status, resolved = PromiseStatus.BROKEN, deadline + dt.timedelta(days=7)
    return {
        "uid": new_uid(),
        "description": rng.choice(PROMISES),
        "due_on": due,
        "status": status.value,
        "resolved_at": max(resolved, made) if resolved is not None else None,
        "contact_id": client.contact_id,
        "account_id": client.account_id,
    }


def add_sample_history(session: Session, clients: Sequence[SampleClient], now: dt.datetime) -> int:
    """Insert interactions and promises for ``clients``; returns how many interactions."""
    rng = random.Random(SEED)
    rows: list[dict[str, Any]] = []
    for client in clients:
        rows.extend(_history(rng, client, now))
    # The last few days: replies I owe, and promises falling due around today.
    recent = rng.sample(list(clients), min(12, len(clients)))
    recent_visits: list[dict[str, Any]] = []
    for index, client in enumerate(recent):
        day = to_local(now, client.calendar.zone).date() - dt.timedelta(days=1 + index % 3)
        moment = _working_moment(rng, client.calendar, day) or localize(
            dt.datetime.combine(day, dt.time(11)), client.calendar.zone
        )
        kind = InteractionKind.EMAIL if index < 6 else InteractionKind.VISIT
        direction = Direction.INBOUND if index < 6 else Direction.OUTBOUND
        row = _row(client, kind, direction, moment, rng.choice(SUMMARIES[kind, direction]))
        rows.append(row)
        if direction == Direction.OUTBOUND:
            recent_visits.append(row)
    rows.sort(key=lambda row: row["occurred_at"])
    if not rows:
        return 0
    ids = session.scalars(
        insert(Interaction).returning(Interaction.id, sort_by_parameter_order=True), rows
    ).all()
    by_contact = {client.contact_id: client for client in clients}
    # Promises from the visits of the last days fall due around today: two today in the
    # client's calendar, one yesterday, the others soon.
    due_in = {
        id(row): offset for row, offset in zip(recent_visits, (0, 0, -1, 3, 5, 8), strict=False)
    }
    promises = []
    for interaction_id, row in zip(ids, rows, strict=True):
        if id(row) not in due_in and (
            row["direction"] == Direction.INBOUND.value or rng.random() > 0.45
        ):
            continue
        client = by_contact[row["contact_id"]]
        made = row["occurred_at"]
        if id(row) in due_in:
            due = to_local(now, client.calendar.zone).date() + dt.timedelta(days=due_in[id(row)])
        else:
            due = to_local(made, client.calendar.zone).date() + dt.timedelta(
                days=rng.randint(1, 12)
            )
        promise = _promise_row(rng, client, made, due, now, settled=id(row) not in due_in)
        promises.append(promise | {"interaction_id": interaction_id})
    if promises:
        session.execute(insert(Promise), promises)
    return len(rows)
