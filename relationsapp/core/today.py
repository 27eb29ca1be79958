"""The Today view's lists, Qt-free: what needs me today, each item tied to a contact.

Promises overdue and due today (judged in each client's calendar; "today" is my date
or the client's, whichever shows a promise sooner), messages awaiting my reply (counted
in the client's working hours), meetings today in my zone, birthdays in the next seven
days in the client's own calendar, people I promised myself to stay in touch with, and
public holidays today where my clients are.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from relationsapp.core.business_time import ReplyState, reply_state
from relationsapp.core.choices import PromiseStatus
from relationsapp.core.holiday_calendar import holiday_name
from relationsapp.core.interaction_service import InteractionRecord
from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.promise_rules import (
    ClientCalendars,
    JudgedPromise,
    PromiseState,
    judge_all,
)
from relationsapp.core.records import NO_YEAR
from relationsapp.core.services import Services
from relationsapp.core.wall_time import interpret_wall_time
from relationsapp.core.zones import to_local, zones_for_country

BIRTHDAY_DAYS = 7
# "+deleted_at" in the queries below keeps SQLite off ix_contacts_live_sort: walking
# that index visits every live contact's row in name order, ~200 ms for 100,000
# contacts, where a plain table scan takes ~25 ms and the holiday count reads only
# ix_contacts_country (~8 ms).
#: Messages older than this are no longer "awaiting a reply" but lost; not listed.
REPLY_HORIZON = dt.timedelta(days=60)


@dataclass(frozen=True)
class AwaitingReply:
    interaction: InteractionRecord
    state: ReplyState
    client_zone: str


@dataclass(frozen=True)
class Birthday:
    contact_id: int
    name: str
    day: dt.date  # the birthday this year, in the client's calendar
    days_until: int  # 0 = today where the client is
    age: int | None  # None when the year is unknown (stored as year 1604 or missing)
    client_zone: str


@dataclass(frozen=True)
class LapsedContact:
    contact_id: int
    name: str
    weeks: int
    last_contact: dt.datetime | None  # None: never, counted from when the card was made


@dataclass(frozen=True)
class HolidayToday:
    country: str
    name: str
    day: dt.date  # the date there
    contact_count: int


@dataclass(frozen=True)
class TodayReport:
    now: dt.datetime
    my_zone: str
    overdue: list[JudgedPromise] = field(default_factory=list)
    due_today: list[JudgedPromise] = field(default_factory=list)
    awaiting: list[AwaitingReply] = field(default_factory=list)
    meetings: list[MeetingDetails] = field(default_factory=list)
    birthdays: list[Birthday] = field(default_factory=list)
    lapsed: list[LapsedContact] = field(default_factory=list)
    holidays: list[HolidayToday] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not any(
            (
                self.overdue,
                self.due_today,
                self.awaiting,
                self.meetings,
                self.birthdays,
                self.lapsed,
                self.holidays,
            )
        )


def start_of_day(day: dt.date, zone: str) -> dt.datetime:
    """The first instant (UTC) of the civil ``day`` in ``zone``.

    Usually local midnight, but some zones move their clocks at midnight: in Santiago
    2027-09-05 00:00 does not exist (the day starts at 01:00 -03 = 04:00 UTC), and where
    midnight happens twice the day starts at the first of them.
    """
    local = dt.datetime.combine(day, dt.time())
    while True:
        instants = interpret_wall_time(zone, local).instants
        if instants:
            return instants[0]
        local += dt.timedelta(minutes=1)  # inside a DST gap: its end starts the day


def _my_day(now: dt.datetime, my_zone: str) -> tuple[dt.datetime, dt.datetime]:
    today = to_local(now, my_zone).date()
    return start_of_day(today, my_zone), start_of_day(today + dt.timedelta(days=1), my_zone)


def _promises(
    services: Services, calendars: ClientCalendars, now: dt.datetime, my_zone: str
) -> tuple[list[JudgedPromise], list[JudgedPromise]]:
    # Only open promises due up to two days ahead can be overdue or due today anywhere
    # (a client across the date line may be a day ahead of me).
    horizon = to_local(now, my_zone).date() + dt.timedelta(days=2)
    records = services.interactions.promises(statuses=[PromiseStatus.OPEN], due_until=horizon)
    judged = judge_all(records, calendars, now, my_zone)
    overdue = sorted(
        (p for p in judged if p.state == PromiseState.OVERDUE), key=lambda p: p.deadline
    )
    due_today = sorted(
        (p for p in judged if p.state == PromiseState.DUE_TODAY), key=lambda p: p.deadline
    )
    return overdue, due_today


def _awaiting(
    services: Services, calendars: ClientCalendars, now: dt.datetime
) -> list[AwaitingReply]:
    found = []
    records = services.interactions.unanswered(now - REPLY_HORIZON)
    calendars.preload(record.draft.contact_id for record in records if record.draft.contact_id)
    for record in records:
        contact_id = record.draft.contact_id
        assert contact_id is not None
        hours = calendars.response_hours(contact_id)
        if hours is None:  # deleted meanwhile
            continue
        calendar = calendars.for_contact(contact_id)
        try:
            state = reply_state(record.draft.occurred_at, hours, calendar, now)
        except ValueError:  # a calendar with no working time at all: nothing is ever due
            continue
        found.append(AwaitingReply(record, state, calendar.zone))
    return sorted(found, key=lambda item: item.state.due_at)


def _next_birthday(born: dt.date, today: dt.date) -> dt.date:
    for year in (today.year, today.year + 1):
        try:
            day = born.replace(year=year)
        except ValueError:  # 29 February in a common year: celebrated on the 28th
            day = dt.date(year, 2, 28)
        if day >= today:
            return day
    raise AssertionError("unreachable")


def _birthdays(services: Services, now: dt.datetime, my_zone: str) -> list[Birthday]:
    my_today = to_local(now, my_zone).date()
    # Month-days that can be within a week anywhere on earth (±1 day around mine).
    days = [my_today + dt.timedelta(days=offset) for offset in range(-1, BIRTHDAY_DAYS + 2)]
    keys = {day.strftime("%m-%d") for day in days}
    if "02-28" in keys:
        keys.add("02-29")
    marks = ",".join("?" * len(keys))
    sql = (
        "SELECT id, display_name, latin_name, birthday, time_zone, country FROM contacts "
        "WHERE +deleted_at IS NULL AND birthday IS NOT NULL "
        f"AND substr(birthday, 6, 5) IN ({marks})"
    )
    found = []
    for contact_id, display, latin, born_text, zone, country in services.database.reader().execute(
        sql, sorted(keys)
    ):
        zone = zone or next(iter(zones_for_country(country)), my_zone)
        born = dt.date.fromisoformat(born_text[:10])
        client_today = to_local(now, zone).date()
        day = _next_birthday(born, client_today)
        until = (day - client_today).days
        if until <= BIRTHDAY_DAYS:
            # Year-less birthdays (vCard --MM-DD) are stored in the leap year 1604.
            age = None if born.year <= NO_YEAR else day.year - born.year
            name = name_with_transliteration(display, latin)
            found.append(Birthday(contact_id, name, day, until, age, zone))
    return sorted(found, key=lambda item: (item.days_until, item.name))


def _lapsed(services: Services, now: dt.datetime) -> list[LapsedContact]:
    # Being in touch counts whether the person was the interaction's contact or one of
    # its participants; interactions logged for a later time (a planned call) do not.
    # Two indexed look-ups per person, not one with OR: "contact_id = ? OR id IN (…)"
    # cannot use the (contact_id, occurred_at) index and scans every interaction for
    # every person (minutes at 100,000 contacts). SQLite's max(a, b) is NULL when either
    # is, hence the coalesce to "" and back.
    sql = (
        "SELECT c.id, c.display_name, c.latin_name, c.touch_weeks, c.created_at, "
        "nullif(max("
        "coalesce((SELECT max(i.occurred_at) FROM interactions i WHERE i.contact_id = c.id "
        "AND i.deleted_at IS NULL AND i.occurred_at <= :now), ''), "
        # CROSS JOIN fixes the loop order: the person's few participations first, not
        # every live interaction probed for this person.
        "coalesce((SELECT max(i.occurred_at) FROM interaction_participants p "
        "CROSS JOIN interactions i ON i.id = p.interaction_id WHERE p.contact_id = c.id "
        "AND p.deleted_at IS NULL AND i.deleted_at IS NULL AND i.occurred_at <= :now), '')"
        "), '') "
        "FROM contacts c WHERE +c.deleted_at IS NULL AND c.touch_weeks > 0"
    )
    # The stored form of an instant (naive UTC text), so the comparison is textual.
    stamp = now.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    found = []
    rows = services.database.reader().execute(sql, {"now": stamp})
    for contact_id, display, latin, weeks, created, last in rows:
        since = dt.datetime.fromisoformat(last or created).replace(tzinfo=dt.UTC)
        if now - since > dt.timedelta(weeks=weeks):
            last_contact = since if last else None
            name = name_with_transliteration(display, latin)
            found.append(LapsedContact(contact_id, name, weeks, last_contact))
    never = dt.datetime.min.replace(tzinfo=dt.UTC)
    return sorted(found, key=lambda item: (item.last_contact or never, item.name))


def _holidays(services: Services, now: dt.datetime) -> list[HolidayToday]:
    sql = (
        "SELECT country, count(*) FROM contacts WHERE +deleted_at IS NULL AND country != '' "
        "GROUP BY country"
    )
    found = []
    for country, count in services.database.reader().execute(sql):
        zones = zones_for_country(country)
        if not zones:
            continue
        day = to_local(now, zones[0]).date()
        name = holiday_name(country, "", day)
        if name:
            found.append(HolidayToday(country, name, day, count))
    return sorted(found, key=lambda item: (-item.contact_count, item.country))


def build_today(services: Services, now: dt.datetime, my_zone: str) -> TodayReport:
    """Everything the Today view lists, as of ``now`` for me in ``my_zone``."""
    calendars = ClientCalendars(services, my_zone)
    overdue, due_today = _promises(services, calendars, now, my_zone)
    start, end = _my_day(now, my_zone)
    return TodayReport(
        now=now,
        my_zone=my_zone,
        overdue=overdue,
        due_today=due_today,
        awaiting=_awaiting(services, calendars, now),
        meetings=services.meetings.starting_between(start, end),
        birthdays=_birthdays(services, now, my_zone),
        lapsed=_lapsed(services, now),
        holidays=_holidays(services, now),
    )
