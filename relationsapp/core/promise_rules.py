"""When a promise falls due, whether it was kept, and how reliable we are per account.

The rule (written down once, tested from both sides): a promise due on a date is due at
the **end of the client's working day on that date, in the client's zone**. "Friday"
means the client's Friday: a promise due Friday to a client in Tokyo (09:00–17:00) is
due Friday 08:00 UTC — 09:00 in Copenhagen — so by Friday afternoon in Copenhagen it is
already overdue. The date is never moved, even onto a weekend: it was agreed.

A promise kept after its deadline counts as broken for the kept-on-time ratio, and its
delay is shown. The ratio over a period counts promises resolved in it (kept, kept
late, broken) and open promises whose deadline passed in it (overdue).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from relationsapp.core.business_time import (
    WorkCalendar,
    calendar_for_country,
    calendar_from_card,
    end_of_working_day,
)
from relationsapp.core.choices import PromiseStatus
from relationsapp.core.contact_rows import away_from_text, weekend_from_text
from relationsapp.core.errors import RecordNotFound
from relationsapp.core.interaction_service import PromiseRecord
from relationsapp.core.services import Services
from relationsapp.core.zones import to_local

RATIO_PERIOD = dt.timedelta(days=365)


class PromiseState(StrEnum):
    OPEN = "open"
    DUE_TODAY = "due_today"  # not passed; falls due on my today, or it is the client's date
    OVERDUE = "overdue"
    KEPT = "kept"  # on time
    KEPT_LATE = "kept_late"
    BROKEN = "broken"


@dataclass(frozen=True)
class JudgedPromise:
    record: PromiseRecord
    deadline: dt.datetime  # UTC
    client_zone: str
    state: PromiseState
    #: How late: kept late by, or overdue by (None otherwise).
    delay: dt.timedelta | None


def judge(
    record: PromiseRecord, calendar: WorkCalendar, now: dt.datetime, my_zone: str
) -> JudgedPromise:
    """Place ``record`` against its deadline in the client's calendar."""
    deadline = end_of_working_day(record.draft.due_on, calendar)
    delay: dt.timedelta | None = None
    if record.status == PromiseStatus.BROKEN:
        state = PromiseState.BROKEN
    elif record.status == PromiseStatus.KEPT:
        kept_at = record.resolved_at or now
        state = PromiseState.KEPT if kept_at <= deadline else PromiseState.KEPT_LATE
        delay = kept_at - deadline if state == PromiseState.KEPT_LATE else None
    elif now > deadline:
        state, delay = PromiseState.OVERDUE, now - deadline
    elif (
        to_local(deadline, my_zone).date() == to_local(now, my_zone).date()
        or record.draft.due_on == to_local(now, calendar.zone).date()
    ):
        # Due today for me or for the client: a promise due Friday to Los Angeles falls
        # due 02:00 Saturday in Copenhagen, yet all of Friday it is the client's "today".
        state = PromiseState.DUE_TODAY
    else:
        state = PromiseState.OPEN
    return JudgedPromise(record, deadline, calendar.zone, state, delay)


@dataclass(frozen=True)
class KeptRatio:
    kept_on_time: int
    counted: int

    @property
    def ratio(self) -> float | None:
        """Share kept on time (0–1), or None when nothing counts yet."""
        return self.kept_on_time / self.counted if self.counted else None


def kept_ratio(
    promises: Iterable[JudgedPromise], now: dt.datetime, period: dt.timedelta = RATIO_PERIOD
) -> KeptRatio:
    """Kept on time ÷ promises settled (or overdue) within ``period`` before ``now``."""
    start = now - period
    kept = counted = 0
    for promise in promises:
        if promise.state in (PromiseState.OPEN, PromiseState.DUE_TODAY):
            continue
        moment = (
            promise.deadline
            if promise.state == PromiseState.OVERDUE
            else promise.record.resolved_at or promise.deadline
        )
        if start <= moment <= now:
            counted += 1
            kept += promise.state == PromiseState.KEPT
    return KeptRatio(kept, counted)


_CALENDAR_SQL = (
    "SELECT id, time_zone, country, region, work_start, work_end, weekend_days, away, "
    "response_hours FROM contacts WHERE id IN ({marks}) AND deleted_at IS NULL"
)


class ClientCalendars:
    """The working calendar of each client, looked up once per contact or account.

    A promise to a contact follows that person's zone, hours and weekend; one made to an
    account follows the account's country; without either, my own zone's 09:00–17:00.
    """

    def __init__(self, services: Services, my_zone: str) -> None:
        self._services = services
        self._fallback = WorkCalendar(zone=my_zone)
        self._contacts: dict[int, WorkCalendar] = {}
        self._response_hours: dict[int, int] = {}
        self._accounts: dict[int, WorkCalendar] = {}

    def preload(self, contact_ids: Iterable[int]) -> None:
        """Read many contacts' calendars in a few plain queries (no ORM objects)."""
        wanted = sorted(set(contact_ids) - self._contacts.keys())
        reader = self._services.database.reader()
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            sql = _CALENDAR_SQL.format(marks=",".join("?" * len(chunk)))
            for row in reader.execute(sql, chunk):
                contact_id, zone, country, region, begin, end, weekend, away, hours = row
                calendar = calendar_from_card(
                    zone,
                    country,
                    region,
                    begin,
                    end,
                    weekend_from_text(weekend),
                    away_from_text(away),
                )
                self._contacts[contact_id] = calendar or self._fallback
                self._response_hours[contact_id] = hours
        for missing in wanted:  # deleted meanwhile: my own hours
            self._contacts.setdefault(missing, self._fallback)

    def for_contact(self, contact_id: int) -> WorkCalendar:
        if contact_id not in self._contacts:
            self.preload([contact_id])
        return self._contacts[contact_id]

    def response_hours(self, contact_id: int) -> int | None:
        """The contact's expected response time, or None when the contact is gone."""
        self.for_contact(contact_id)
        return self._response_hours.get(contact_id)

    def for_account(self, account_id: int) -> WorkCalendar:
        if account_id not in self._accounts:
            try:
                country = self._services.accounts.get(account_id).draft.country
            except RecordNotFound:
                country = ""
            self._accounts[account_id] = calendar_for_country(country) or self._fallback
        return self._accounts[account_id]

    def for_client(self, contact_id: int | None, account_id: int | None) -> WorkCalendar:
        if contact_id is not None:
            return self.for_contact(contact_id)
        if account_id is not None:
            return self.for_account(account_id)
        return self._fallback


def judge_all(
    records: Iterable[PromiseRecord],
    calendars: ClientCalendars,
    now: dt.datetime,
    my_zone: str,
) -> list[JudgedPromise]:
    records = list(records)
    calendars.preload(r.draft.contact_id for r in records if r.draft.contact_id is not None)
    return [
        judge(
            record,
            calendars.for_client(record.draft.contact_id, record.draft.account_id),
            now,
            my_zone,
        )
        for record in records
    ]
