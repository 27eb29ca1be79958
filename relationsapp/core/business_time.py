"""Working-time arithmetic in a client's own week: reply deadlines and promise due times.

Time is counted in the *client's* calendar (zone, working hours, weekend, public
holidays, away periods), never in ours. Every function takes and returns aware
instants and answers in UTC. Work is done per day over whole working intervals, so a
response window of weeks costs a few dozen steps, not one per minute.

Each civil day has at most one working interval: from ``work_start`` to ``work_end``
local time, ending on the next day when ``work_end <= work_start`` (a night shift).
A shift belongs to the day it starts on: a Friday night shift is worked even if
Saturday is weekend. DST (DESIGN: Time) is resolved here, not asked about, because a
working day has to have *some* hours:

- a start or end inside a DST gap moves to the first valid minute after the gap
  (Copenhagen 2027-03-28 02:30 → 03:00 CEST = 01:00 UTC);
- a start or end inside a DST fold takes its first occurrence, the earlier instant
  (pytz ``is_dst=True``: Copenhagen 2027-10-31 02:30 → 02:30 CEST = 00:30 UTC).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import pytz

from relationsapp.core.holiday_calendar import holidays_between, subdivision_code
from relationsapp.core.records import ContactDraft
from relationsapp.core.wall_time import interpret_wall_time
from relationsapp.core.working_hours import weekend_for
from relationsapp.core.zones import is_known_zone, localize, to_local, zones_for_country

MINUTES_PER_DAY = 24 * 60
_MINUTE = dt.timedelta(minutes=1)
_DAY = dt.timedelta(days=1)
_NOTHING = dt.timedelta()


@dataclass(frozen=True)
class WorkCalendar:
    """One client's working week: where, which hours, which days off."""

    zone: str  # IANA
    country: str = ""  # ISO alpha-2; weekend from CLDR and public holidays from it
    subdivision: str = ""
    work_start: int = 540  # minutes after local midnight
    work_end: int = 1020  # may be 1440 (midnight at the end of the day)
    weekend_override: tuple[int, ...] | None = None  # 0 = Monday
    away: tuple[tuple[dt.date, dt.date], ...] = ()  # inclusive civil-date periods off

    def __post_init__(self) -> None:
        # Fail on construction rather than deep inside a deadline computation.
        if not is_known_zone(self.zone):
            raise ValueError(f"unknown time zone {self.zone!r}")
        if not (0 <= self.work_start < MINUTES_PER_DAY and 0 <= self.work_end <= MINUTES_PER_DAY):
            raise ValueError(f"working hours out of range: {self.work_start}–{self.work_end}")

    def is_working_day(self, day: dt.date) -> bool:
        """Not weekend, not a public holiday, not away."""
        if day.weekday() in weekend_for(self.country, self.weekend_override):
            return False
        if day in _holiday_dates(self.country, self.subdivision, day.year):
            return False
        return not any(first <= day <= last for first, last in self.away)

    def working_interval(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """UTC [start, end) of the shift starting on ``day``; None on a non-working day.

        None too when DST leaves the shift empty (it lies wholly inside a gap).
        """
        return _working_interval(self, day)


@dataclass(frozen=True)
class ReplyState:
    due_at: dt.datetime  # UTC
    overdue: bool
    working_minutes_left: int  # >= 0 when not overdue
    working_minutes_over: int  # >= 0 when overdue


@lru_cache(maxsize=256)
def _holiday_dates(country: str, subdivision: str, year: int) -> frozenset[dt.date]:
    # Only the dates matter, so one fixed language: the cache does not split by UI language.
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return frozenset(holidays_between(country, subdivision, first, last, language="en"))


def _utc_instant(zone: str, local: dt.datetime) -> dt.datetime:
    """The naive ``local`` time in ``zone`` as UTC, DST resolved as the module says."""
    while True:
        try:
            return localize(local, zone).astimezone(dt.UTC)
        except pytz.AmbiguousTimeError:
            return interpret_wall_time(zone, local).instants[0]  # sorted: earlier first
        except pytz.NonExistentTimeError:
            # Gaps last an hour, rarely more (Samoa skipped a whole day in 2011).
            local += _MINUTE


def _shift(calendar: WorkCalendar, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """UTC start and end of the shift starting on ``day``, working day or not."""
    midnight = dt.datetime.combine(day, dt.time())
    start = midnight + dt.timedelta(minutes=calendar.work_start)
    end_day = midnight if calendar.work_end > calendar.work_start else midnight + _DAY
    end = end_day + dt.timedelta(minutes=calendar.work_end)
    return _utc_instant(calendar.zone, start), _utc_instant(calendar.zone, end)


@lru_cache(maxsize=8192)
def _working_interval(
    calendar: WorkCalendar, day: dt.date
) -> tuple[dt.datetime, dt.datetime] | None:
    if not calendar.is_working_day(day):
        return None
    start, end = _shift(calendar, day)
    return (start, end) if start < end else None


def _intervals(
    calendar: WorkCalendar, first: dt.date, last: dt.date
) -> Iterator[tuple[dt.datetime, dt.datetime]]:
    """Working intervals of the days ``first``..``last``, in time order (they never overlap)."""
    day = first
    while day <= last:
        interval = _working_interval(calendar, day)
        if interval is not None:
            yield interval
        day += _DAY


def _utc(instant: dt.datetime) -> dt.datetime:
    if instant.tzinfo is None:
        raise ValueError("business time needs aware datetimes")
    return instant.astimezone(dt.UTC)


def _first_day(instant: dt.datetime, calendar: WorkCalendar) -> dt.date:
    # The day before the local date: its night shift may still be running.
    return to_local(instant, calendar.zone).date() - _DAY


def working_minutes_between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar) -> int:
    """Whole minutes of the calendar's working time inside [start, end); 0 if end <= start."""
    start, end = _utc(start), _utc(end)
    if end <= start:
        return 0
    # A shift of a later local date than ``end``'s starts after ``end``.
    last = to_local(end, calendar.zone).date()
    total = _NOTHING
    for begin, finish in _intervals(calendar, _first_day(start, calendar), last):
        total += max(_NOTHING, min(finish, end) - max(begin, start))
    return total // _MINUTE


def add_working_minutes(
    start: dt.datetime, minutes: int, calendar: WorkCalendar, *, horizon_days: int = 366
) -> dt.datetime:
    """The UTC instant when ``minutes`` working minutes after ``start`` have passed.

    Outside working time the count begins at the next working interval; when it runs
    out exactly at the end of an interval, that end is the answer (not the next start).
    ``minutes == 0`` gives ``start`` itself. ValueError when there is not enough working
    time within ``horizon_days`` (a calendar whose every day is weekend).
    """
    if minutes < 0:
        raise ValueError("minutes must not be negative")
    start = _utc(start)
    if minutes == 0:
        return start
    remaining = dt.timedelta(minutes=minutes)
    first = _first_day(start, calendar)
    for begin, finish in _intervals(calendar, first, first + dt.timedelta(days=horizon_days + 1)):
        if finish <= start:
            continue
        begin = max(begin, start)
        if remaining <= finish - begin:
            return begin + remaining
        remaining -= finish - begin
    raise ValueError(f"not enough working time within {horizon_days} days")


def end_of_working_day(day: dt.date, calendar: WorkCalendar) -> dt.datetime:
    """When a promise due on the civil date ``day`` falls due, as a UTC instant.

    THE RULE: a promise due on ``day`` in the client's calendar is due at the end of the
    client's working hours on that date in the client's zone (``work_end`` local time;
    the next morning for a night shift), even if ``day`` is a weekend, holiday or away
    day: the date was agreed, so we do not move it.

    Example: due Friday 2027-03-12 for a Tokyo client working 09:00–17:00 → 17:00 JST
    (+9) = 08:00 UTC = 09:00 in Copenhagen (CET, +1) the same Friday: by Friday
    afternoon in Copenhagen it is already overdue. The other way round, a Los Angeles
    client's Friday ends at 17:00 PST (−8) = 01:00 UTC = 02:00 Saturday in Copenhagen.
    """
    return _shift(calendar, day)[1]


def reply_state(
    received: dt.datetime, response_hours: int, calendar: WorkCalendar, now: dt.datetime
) -> ReplyState:
    """Where the reply to a message ``received`` stands at ``now``.

    The reply is due after ``response_hours`` of the *client's* working time from
    ``received``: a Friday-evening e-mail from a Saudi client (weekend Friday–Saturday)
    with 24 working hours is due at the end of Tuesday and not overdue on Saturday.
    Overdue means strictly after ``due_at``; time over is counted in working minutes,
    so it stays 0 over a weekend that follows the deadline.
    """
    due = add_working_minutes(received, response_hours * 60, calendar)
    now = _utc(now)
    if now > due:
        return ReplyState(due, True, 0, working_minutes_between(due, now, calendar))
    return ReplyState(due, False, working_minutes_between(now, due, calendar), 0)


def calendar_for_country(country: str) -> WorkCalendar | None:
    """A typical working week in ``country``: its first zone, 09:00–17:00, its weekend."""
    zones = zones_for_country(country)
    return WorkCalendar(zone=zones[0], country=country) if zones else None


def calendar_from_card(
    zone: str,
    country: str,
    region: str = "",
    work_start: int = 540,
    work_end: int = 1020,
    weekend_override: tuple[int, ...] | None = None,
    away: Iterable[tuple[dt.date, dt.date]] = (),
) -> WorkCalendar | None:
    """A person's working week from what their card says (None without any zone)."""
    zone = zone or next(iter(zones_for_country(country)), "")
    if not zone:
        return None
    return WorkCalendar(
        zone=zone,
        country=country,
        subdivision=subdivision_code(country, region),
        work_start=work_start,
        work_end=work_end,
        weekend_override=weekend_override,
        away=tuple(away),
    )


def calendar_for_contact(draft: ContactDraft) -> WorkCalendar | None:
    """The contact's own working week: zone (or their country's), hours, weekend, absences."""
    return calendar_from_card(
        draft.time_zone,
        draft.country,
        draft.address.region,
        draft.work_start,
        draft.work_end,
        draft.weekend_days,
        draft.away,
    )
