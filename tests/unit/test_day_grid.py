"""The day grid: each participant's hours, weekends, holidays and travels, cell by cell."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from relationsapp.core.day_grid import (
    MINUTES_PER_DAY,
    CellKind,
    GridCell,
    classify,
    day_pattern,
    day_row,
    day_start_utc,
    itinerary_legs,
    minute_kind,
    place_at,
    weekend_at,
)
from relationsapp.core.meeting_participants import Participant, Place, Stay
from relationsapp.i18n.translate import set_language

COPENHAGEN = Participant("Copenhagen", "Europe/Copenhagen", "DK")
NEW_YORK = Participant("New York", "America/New_York", "US")
HELSINKI = Participant("Helsinki", "Europe/Helsinki", "FI")
TOKYO_THEN_RIYADH = Participant(
    "me",
    "Europe/Copenhagen",
    "DK",
    itinerary=(
        Stay(dt.date(2027, 3, 11), dt.date(2027, 3, 14), "Asia/Riyadh", "SA"),
        Stay(dt.date(2027, 3, 8), dt.date(2027, 3, 10), "Asia/Tokyo", "JP"),
    ),
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def labels(cells: list[GridCell]) -> list[str]:
    return [cell.local_start.strftime("%H:%M") for cell in cells]


@pytest.mark.parametrize(
    ("hour", "minute", "kind"),
    [
        (6, 59, CellKind.NIGHT),
        (7, 0, CellKind.EDGE),
        (8, 59, CellKind.EDGE),
        (9, 0, CellKind.WORKING),
        (16, 59, CellKind.WORKING),
        (17, 0, CellKind.EDGE),
        (19, 59, CellKind.EDGE),
        (20, 0, CellKind.NIGHT),
        (0, 0, CellKind.NIGHT),
    ],
)
def test_edge_of_day_is_two_hours_before_and_three_after(
    hour: int, minute: int, kind: CellKind
) -> None:
    assert minute_kind(hour * 60 + minute, 9 * 60, 17 * 60) is kind


def test_a_night_shift_crossing_midnight_is_working_at_midnight() -> None:
    assert minute_kind(0, 22 * 60, 6 * 60) is CellKind.WORKING
    assert minute_kind(6 * 60, 22 * 60, 6 * 60) is CellKind.EDGE
    assert minute_kind(12 * 60, 22 * 60, 6 * 60) is CellKind.NIGHT
    assert minute_kind(21 * 60, 22 * 60, 6 * 60) is CellKind.EDGE


@pytest.mark.parametrize(("start", "end"), [(540, 1020), (1320, 360), (0, 1440), (480, 480)])
def test_day_pattern_tiles_the_day_and_agrees_with_minute_kind(start: int, end: int) -> None:
    pieces = day_pattern(start, end)
    assert pieces[0][0] == 0 and pieces[-1][1] == MINUTES_PER_DAY
    for (_, end_a, _), (start_b, _, _) in itertools.pairwise(pieces):
        assert end_a == start_b
    for low, high, kind in pieces:
        assert {minute_kind(m, start, end) for m in range(low, high)} == {kind}


def test_round_the_clock_hours_are_always_working_and_empty_hours_never() -> None:
    assert day_pattern(0, MINUTES_PER_DAY) == ((0, MINUTES_PER_DAY, CellKind.WORKING),)
    assert CellKind.WORKING not in {kind for _, _, kind in day_pattern(480, 480)}


def test_copenhagen_and_new_york_are_five_hours_apart_while_only_the_us_is_on_dst() -> None:
    # US clocks change 2027-03-14, the EU's 2027-03-28.
    nine_in_copenhagen = utc(2027, 3, 15, 8)  # 09:00 CET
    new_york = day_row(NEW_YORK, "Europe/Copenhagen", dt.date(2027, 3, 15))[9]
    assert new_york.start_utc == nine_in_copenhagen
    assert new_york.local_start.strftime("%H:%M %Z") == "04:00 EDT"  # 5 h behind
    later = day_row(NEW_YORK, "Europe/Copenhagen", dt.date(2027, 3, 29))[9]
    assert later.local_start.strftime("%H:%M %Z") == "03:00 EDT"  # 6 h behind again
    earlier = day_row(NEW_YORK, "Europe/Copenhagen", dt.date(2027, 3, 8))[9]
    assert earlier.local_start.strftime("%H:%M %Z") == "03:00 EST"


def test_reference_day_has_23_cells_in_spring_and_25_in_autumn() -> None:
    spring = day_row(COPENHAGEN, "Europe/Copenhagen", dt.date(2027, 3, 28))
    autumn = day_row(COPENHAGEN, "Europe/Copenhagen", dt.date(2027, 10, 31))
    assert len(spring) == 23 and len(autumn) == 25
    assert labels(spring)[:4] == ["00:00", "01:00", "03:00", "04:00"]
    assert labels(autumn)[:5] == ["00:00", "01:00", "02:00", "02:00", "03:00"]
    # Hours are real elapsed time: consecutive cells are 60 minutes apart in UTC.
    assert {b.start_utc - a.start_utc for a, b in itertools.pairwise(autumn)} == {
        dt.timedelta(hours=1)
    }
    assert len(day_row(COPENHAGEN, "Europe/Copenhagen", dt.date(2027, 3, 27))) == 24


def test_a_rows_labels_shift_on_the_day_its_own_zone_changes() -> None:
    # Copenhagen columns, New York row, Sunday 2027-03-14: 02:00 EST becomes 03:00 EDT.
    row = day_row(NEW_YORK, "Europe/Copenhagen", dt.date(2027, 3, 14))
    assert len(row) == 24  # the reference zone does not change that day
    assert labels(row)[5:10] == ["23:00", "00:00", "01:00", "03:00", "04:00"]
    assert labels(day_row(NEW_YORK, "Europe/Copenhagen", dt.date(2027, 3, 13)))[6:9] == [
        "00:00",
        "01:00",
        "02:00",
    ]


def test_southern_hemisphere_rows_fall_back_in_april() -> None:
    # Sydney leaves DST on the first Sunday of April: 03:00 AEDT → 02:00 AEST (16:00 UTC).
    sydney = Participant("Sydney", "Australia/Sydney", "AU")
    row = day_row(sydney, "UTC", dt.date(2027, 4, 3))
    assert labels(row)[14:18] == ["01:00", "02:00", "02:00", "03:00"]
    # Lord Howe moves by half an hour: 02:00 (+11) → 01:30 (+10:30).
    lord_howe = Participant("Lord Howe", "Australia/Lord_Howe", "AU")
    assert labels(day_row(lord_howe, "UTC", dt.date(2027, 4, 3)))[13:17] == [
        "00:00",
        "01:00",
        "01:30",
        "02:30",
    ]


def test_half_and_three_quarter_hour_zones_label_cells_off_the_hour() -> None:
    kolkata = Participant("Kolkata", "Asia/Kolkata", "IN")
    kathmandu = Participant("Kathmandu", "Asia/Kathmandu", "NP")
    day = dt.date(2027, 6, 15)
    assert labels(day_row(kolkata, "UTC", day))[4] == "09:30"
    assert labels(day_row(kathmandu, "UTC", day))[4] == "09:45"
    # The Kathmandu reference day starts at 18:15 UTC the day before.
    first = day_row(COPENHAGEN, "Asia/Kathmandu", day)[0]
    assert first.start_utc == utc(2027, 6, 14, 18, 15)


def test_holiday_cells_carry_the_holidays_name_in_the_ui_language() -> None:
    set_language("fi")
    cell = day_row(HELSINKI, "Europe/Helsinki", dt.date(2027, 12, 6))[10]
    assert (cell.kind, cell.holiday) == (CellKind.HOLIDAY, "Itsenäisyyspäivä")
    set_language("en")
    assert classify(HELSINKI, cell.start_utc) == (CellKind.HOLIDAY, "Independence Day")
    assert classify(HELSINKI, utc(2027, 12, 7, 10)) == (CellKind.WORKING, None)


def test_precedence_is_day_off_then_holiday_then_weekend() -> None:
    christmas_saturday = dt.date(2027, 12, 25)
    dane = Participant("Dane", "Europe/Copenhagen", "DK")
    at_noon = utc(2027, 12, 25, 11)
    assert classify(dane, at_noon) == (CellKind.HOLIDAY, "Christmas Day")
    off = Participant(
        "Dane", "Europe/Copenhagen", "DK", unavailable_days=frozenset({christmas_saturday})
    )
    assert classify(off, at_noon) == (CellKind.UNAVAILABLE, None)
    assert classify(dane, utc(2027, 12, 18, 11)) == (CellKind.WEEKEND, None)


def test_personal_weekend_override_applies_at_home() -> None:
    four_day_week = Participant("Mette", "Europe/Copenhagen", "DK", weekend_days=(4, 5, 6))
    friday = utc(2027, 4, 16, 10)
    assert classify(four_day_week, friday)[0] is CellKind.WEEKEND
    assert classify(COPENHAGEN, friday)[0] is CellKind.WORKING


def test_day_start_is_the_jump_when_midnight_does_not_exist() -> None:
    # Santiago springs forward at 24:00 → 01:00 on 2027-09-05 (−04:00 → −03:00).
    assert day_start_utc("America/Santiago", dt.date(2027, 9, 5)) == utc(2027, 9, 5, 4)
    assert day_start_utc("America/Santiago", dt.date(2027, 9, 6)) == utc(2027, 9, 6, 3)
    assert day_start_utc("Europe/Copenhagen", dt.date(2027, 3, 28)) == utc(2027, 3, 27, 23)


class TestItinerary:
    def test_tokyo_hours_on_the_ninth(self) -> None:
        # 09:30 in Tokyo on the 9th is 00:30 UTC (01:30 at home in Copenhagen: night).
        at = utc(2027, 3, 9, 0, 30)
        assert place_at(TOKYO_THEN_RIYADH, at).zone == "Asia/Tokyo"
        assert classify(TOKYO_THEN_RIYADH, at) == (CellKind.WORKING, None)
        assert classify(COPENHAGEN, at)[0] is CellKind.NIGHT
        row = day_row(TOKYO_THEN_RIYADH, "Asia/Tokyo", dt.date(2027, 3, 9))
        assert [cell.kind for cell in row[9:17]] == [CellKind.WORKING] * 8
        assert row[9].local_start.strftime("%H:%M %Z") == "09:00 JST"

    def test_riyadhs_week_and_holidays_in_riyadh(self) -> None:
        # Friday the 12th is both Riyadh's weekend and (estimated) Eid al-Fitr holiday:
        # the holiday wins the precedence; Saturday the 13th shows the weekend.
        riyadh = place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 12, 9))
        assert riyadh == Place("Asia/Riyadh", "SA", "")
        assert 4 in weekend_at(TOKYO_THEN_RIYADH, riyadh)  # Friday
        kind, name = classify(TOKYO_THEN_RIYADH, utc(2027, 3, 12, 9))
        assert kind is CellKind.HOLIDAY and name and "Eid" in name
        assert classify(TOKYO_THEN_RIYADH, utc(2027, 3, 13, 9)) == (CellKind.WEEKEND, None)

    def test_riyadhs_friday_is_weekend_and_its_sunday_a_working_day(self) -> None:
        me = Participant(
            "me",
            "Europe/Copenhagen",
            "DK",
            itinerary=(Stay(dt.date(2027, 4, 5), dt.date(2027, 4, 11), "Asia/Riyadh", "SA"),),
        )
        friday, sunday = utc(2027, 4, 9, 8), utc(2027, 4, 11, 8)  # 11:00 in Riyadh
        assert classify(me, friday) == (CellKind.WEEKEND, None)
        assert classify(me, sunday) == (CellKind.WORKING, None)
        assert classify(me, utc(2027, 4, 12, 8))[0] is CellKind.WORKING  # home, Monday 10:00
        assert classify(me, utc(2027, 4, 18, 8))[0] is CellKind.WEEKEND  # home, Sunday

    def test_stays_are_read_in_their_own_zones_calendar(self) -> None:
        # Tokyo's 8th begins at 15:00 UTC on the 7th: from then on I am in Tokyo.
        assert place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 7, 14, 59)).zone == "Europe/Copenhagen"
        assert place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 7, 15)).zone == "Asia/Tokyo"

    def test_flying_west_keeps_the_earlier_stay_until_the_next_begins(self) -> None:
        # Tokyo's stay ends 2027-03-10 15:00 UTC, Riyadh's 11th starts 21:00 UTC.
        legs = itinerary_legs(TOKYO_THEN_RIYADH)
        assert [leg.place.zone for leg in legs] == ["Asia/Tokyo", "Asia/Riyadh"]
        assert legs[0].departure == legs[1].arrival == utc(2027, 3, 10, 21)
        assert place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 10, 18)).zone == "Asia/Tokyo"
        assert place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 10, 21)).zone == "Asia/Riyadh"
        # Riyadh's stay ends at its midnight after the 14th: home again.
        assert place_at(TOKYO_THEN_RIYADH, utc(2027, 3, 14, 21)).zone == "Europe/Copenhagen"

    def test_flying_east_the_later_stay_wins_the_overlap(self) -> None:
        me = Participant(
            "me",
            "Europe/Copenhagen",
            "DK",
            itinerary=(
                Stay(dt.date(2027, 3, 8), dt.date(2027, 3, 10), "Asia/Riyadh", "SA"),
                Stay(dt.date(2027, 3, 11), dt.date(2027, 3, 12), "Asia/Tokyo", "JP"),
            ),
        )
        # Tokyo's 11th starts at 15:00 UTC, while it is still the 10th in Riyadh.
        assert place_at(me, utc(2027, 3, 10, 14, 59)).zone == "Asia/Riyadh"
        assert place_at(me, utc(2027, 3, 10, 15)).zone == "Asia/Tokyo"

    def test_a_side_trip_hands_back_to_the_long_stay(self) -> None:
        me = Participant(
            "me",
            "Europe/Copenhagen",
            "DK",
            itinerary=(
                Stay(dt.date(2027, 5, 3), dt.date(2027, 5, 14), "America/New_York", "US"),
                Stay(dt.date(2027, 5, 6), dt.date(2027, 5, 7), "America/Chicago", "US"),
            ),
        )
        assert place_at(me, utc(2027, 5, 6, 15)).zone == "America/Chicago"
        assert place_at(me, utc(2027, 5, 10, 15)).zone == "America/New_York"

    def test_a_stay_without_a_country_keeps_my_own_week_and_no_holidays(self) -> None:
        me = Participant(
            "me",
            "Europe/Copenhagen",
            "DK",
            itinerary=(Stay(dt.date(2027, 12, 24), dt.date(2027, 12, 27), "Asia/Tokyo"),),
        )
        assert classify(me, utc(2027, 12, 24, 1)) == (CellKind.WORKING, None)  # 10:00 JST
        assert classify(me, utc(2027, 12, 25, 1))[0] is CellKind.WEEKEND


def test_day_row_rejects_a_step_that_would_never_end() -> None:
    with pytest.raises(ValueError):
        day_row(COPENHAGEN, "UTC", dt.date(2027, 1, 4), step_minutes=0)
