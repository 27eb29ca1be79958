"""Properties of the slot finder over random people, zones, dates and DST weeks.

The oracle: every zone offset, working-hours boundary, edge band, itinerary change and
candidate start used here is a multiple of 15 minutes in UTC, so classifying the first
minute of each quarter hour (day_grid.classify, the point-by-point definition) tells
exactly what every minute of a slot is. The fast finder must agree with it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relationsapp.core.day_grid import CellKind, classify, day_start_utc, place_at
from relationsapp.core.meeting_participants import Participant, Stay
from relationsapp.core.slot_finder import PENALTY, Slot, suggest_slots
from relationsapp.core.wall_time import interpret_wall_time
from relationsapp.core.zones import to_local

PLACES = [
    ("Europe/Copenhagen", "DK"),
    ("America/New_York", "US"),
    ("Asia/Riyadh", "SA"),
    ("Europe/Helsinki", "FI"),
    ("Australia/Sydney", "AU"),
    ("Australia/Lord_Howe", "AU"),
    ("Asia/Kolkata", "IN"),
    ("Asia/Kathmandu", "NP"),
    ("America/St_Johns", "CA"),
    ("America/Sao_Paulo", "BR"),
    ("Pacific/Chatham", "NZ"),
    ("Asia/Tokyo", ""),
]
# Weeks around clock changes (US, EU, southern), Eid, Finland's Independence Day.
ANCHORS = [
    dt.date(2027, 3, 12),
    dt.date(2027, 3, 26),
    dt.date(2027, 4, 2),
    dt.date(2027, 9, 24),
    dt.date(2027, 10, 29),
    dt.date(2027, 11, 5),
    dt.date(2027, 12, 4),
    dt.date(2028, 3, 9),
    dt.date(2026, 6, 10),
]
QUARTER = dt.timedelta(minutes=15)
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def days_from(draw: st.DrawFn) -> dt.date:
    return draw(st.sampled_from(ANCHORS)) + dt.timedelta(days=draw(st.integers(0, 6)))


@st.composite
def participants(draw: st.DrawFn) -> list[Participant]:
    count = draw(st.integers(1, 3))
    chosen = draw(st.lists(st.sampled_from(PLACES), min_size=count, max_size=count))
    people = []
    for index, (zone, country) in enumerate(chosen):
        start = draw(st.integers(0, 95)) * 15
        length = draw(st.integers(16, 48)) * 15
        itinerary: tuple[Stay, ...] = ()
        if index == 0 and draw(st.booleans()):
            first = draw(days_from())
            stay_zone, stay_country = draw(st.sampled_from(PLACES))
            last = first + dt.timedelta(days=draw(st.integers(0, 3)))
            itinerary = (Stay(first, last, stay_zone, stay_country),)
        off = frozenset(draw(st.lists(days_from(), max_size=2)))
        people.append(
            Participant(
                f"p{index}",
                zone,
                country,
                work_start=start,
                work_end=(start + length) % 1440,
                unavailable_days=off,
                itinerary=itinerary,
            )
        )
    return people


@dataclass(frozen=True)
class Request:
    participants: list[Participant]
    first_day: dt.date
    days: int
    duration_minutes: int
    reference_zone: str
    step_minutes: int
    allow_weekends: bool
    allow_holidays: bool

    def run(self, **changes: Any) -> list[Slot]:
        """Every slot (no limit), with some arguments changed."""
        arguments = {**vars(self), "limit": 100_000, **changes}
        people = arguments.pop("participants")
        first_day, days, duration = (
            arguments.pop(name) for name in ("first_day", "days", "duration_minutes")
        )
        return suggest_slots(people, first_day, days, duration, **arguments)

    def window(self) -> tuple[dt.datetime, dt.datetime]:
        last = self.first_day + dt.timedelta(days=self.days)
        return day_start_utc(self.reference_zone, self.first_day), day_start_utc(
            self.reference_zone, last
        )

    def blocked(self, kind: CellKind) -> bool:
        return (
            kind is CellKind.UNAVAILABLE
            or (kind is CellKind.WEEKEND and not self.allow_weekends)
            or (kind is CellKind.HOLIDAY and not self.allow_holidays)
        )


requests = st.builds(
    Request,
    participants=participants(),
    first_day=days_from(),
    days=st.integers(1, 3),
    duration_minutes=st.sampled_from([15, 30, 45, 60, 90, 120]),
    reference_zone=st.sampled_from([zone for zone, _ in PLACES] + ["UTC"]),
    step_minutes=st.sampled_from([15, 30, 60]),
    allow_weekends=st.booleans(),
    allow_holidays=st.booleans(),
)


def quarters(slot: Slot) -> list[dt.datetime]:
    count = (slot.end_utc - slot.start_utc) // QUARTER
    return [slot.start_utc + QUARTER * i for i in range(count)]


def expected_flags(found: list[tuple[CellKind, str | None]]) -> set[str]:
    kinds = {kind for kind, _ in found}
    flags = {kind.value for kind in kinds if kind in (CellKind.EDGE, CellKind.NIGHT)}
    flags |= {"weekend"} & {kind.value for kind in kinds}
    flags |= {f"holiday:{name}" for kind, name in found if kind is CellKind.HOLIDAY}
    if kinds & {CellKind.EDGE, CellKind.NIGHT}:
        flags.add("outside_hours")
    return flags


@SETTINGS
@given(requests)
def test_local_times_round_trip_through_utc(request: Request) -> None:
    for slot in request.run():
        for person, view in zip(request.participants, slot.participants, strict=True):
            zone = place_at(person, slot.start_utc).zone
            assert view.local_start.astimezone(dt.UTC) == slot.start_utc
            assert view.local_end.astimezone(dt.UTC) == slot.end_utc
            assert to_local(slot.start_utc, zone) == view.local_start
            assert view.local_start.utcoffset() == to_local(slot.start_utc, zone).utcoffset()
            # The wall time a person reads means this instant (one of two in a fold).
            wall = interpret_wall_time(zone, view.local_start.replace(tzinfo=None))
            assert slot.start_utc in wall.instants


@SETTINGS
@given(requests)
def test_no_slot_touches_a_weekend_holiday_or_day_off_unless_allowed(request: Request) -> None:
    for slot in request.run():
        for person in request.participants:
            for instant in quarters(slot):
                assert not request.blocked(classify(person, instant)[0])


@SETTINGS
@given(requests)
def test_finder_agrees_with_classifying_every_quarter_hour(request: Request) -> None:
    step, duration = request.step_minutes, request.duration_minutes
    low, high = request.window()
    # Candidate starts: multiples of the step in UTC minutes, inside the window.
    minutes = -(-((low - EPOCH) // dt.timedelta(minutes=1)) // step) * step
    start = EPOCH + dt.timedelta(minutes=minutes)
    expected = []
    while start < high:
        instants = [start + QUARTER * i for i in range(duration // 15)]
        found = [[classify(person, at) for at in instants] for person in request.participants]
        if not any(request.blocked(kind) for row in found for kind, _ in row):
            cost = sum(PENALTY[kind] * 15 for row in found for kind, _ in row)
            flags = [expected_flags(row) for row in found]
            expected.append((cost, start, round(100 - cost / duration, 4), flags))
        start += dt.timedelta(minutes=step)
    expected.sort(key=lambda item: (item[0], item[1]))
    got = [
        (slot.start_utc, slot.score, [set(view.flags) for view in slot.participants])
        for slot in request.run()
    ]
    assert got == [(start, score, flags) for _, start, score, flags in expected]


@SETTINGS
@given(requests, st.sampled_from([zone for zone, _ in PLACES]))
def test_results_do_not_depend_on_the_reference_zone(request: Request, other: str) -> None:
    # A wider scan laid out in another zone, cut to this request's window, is the same.
    low, high = request.window()
    wide = request.run(
        reference_zone=other,
        first_day=request.first_day - dt.timedelta(days=1),
        days=request.days + 2,
    )
    assert [slot for slot in wide if low <= slot.start_utc < high] == request.run()


@SETTINGS
@given(requests)
def test_best_first_and_perfect_means_no_warnings(request: Request) -> None:
    slots = request.run()
    assert [slot.score for slot in slots] == sorted((slot.score for slot in slots), reverse=True)
    for slot in slots:
        assert slot.score <= 100
        assert (slot.score == 100) == all(not view.flags for view in slot.participants)
