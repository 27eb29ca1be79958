"""Clients' clocks: correct offsets everywhere, DST traps caught, weekends by country."""

from __future__ import annotations

import datetime as dt

import pytest
import pytz

from relationsapp.core.working_hours import WorkStatus, country_weekend, weekend_for, work_status
from relationsapp.core.zones import (
    canonical_zone,
    is_known_zone,
    localize,
    to_local,
    utc_offset_minutes,
    zones_for_country,
)

WINTER = dt.datetime(2027, 1, 15, 12, 0, tzinfo=dt.UTC)
SUMMER = dt.datetime(2027, 7, 15, 12, 0, tzinfo=dt.UTC)


def hours(value: float) -> dt.timedelta:
    return dt.timedelta(minutes=round(value * 60))


@pytest.mark.parametrize(
    ("zone", "instant", "offset"),
    [
        ("Asia/Kolkata", WINTER, hours(5.5)),  # not LMT +05:53
        ("Asia/Kolkata", SUMMER, hours(5.5)),
        ("Asia/Kathmandu", WINTER, hours(5.75)),
        ("America/St_Johns", WINTER, -hours(3.5)),
        ("America/St_Johns", SUMMER, -hours(2.5)),
        ("Australia/Lord_Howe", SUMMER, hours(10.5)),  # southern winter: standard time
        ("Australia/Lord_Howe", WINTER, hours(11)),  # southern summer: a half-hour DST
        ("Europe/Copenhagen", WINTER, hours(1)),
        ("Europe/Copenhagen", SUMMER, hours(2)),
    ],
)
def test_local_time_has_the_zones_real_offset(
    zone: str, instant: dt.datetime, offset: dt.timedelta
) -> None:
    local = to_local(instant, zone)
    assert local.utcoffset() == offset
    assert local.replace(tzinfo=None) == (instant + offset).replace(tzinfo=None)


def test_local_time_of_kolkata_at_noon_utc_is_half_past_five() -> None:
    assert to_local(WINTER, "Asia/Kolkata").strftime("%H:%M") == "17:30"
    assert utc_offset_minutes("Asia/Kolkata", WINTER) == 330
    assert utc_offset_minutes("Asia/Kathmandu", WINTER) == 345


def test_to_local_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError):
        to_local(dt.datetime(2027, 1, 15, 12, 0), "Asia/Tokyo")


def test_localize_gives_the_real_offset_not_local_mean_time() -> None:
    meeting = localize(dt.datetime(2027, 1, 15, 9, 0), "Asia/Kolkata")
    assert meeting.utcoffset() == hours(5.5)
    assert meeting.astimezone(dt.UTC) == dt.datetime(2027, 1, 15, 3, 30, tzinfo=dt.UTC)


def test_localize_refuses_a_time_that_does_not_exist_in_the_dst_gap() -> None:
    with pytest.raises(pytz.NonExistentTimeError):
        localize(dt.datetime(2027, 3, 28, 2, 30), "Europe/Copenhagen")


def test_localize_refuses_a_time_that_happens_twice_in_the_dst_fold() -> None:
    with pytest.raises(pytz.AmbiguousTimeError):
        localize(dt.datetime(2027, 10, 31, 2, 30), "Europe/Copenhagen")


def test_localize_accepts_times_just_outside_the_gap_and_fold() -> None:
    before_gap = localize(dt.datetime(2027, 3, 28, 1, 59), "Europe/Copenhagen")
    after_fold = localize(dt.datetime(2027, 10, 31, 3, 0), "Europe/Copenhagen")
    assert before_gap.utcoffset() == hours(1)
    assert after_fold.utcoffset() == hours(1)


def test_legacy_zone_names_map_to_current_ones() -> None:
    assert canonical_zone("Asia/Calcutta") == "Asia/Kolkata"
    assert canonical_zone(" Asia/Saigon ") == "Asia/Ho_Chi_Minh"
    assert canonical_zone("Europe/Paris") == "Europe/Paris"
    assert is_known_zone("Asia/Calcutta")
    assert not is_known_zone("Mars/Olympus")
    assert localize(dt.datetime(2027, 1, 15, 9, 0), "Asia/Calcutta").utcoffset() == hours(5.5)


def test_zones_for_a_country() -> None:
    assert zones_for_country("JP") == ["Asia/Tokyo"]
    assert zones_for_country("jp") == ["Asia/Tokyo"]
    assert zones_for_country("IN") == ["Asia/Kolkata"]
    assert "America/St_Johns" in zones_for_country("CA")
    assert zones_for_country("XX") == []


@pytest.mark.parametrize(
    ("country", "weekend"),
    [
        ("SA", (4, 5)),  # Friday–Saturday
        ("IN", (6,)),  # Sunday only
        ("DK", (5, 6)),
        ("AE", (5, 6)),  # moved to Saturday–Sunday in 2022
        ("", (5, 6)),
    ],
)
def test_weekend_days_come_from_the_country(country: str, weekend: tuple[int, ...]) -> None:
    assert country_weekend(country) == weekend


def test_contacts_own_weekend_wins_over_the_countrys() -> None:
    assert weekend_for("SA", None) == (4, 5)
    assert weekend_for("SA", (5, 6)) == (5, 6)
    assert weekend_for("DK", ()) == ()


def at(local: dt.datetime, zone: str) -> dt.datetime:
    """The UTC instant of a wall-clock time in ``zone``."""
    return localize(local, zone).astimezone(dt.UTC)


# 2027-03-02 is a Tuesday, 2027-03-05 a Friday, 2027-03-07 a Sunday.
TUESDAY, FRIDAY, SUNDAY = 2, 5, 7


def march(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute)


@pytest.mark.parametrize(
    ("local", "zone", "country", "status"),
    [
        (march(FRIDAY, 10), "Asia/Riyadh", "SA", WorkStatus.WEEKEND),
        (march(SUNDAY, 10), "Asia/Riyadh", "SA", WorkStatus.WORKING),
        (march(SUNDAY, 10), "Europe/Copenhagen", "DK", WorkStatus.WEEKEND),
        (march(FRIDAY, 10), "Europe/Copenhagen", "DK", WorkStatus.WORKING),
        (march(TUESDAY, 18), "Europe/Copenhagen", "DK", WorkStatus.OFF_HOURS),
        (march(TUESDAY, 16, 59), "Europe/Copenhagen", "DK", WorkStatus.WORKING),
        (march(TUESDAY, 17), "Europe/Copenhagen", "DK", WorkStatus.OFF_HOURS),
        (march(TUESDAY, 9), "Europe/Copenhagen", "DK", WorkStatus.WORKING),
        (march(TUESDAY, 8, 59), "Europe/Copenhagen", "DK", WorkStatus.OFF_HOURS),
        (march(SUNDAY, 10), "Asia/Kolkata", "IN", WorkStatus.WEEKEND),
        (march(6, 10), "Asia/Kolkata", "IN", WorkStatus.WORKING),  # Saturday in India
    ],
)
def test_work_status_in_the_clients_own_week(
    local: dt.datetime, zone: str, country: str, status: WorkStatus
) -> None:
    assert work_status(at(local, zone), zone, country, 9 * 60, 17 * 60) == status


def test_work_status_uses_the_clients_clock_not_utc() -> None:
    instant = dt.datetime(2027, 3, 2, 8, 0, tzinfo=dt.UTC)  # 17:00 Tokyo, 09:00 CPH
    assert work_status(instant, "Asia/Tokyo", "JP", 9 * 60, 17 * 60) == WorkStatus.OFF_HOURS
    assert work_status(instant, "Europe/Copenhagen", "DK", 9 * 60, 17 * 60) == WorkStatus.WORKING


@pytest.mark.parametrize(
    ("local", "status"),
    [
        (march(TUESDAY, 22), WorkStatus.WORKING),
        (march(TUESDAY, 23, 30), WorkStatus.WORKING),
        (march(3, 3), WorkStatus.WORKING),  # Wednesday 03:00, same shift
        (march(3, 6), WorkStatus.OFF_HOURS),
        (march(TUESDAY, 12), WorkStatus.OFF_HOURS),
        (march(TUESDAY, 21, 59), WorkStatus.OFF_HOURS),
    ],
)
def test_night_shift_crossing_midnight(local: dt.datetime, status: WorkStatus) -> None:
    zone = "Europe/Copenhagen"
    assert work_status(at(local, zone), zone, "DK", 22 * 60, 6 * 60) == status


def test_no_zone_means_unknown() -> None:
    instant = at(march(TUESDAY, 10), "Europe/Copenhagen")
    assert work_status(instant, "", "DK", 9 * 60, 17 * 60) == WorkStatus.UNKNOWN
    assert work_status(instant, "Mars/Olympus", "DK", 9 * 60, 17 * 60) == WorkStatus.UNKNOWN


def test_weekend_override_is_respected() -> None:
    zone = "Europe/Copenhagen"
    friday_only = (4,)
    sunday = at(march(SUNDAY, 10), zone)
    friday = at(march(FRIDAY, 10), zone)
    assert work_status(sunday, zone, "DK", 540, 1020, friday_only) == WorkStatus.WORKING
    assert work_status(friday, zone, "DK", 540, 1020, friday_only) == WorkStatus.WEEKEND
    assert work_status(sunday, zone, "DK", 540, 1020, ()) == WorkStatus.WORKING


def test_the_computers_zone_comes_from_tz_when_set(monkeypatch: pytest.MonkeyPatch) -> None:
    from relationsapp.core.zones import system_zone

    monkeypatch.setenv("TZ", "Asia/Calcutta")
    assert system_zone() == "Asia/Kolkata"
    monkeypatch.setenv("TZ", "Nowhere/Atlantis")
    assert system_zone() != "Nowhere/Atlantis"
