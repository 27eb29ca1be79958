"""What each participant's day looks like, hour by hour, in a zone the user picks.

One row per participant, cells across the reference zone's civil day, each cell coloured
by what that instant is *for the participant*: working, the edge of their day, night,
weekend, a public holiday or a personal day off.

Where a travelling participant is (the itinerary rule)
------------------------------------------------------
A stay "Tokyo, 8–10 March" means Tokyo's calendar: it holds the traveller from
00:00 on 8 March *Tokyo time* to 00:00 on 11 March Tokyo time. Dates are read in the
stay's own zone, not in the home zone: with a New York home (EST, −05:00), reading
dates in the home zone would keep the traveller in New York, on the evening of the 7th,
until 14:00 Tokyo time on 8 March. (``Participant.place_on`` answers the date-only
question "where am I on this civil date"; instants go through ``place_at`` below.)

At a change-over between back-to-back stays (one ends on day N, the next starts on
N+1) the two midnights differ in UTC:

- flying west (Tokyo 8–10 then Riyadh 11–14): Tokyo's stay ends at 2027-03-10 15:00 UTC
  but Riyadh's 11th only starts at 21:00 UTC. The earlier stay is kept until the later
  one begins, so the traveller is never sent home for those six hours.
- flying east (Riyadh then Tokyo) the stays overlap; the later stay wins from its own
  first midnight.

In general: at an instant, of the stays whose span contains it, the one that began
last wins (so a side trip inside a long stay takes over, then hands back). Outside
every stay the participant is at home (``zone``/``country``/``subdivision``).

Whose week and whose holidays
-----------------------------
At home, and on a stay in the home country or in an unnamed country, the participant's
own weekend applies (``weekend_days`` or their country's CLDR weekend). On a stay in
another country that country's CLDR weekend applies: in Riyadh one does not work on
Friday whatever the week at home. Holidays are those of the place (none when the stay
names no country). Personal unavailable days are civil dates where the participant is.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Container, Set
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from relationsapp.core.holiday_calendar import holiday_name
from relationsapp.core.meeting_participants import Participant, Place
from relationsapp.core.wall_time import interpret_wall_time
from relationsapp.core.working_hours import country_weekend, weekend_for
from relationsapp.core.zones import to_local

MINUTES_PER_DAY = 24 * 60
#: The "edge of the day": this long before work starts and after it ends (07–09, 17–20).
EDGE_BEFORE_MINUTES = 2 * 60
EDGE_AFTER_MINUTES = 3 * 60


class CellKind(StrEnum):
    """What an instant is for one participant, in order of increasing severity."""

    WORKING = "working"
    EDGE = "edge"
    NIGHT = "night"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    UNAVAILABLE = "unavailable"


@dataclass(frozen=True)
class GridCell:
    """One cell of a participant's row: from ``start_utc`` for one step."""

    start_utc: dt.datetime
    local_start: dt.datetime  # aware, in the zone where the participant is then
    kind: CellKind
    holiday: str | None


@dataclass(frozen=True)
class Leg:
    """A stay as a stretch of real time: ``arrival`` ≤ instant < ``departure`` (UTC)."""

    arrival: dt.datetime
    departure: dt.datetime
    place: Place


def day_start_utc(zone: str, day: dt.date) -> dt.datetime:
    """The first instant of the civil ``day`` in ``zone``, in UTC.

    Usually local midnight. Where clocks jump forward *at* midnight (Santiago, first
    Sunday of September: 00:00 → 01:00) midnight does not exist and the day begins at
    the jump; where they fall back across midnight the first 00:00 counts.
    """
    midnight = dt.datetime.combine(day, dt.time())
    wall = interpret_wall_time(zone, midnight)
    if wall.instants:  # one instant, or the earlier of two in a fold
        return wall.instants[0]
    # In a gap the clock jumps forward, so the offset before it is the smaller one:
    # Santiago 2027-09-05 00:00 at −04:00 is 04:00 UTC, the instant of the jump.
    return (midnight - min(wall.offsets)).replace(tzinfo=dt.UTC)


def _home(participant: Participant) -> Place:
    return Place(participant.zone, participant.country, participant.subdivision)


@lru_cache(maxsize=256)
def itinerary_legs(participant: Participant) -> tuple[Leg, ...]:
    """The participant's stays as UTC spans, back-to-back stays joined (module doc)."""
    stays = sorted(participant.itinerary, key=lambda stay: (stay.first_day, stay.last_day))
    legs: list[Leg] = []
    for index, stay in enumerate(stays):
        arrival = day_start_utc(stay.zone, stay.first_day)
        departure = day_start_utc(stay.zone, stay.last_day + dt.timedelta(days=1))
        following = stays[index + 1] if index + 1 < len(stays) else None
        if following is not None and following.first_day == stay.last_day + dt.timedelta(1):
            # Flying west leaves hours between the two midnights: stay until the next
            # stay begins (overlaps flying east are settled by "latest arrival wins").
            departure = max(departure, day_start_utc(following.zone, following.first_day))
        place = Place(stay.zone, stay.country, stay.subdivision)
        legs.append(Leg(arrival, departure, place))
    return tuple(legs)


def place_at(participant: Participant, instant_utc: dt.datetime) -> Place:
    """Where the participant is at ``instant_utc`` (the itinerary rule of this module)."""
    best: Leg | None = None
    for leg in itinerary_legs(participant):
        if leg.arrival <= instant_utc < leg.departure and (
            best is None or leg.arrival >= best.arrival
        ):
            best = leg
    return best.place if best is not None else _home(participant)


def place_periods(
    participant: Participant, start_utc: dt.datetime, end_utc: dt.datetime
) -> list[tuple[dt.datetime, dt.datetime, Place]]:
    """``[start_utc, end_utc)`` cut where the participant moves, with the place of each."""
    cuts = {start_utc, end_utc}
    for leg in itinerary_legs(participant):
        cuts.update(t for t in (leg.arrival, leg.departure) if start_utc < t < end_utc)
    ordered = sorted(cuts)
    return [(a, b, place_at(participant, a)) for a, b in itertools.pairwise(ordered)]


def weekend_at(participant: Participant, place: Place) -> tuple[int, ...]:
    """Weekday numbers (0 = Monday) that are weekend for the participant at ``place``."""
    if not place.country or place.country.upper() == participant.country.upper():
        return weekend_for(participant.country, participant.weekend_days)
    return country_weekend(place.country)


def day_kind(
    participant: Participant, place: Place, day: dt.date, language: str | None = None
) -> tuple[CellKind | None, str | None]:
    """UNAVAILABLE, HOLIDAY (with its name) or WEEKEND for the whole civil ``day``; else None."""
    holiday = holiday_name(place.country, place.subdivision, day, language)
    return day_kind_of(day, participant.unavailable_days, holiday, weekend_at(participant, place))


def day_kind_of(
    day: dt.date, unavailable: Set[dt.date], holiday: str | None, weekend: Container[int]
) -> tuple[CellKind | None, str | None]:
    """The precedence of whole-day kinds, given the facts: day off > holiday > weekend."""
    if day in unavailable:
        return CellKind.UNAVAILABLE, None
    if holiday:
        return CellKind.HOLIDAY, holiday
    if day.weekday() in weekend:
        return CellKind.WEEKEND, None
    return None, None


def minute_kind(minute: int, work_start: int, work_end: int) -> CellKind:
    """WORKING, EDGE or NIGHT for a minute of a working day (0 ≤ minute < 1440).

    Modular arithmetic so that a shift crossing midnight (22:00–06:00) works too; an
    empty shift (start == end) is never working, 00:00–24:00 always is.
    """
    length = (work_end - work_start) % MINUTES_PER_DAY
    if not length and work_end != work_start:
        length = MINUTES_PER_DAY
    if (minute - work_start) % MINUTES_PER_DAY < length:
        return CellKind.WORKING
    if 0 < (work_start - minute) % MINUTES_PER_DAY <= EDGE_BEFORE_MINUTES:
        return CellKind.EDGE
    if (minute - work_end) % MINUTES_PER_DAY < EDGE_AFTER_MINUTES:
        return CellKind.EDGE
    return CellKind.NIGHT


@lru_cache(maxsize=256)
def day_pattern(work_start: int, work_end: int) -> tuple[tuple[int, int, CellKind], ...]:
    """A working day as (from minute, to minute, kind) pieces covering 00:00–24:00."""
    cuts = {0, MINUTES_PER_DAY}
    for edge in (
        work_start,
        work_end,
        work_start - EDGE_BEFORE_MINUTES,
        work_end + EDGE_AFTER_MINUTES,
    ):
        cuts.add(edge % MINUTES_PER_DAY)
    ordered = sorted(cuts)
    pieces: list[tuple[int, int, CellKind]] = []
    for a, b in itertools.pairwise(ordered):
        kind = minute_kind(a, work_start, work_end)  # constant between two cuts
        if pieces and pieces[-1][2] is kind:
            pieces[-1] = (pieces[-1][0], b, kind)
        else:
            pieces.append((a, b, kind))
    return tuple(pieces)


def classify(participant: Participant, instant_utc: dt.datetime) -> tuple[CellKind, str | None]:
    """What ``instant_utc`` is for the participant, with the holiday's name if any.

    Precedence: UNAVAILABLE > HOLIDAY > WEEKEND > WORKING/EDGE/NIGHT by local minute,
    all read where the participant is at that instant (module doc).
    """
    place = place_at(participant, instant_utc)
    local = to_local(instant_utc, place.zone)
    kind, name = day_kind(participant, place, local.date())
    if kind is not None:
        return kind, name
    minute = local.hour * 60 + local.minute
    return minute_kind(minute, participant.work_start, participant.work_end), None


def day_row(
    participant: Participant, reference_zone: str, day: dt.date, step_minutes: int = 60
) -> list[GridCell]:
    """The participant's cells across the reference zone's civil ``day``.

    Steps are real elapsed time from the reference zone's first instant of ``day`` to
    that of the next day, so a day on which the reference zone changes its clocks has
    23 or 25 hourly cells (Copenhagen 2027-03-28 and 2027-10-31). Each cell's
    ``local_start`` is read in the participant's own zone, so a row's hour labels jump
    on the day *their* zone changes: with Copenhagen columns, a New York row on Sunday
    2027-03-14 reads …, 00:00, 01:00, 03:00, … (07:00 UTC is 02:00 EST = 03:00 EDT).
    """
    if step_minutes <= 0:
        raise ValueError(step_minutes)
    start = day_start_utc(reference_zone, day)
    end = day_start_utc(reference_zone, day + dt.timedelta(days=1))
    step = dt.timedelta(minutes=step_minutes)
    cells: list[GridCell] = []
    instant = start
    while instant < end:
        kind, name = classify(participant, instant)
        local = to_local(instant, place_at(participant, instant).zone)
        cells.append(GridCell(instant, local, kind, name))
        instant += step
    return cells
