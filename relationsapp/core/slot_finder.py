"""Suggest meeting slots that suit every participant, best first.

Which instants are candidates (and why the reference zone hardly matters)
-------------------------------------------------------------------------
Candidate starts are the instants whose minutes since 1970-01-01 00:00 UTC are a
multiple of ``step_minutes`` — on the hour and half hour in every zone whose offset is
a whole or half hour — that fall in ``[start of first_day, start of first_day + days)``
in the *reference zone*. The reference zone chooses that window and nothing else: the
score, flags and order of a slot depend only on its instants. So for any reference
zones A and B, the slots of A's run whose starts lie in B's window are exactly B's
slots (given a ``limit`` large enough that neither list is cut). In a 45-minute zone
(Kathmandu, +05:45) a 30-minute step gives local starts at :15 and :45; ask for
``step_minutes=15`` to get its whole hours too.

How a slot is scored
--------------------
Every minute of the slot is classified for every participant (relationsapp.core.day_grid:
where they are, their weekend, holidays, hours). A minute costs ``PENALTY[kind]`` and
the score is ``100 − Σ participants (their cost ÷ duration)``: 100 when the whole slot
is inside everyone's working hours; a 60-minute slot of which one participant spends 30
minutes at the edge of their day scores 100 − 10 × 30/60 = 95. A slot touching an
unavailable day is never offered; one touching a weekend or holiday only when allowed.

Order: score (higher first), then fairness — the sum, over participants who would be
at the edge of their day or at night, of how often they already were in this series
(lower first) — then the earlier start.

Why it is fast: the window is cut into cells of ``gcd(step, duration)`` minutes; each
participant's time line is built once as a few hundred spans (a working day is five
pieces, a holiday one) from per-day facts and per-zone offset segments — no zone or
holiday look-up per cell — and poured into per-cell minute costs. Everyone's cells are
added up, and each candidate's cost is a difference of two prefix sums; that
per-cell and per-candidate work runs in C (``map``, ``accumulate``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, repeat
from types import MappingProxyType

from relationsapp.core.day_grid import (
    MINUTES_PER_DAY,
    CellKind,
    day_kind_of,
    day_pattern,
    day_start_utc,
    place_at,
    place_periods,
    weekend_at,
)
from relationsapp.core.holiday_calendar import holidays_between
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.wall_time import UnknownZoneError
from relationsapp.core.zones import is_known_zone, to_local, utc_offset_minutes
from relationsapp.i18n.translate import current_language

#: Cost of one minute of each kind; weekend/holiday only count where they are allowed.
PENALTY: Mapping[CellKind, int] = MappingProxyType(
    {
        CellKind.WORKING: 0,
        CellKind.EDGE: 10,
        CellKind.NIGHT: 40,
        CellKind.WEEKEND: 30,
        CellKind.HOLIDAY: 30,
        CellKind.UNAVAILABLE: 0,  # never allowed: see _BLOCKED
    }
)
# A blocked minute costs more than any allowed slot can (40 a minute × 1,000 people ×
# a week-long slot is about 4 × 10**8), so "total ≥ _BLOCKED" means "touches a blocked
# day". Python integers do not overflow.
_BLOCKED = 1 << 40
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_EPOCH_ORDINAL = _EPOCH.date().toordinal()
_MINUTE = dt.timedelta(minutes=1)
_OUTSIDE_HOURS = (CellKind.EDGE, CellKind.NIGHT)

#: A stretch of one participant's time: (start, end) in UTC minutes since the epoch,
#: what it is, the holiday's name.
Span = tuple[int, int, CellKind, str | None]


@dataclass(frozen=True)
class SlotParticipant:
    """One participant's view of a slot; ``flags`` are machine-readable, not translated."""

    label: str
    local_start: dt.datetime
    local_end: dt.datetime
    flags: tuple[str, ...]


@dataclass(frozen=True)
class Slot:
    """A suggested meeting time; ``score`` 100 = inside everyone's working hours."""

    start_utc: dt.datetime
    end_utc: dt.datetime
    score: float
    participants: tuple[SlotParticipant, ...]


def _minutes(instant: dt.datetime) -> int:
    return (instant - _EPOCH) // _MINUTE


def _instant(minutes: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(minutes=minutes)


@lru_cache(maxsize=1024)
def offset_segments(zone: str, start: int, end: int) -> tuple[tuple[int, int, int], ...]:
    """``[start, end)`` (UTC minutes) cut where ``zone`` changes offset: (a, b, offset).

    The offset is probed at every UTC midnight (cached, so stepping a search by a day
    probes one new day) and, where a probe differs, the change is found by bisection to
    the minute: New York 2027-03-14 changes at 07:00 UTC (02:00 EST becomes 03:00 EDT),
    so a segment at −300 ends there and one at −240 begins. Two changes that cancel
    out within one day would be missed; tzdata has none.
    """
    segments: list[tuple[int, int, int]] = []
    begin = cursor = start
    offset = _offset(zone, start)
    while cursor < end:
        probe = (cursor // MINUTES_PER_DAY + 1) * MINUTES_PER_DAY
        if _midnight_offset(zone, probe // MINUTES_PER_DAY) == offset:
            cursor = probe
            continue
        low, high = cursor, probe  # offset(low) == offset != offset(high)
        while high - low > 1:
            middle = (low + high) // 2
            if _offset(zone, middle) == offset:
                low = middle
            else:
                high = middle
        if high >= end:
            break
        segments.append((begin, high, offset))
        begin = cursor = high
        offset = _offset(zone, high)
    segments.append((begin, end, offset))
    return tuple(segments)


def _offset(zone: str, minute: int) -> int:
    return utc_offset_minutes(zone, _instant(minute))


@lru_cache(maxsize=1 << 16)
def _midnight_offset(zone: str, day: int) -> int:
    return _offset(zone, day * MINUTES_PER_DAY)


def participant_spans(
    participant: Participant, start: int, end: int, language: str | None = None
) -> list[Span]:
    """The participant's time line over ``[start, end)`` (UTC minutes), in order."""
    pattern = day_pattern(participant.work_start, participant.work_end)
    spans: list[Span] = []
    for period_start, period_end, place in place_periods(
        participant, _instant(start), _instant(end)
    ):
        for a, b, offset in offset_segments(
            place.zone, _minutes(period_start), _minutes(period_end)
        ):
            # Work in local minutes (UTC minute + offset), where days are 1440 long,
            # and shift each piece back by the offset: in Kolkata (+330) local midnight
            # of day d is UTC minute d × 1440 − 330, i.e. 18:30 UTC the day before.
            local_a, local_b = a + offset, b + offset
            day, last_day = local_a // MINUTES_PER_DAY, (local_b - 1) // MINUTES_PER_DAY
            # One holiday table per period rather than a look-up per day.
            first_date = dt.date.fromordinal(_EPOCH_ORDINAL + day)
            last_date = dt.date.fromordinal(_EPOCH_ORDINAL + last_day)
            holidays = holidays_between(
                place.country, place.subdivision, first_date, last_date, language
            )
            weekend = frozenset(weekend_at(participant, place))
            while day <= last_day:
                midnight = day * MINUTES_PER_DAY
                date = dt.date.fromordinal(_EPOCH_ORDINAL + day)
                kind, name = day_kind_of(
                    date, participant.unavailable_days, holidays.get(date), weekend
                )
                pieces = ((0, MINUTES_PER_DAY, kind),) if kind is not None else pattern
                for piece_start, piece_end, piece_kind in pieces:
                    low = max(local_a, midnight + piece_start)
                    high = min(local_b, midnight + piece_end)
                    if low < high:
                        spans.append((low - offset, high - offset, piece_kind, name))
                day += 1
    return spans


def _cell_costs(
    spans: list[Span], origin: int, cells: int, grain: int, costs: Mapping[CellKind, int]
) -> list[int]:
    """Minute costs of each ``grain``-minute cell from ``origin``, poured from ``spans``."""
    out = [0] * cells
    for start, end, kind, _name in spans:
        cost = costs[kind]
        if not cost:
            continue
        a, b = start - origin, end - origin
        first, last = a // grain, (b - 1) // grain
        if first == last:
            out[first] += cost * (b - a)
            continue
        out[first] += cost * ((first + 1) * grain - a)
        # Spans never overlap, so the cells between the two ends are wholly this span's.
        out[first + 1 : last] = repeat(cost * grain, last - first - 1)
        out[last] += cost * (b - last * grain)
    return out


def _window_sums(cell_values: list[int], reach: int, stride: int) -> list[int]:
    """For every candidate c: the sum of cells ``c × stride`` … ``c × stride + reach − 1``."""
    prefix = [0, *accumulate(cell_values)]
    return list(map(operator.sub, prefix[reach::stride], prefix[::stride]))


def _flags(spans: list[Span], starts: list[int], start: int, end: int) -> tuple[str, ...]:
    """Warnings for ``[start, end)``, in a fixed order; ``starts`` indexes ``spans``."""
    kinds: set[CellKind] = set()
    holidays: list[str] = []
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    while index < len(spans) and spans[index][0] < end:
        _a, b, kind, name = spans[index]
        if b > start:
            kinds.add(kind)
            if name and kind is CellKind.HOLIDAY and name not in holidays:
                holidays.append(name)
        index += 1
    flags = ["outside_hours"] if kinds & set(_OUTSIDE_HOURS) else []
    flags += [
        kind.value for kind in (CellKind.EDGE, CellKind.NIGHT, CellKind.WEEKEND) if kind in kinds
    ]
    flags += [f"holiday:{name}" for name in holidays]
    if CellKind.UNAVAILABLE in kinds:
        flags.append(CellKind.UNAVAILABLE.value)
    return tuple(flags)


def _check_zones(participants: Sequence[Participant], reference_zone: str) -> None:
    zones = [reference_zone]
    for participant in participants:
        zones.append(participant.zone)
        zones.extend(stay.zone for stay in participant.itinerary)
    for zone in zones:
        if not is_known_zone(zone):
            raise UnknownZoneError(zone)


def suggest_slots(
    participants: Sequence[Participant],
    first_day: dt.date,
    days: int,
    duration_minutes: int,
    *,
    reference_zone: str = "UTC",
    step_minutes: int = 30,
    allow_weekends: bool = False,
    allow_holidays: bool = False,
    limit: int = 20,
    fairness: Mapping[str, int] | None = None,
) -> list[Slot]:
    """The best ``limit`` slots of ``duration_minutes`` over ``days`` days (module doc).

    Raises UnknownZoneError for a zone the database does not know and ValueError for a
    duration or step that is not positive.
    """
    if duration_minutes <= 0 or step_minutes <= 0:
        raise ValueError((duration_minutes, step_minutes))
    _check_zones(participants, reference_zone)
    if not participants or days <= 0 or limit <= 0:
        return []
    window_start = _minutes(day_start_utc(reference_zone, first_day))
    window_end = _minutes(day_start_utc(reference_zone, first_day + dt.timedelta(days=days)))
    origin = -(-window_start // step_minutes) * step_minutes  # first multiple of the step
    count = -(-(window_end - origin) // step_minutes)
    if count <= 0:
        return []
    grain = math.gcd(step_minutes, duration_minutes)
    stride, reach = step_minutes // grain, duration_minutes // grain
    cells = (count - 1) * stride + reach
    horizon = origin + cells * grain

    costs = dict(PENALTY)
    costs[CellKind.UNAVAILABLE] = _BLOCKED
    if not allow_weekends:
        costs[CellKind.WEEKEND] = _BLOCKED
    if not allow_holidays:
        costs[CellKind.HOLIDAY] = _BLOCKED
    burden_costs = {kind: int(kind in _OUTSIDE_HOURS) for kind in CellKind}

    language = current_language()
    # Window sums are linear, so everyone's cell costs are added up first and summed
    # over each candidate's window once; fairness needs each person's own windows.
    cell_totals = [0] * cells
    burden = [0] * count
    timelines: list[tuple[list[Span], list[int]]] = []
    for participant in participants:
        spans = participant_spans(participant, origin, horizon, language)
        timelines.append((spans, [span[0] for span in spans]))
        cell_costs = _cell_costs(spans, origin, cells, grain, costs)
        cell_totals = list(map(operator.add, cell_totals, cell_costs))
        times_before = (fairness or {}).get(participant.label, 0)
        if times_before:
            outside = _cell_costs(spans, origin, cells, grain, burden_costs)
            touched = map(bool, _window_sums(outside, reach, stride))
            burden = list(
                map(operator.add, burden, map(operator.mul, touched, repeat(times_before)))
            )
    totals = _window_sums(cell_totals, reach, stride)

    # sorted() is stable and candidates are in time order: equal keys keep the earlier.
    if any(burden):
        order = sorted(range(count), key=lambda c: (totals[c], burden[c]))
    else:
        order = sorted(range(count), key=totals.__getitem__)
    best = [c for c in order[:limit] if totals[c] < _BLOCKED]
    return [
        _slot(participants, timelines, origin + c * step_minutes, duration_minutes, totals[c])
        for c in best
    ]


def _slot(
    participants: Sequence[Participant],
    timelines: list[tuple[list[Span], list[int]]],
    start: int,
    duration: int,
    total: int,
) -> Slot:
    start_utc, end_utc = _instant(start), _instant(start + duration)
    views = []
    for participant, (spans, starts) in zip(participants, timelines, strict=True):
        # Both ends in the zone where the slot starts, so the two read as one meeting
        # even in the rare slot that spans an itinerary change-over (at night).
        zone = place_at(participant, start_utc).zone
        views.append(
            SlotParticipant(
                participant.label,
                to_local(start_utc, zone),
                to_local(end_utc, zone),
                _flags(spans, starts, start, start + duration),
            )
        )
    return Slot(start_utc, end_utc, round(100 - total / duration, 4), tuple(views))
