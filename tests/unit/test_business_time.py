"""Working-time arithmetic in the client's calendar (relationsapp.core.business_time).

Expected instants are written twice: as the client's wall-clock time, localized with
pytz by hand (``at``), and as the UTC instant that arithmetic gives (``utc``); the
chained ``==`` checks the arithmetic in the comments as well as the code.
"""

from __future__ import annotations

import datetime as dt

import pytest
import pytz
from hypothesis import given, settings
from hypothesis import strategies as st

from relationsapp.core.business_time import (
    ReplyState,
    WorkCalendar,
    add_working_minutes,
    end_of_working_day,
    reply_state,
    working_minutes_between,
)
from relationsapp.core.working_hours import WorkStatus, work_status

RIYADH = WorkCalendar("Asia/Riyadh", "SA")  # weekend Fri–Sat, UTC+3 all year
COPENHAGEN = WorkCalendar("Europe/Copenhagen", "DK")  # weekend Sat–Sun
KOLKATA = WorkCalendar("Asia/Kolkata", "IN")  # weekend Sunday only, UTC+5:30
TOKYO = WorkCalendar("Asia/Tokyo", "JP")
LOS_ANGELES = WorkCalendar("America/Los_Angeles", "US")
EIGHT_HOURS = 8 * 60


def at(zone: str, text: str) -> dt.datetime:
    """``YYYY-MM-DD HH:MM`` on the wall clock in ``zone``, as UTC (pytz localize)."""
    local = dt.datetime.strptime(text, "%Y-%m-%d %H:%M")
    return pytz.timezone(zone).localize(local, is_dst=None).astimezone(dt.UTC)


def utc(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=dt.UTC)


def week_pattern(calendar: WorkCalendar, first: dt.date, count: int) -> str:
    """ "W" for a working day, "-" for a day off, from ``first`` on."""
    days = (first + dt.timedelta(days=n) for n in range(count))
    return "".join("W" if calendar.is_working_day(day) else "-" for day in days)


def test_weekend_comes_from_the_country_saudi_danish_and_indian_weeks_differ() -> None:
    # Monday 2027-04-05 .. Sunday 2027-04-11: no public holiday in SA, DK or IN.
    monday = dt.date(2027, 4, 5)
    assert week_pattern(RIYADH, monday, 7) == "WWWW--W"
    assert week_pattern(COPENHAGEN, monday, 7) == "WWWWW--"
    assert week_pattern(KOLKATA, monday, 7) == "WWWWWW-"
    # A whole Monday-to-Monday week: 5, 5 and 6 working days of 8 hours.
    for calendar, working_days in ((RIYADH, 5), (COPENHAGEN, 5), (KOLKATA, 6)):
        start = at(calendar.zone, "2027-04-05 00:00")
        end = at(calendar.zone, "2027-04-12 00:00")
        assert working_minutes_between(start, end, calendar) == working_days * EIGHT_HOURS


def test_eight_working_hours_from_friday_evening_land_on_each_countrys_next_working_day() -> None:
    # Friday 2027-04-09 17:00 local, plus one working day of 8 h:
    # Riyadh skips Fri–Sat → Sunday 17:00 AST (+3) = 14:00 UTC;
    # Copenhagen skips Sat–Sun → Monday 17:00 CEST (+2) = 15:00 UTC;
    # Kolkata skips only Sunday → Saturday 17:00 IST (+5:30) = 11:30 UTC.
    cases = (
        (RIYADH, "2027-04-11 17:00", "2027-04-11 14:00"),
        (COPENHAGEN, "2027-04-12 17:00", "2027-04-12 15:00"),
        (KOLKATA, "2027-04-10 17:00", "2027-04-10 11:30"),
    )
    for calendar, local_due, utc_due in cases:
        start = at(calendar.zone, "2027-04-09 17:00")
        due = add_working_minutes(start, EIGHT_HOURS, calendar)
        assert due == at(calendar.zone, local_due) == utc(utc_due)


def test_friday_evening_message_from_riyadh_is_due_tuesday_and_not_overdue_on_saturday() -> None:
    # Friday 2027-04-16 19:00 AST (+3) = 16:00 UTC. 24 working hours of 09:00–17:00 are
    # three working days; Friday and Saturday are weekend → Sunday, Monday, Tuesday:
    # due Tuesday 2027-04-20 17:00 AST = 14:00 UTC.
    received = at("Asia/Riyadh", "2027-04-16 19:00")
    due = at("Asia/Riyadh", "2027-04-20 17:00")
    assert due == utc("2027-04-20 14:00")

    saturday_noon = at("Asia/Riyadh", "2027-04-17 12:00")
    assert reply_state(received, 24, RIYADH, saturday_noon) == ReplyState(
        due_at=due, overdue=False, working_minutes_left=24 * 60, working_minutes_over=0
    )
    # Tuesday 16:00: one working hour left; at the due instant itself: none, not yet over.
    tuesday = reply_state(received, 24, RIYADH, at("Asia/Riyadh", "2027-04-20 16:00"))
    assert (tuesday.overdue, tuesday.working_minutes_left) == (False, 60)
    assert reply_state(received, 24, RIYADH, due).overdue is False
    # Wednesday 10:00: overdue by Wednesday's 09:00–10:00 (the night does not count).
    wednesday = reply_state(received, 24, RIYADH, at("Asia/Riyadh", "2027-04-21 10:00"))
    assert (wednesday.overdue, wednesday.working_minutes_left) == (True, 0)
    assert wednesday.working_minutes_over == 60


def test_danish_easter_holidays_are_skipped() -> None:
    # Maundy Thursday 25, Good Friday 26, Easter Monday 29 March 2027 (and a weekend).
    for day in (dt.date(2027, 3, 25), dt.date(2027, 3, 26), dt.date(2027, 3, 29)):
        assert not COPENHAGEN.is_working_day(day)
        assert COPENHAGEN.working_interval(day) is None
    # Wednesday 2027-03-24 17:00 CET + 8 h → next working day Tuesday 2027-03-30,
    # after the switch to summer time: 17:00 CEST (+2) = 15:00 UTC.
    start = at("Europe/Copenhagen", "2027-03-24 17:00")
    due = add_working_minutes(start, EIGHT_HOURS, COPENHAGEN)
    assert due == at("Europe/Copenhagen", "2027-03-30 17:00") == utc("2027-03-30 15:00")


def test_japanese_new_year_holiday_is_skipped() -> None:
    # Thursday 2026-12-31 17:00 JST + 8 h: Friday 1 January is New Year's Day, then a
    # weekend → Monday 2027-01-04 17:00 JST (+9) = 08:00 UTC.
    start = at("Asia/Tokyo", "2026-12-31 17:00")
    due = add_working_minutes(start, EIGHT_HOURS, TOKYO)
    assert due == at("Asia/Tokyo", "2027-01-04 17:00") == utc("2027-01-04 08:00")


def test_holidays_follow_the_subdivision() -> None:
    # Epiphany (Wednesday 2027-01-06) is a public holiday in Bavaria, not in Berlin.
    epiphany = dt.date(2027, 1, 6)
    assert not WorkCalendar("Europe/Berlin", "DE", "BY").is_working_day(epiphany)
    assert WorkCalendar("Europe/Berlin", "DE", "BE").is_working_day(epiphany)


def test_away_periods_are_skipped() -> None:
    away_week = ((dt.date(2027, 4, 12), dt.date(2027, 4, 16)),)  # Monday–Friday inclusive
    calendar = WorkCalendar("Europe/Copenhagen", "DK", away=away_week)
    # Friday 9 April to Monday 19 April: the weekends either side and the week away.
    assert week_pattern(calendar, dt.date(2027, 4, 9), 11) == "W---------W"
    # Friday 2027-04-09 17:00 + 8 h → Monday 2027-04-19 17:00 CEST (+2) = 15:00 UTC.
    start = at("Europe/Copenhagen", "2027-04-09 17:00")
    due = add_working_minutes(start, EIGHT_HOURS, calendar)
    assert due == at("Europe/Copenhagen", "2027-04-19 17:00") == utc("2027-04-19 15:00")


def copenhagen_every_day(start: int, end: int) -> WorkCalendar:
    """Copenhagen hours ``start``–``end`` (minutes), no weekend and no holidays."""
    return WorkCalendar("Europe/Copenhagen", weekend_override=(), work_start=start, work_end=end)


def test_copenhagen_spring_forward_day_has_the_summer_time_interval() -> None:
    # Every day a working day (2027-03-28 is a Sunday and Easter Sunday in Denmark).
    office = copenhagen_every_day(540, 1020)
    # Saturday: 09:00–17:00 CET (+1) = 08:00–16:00 UTC; Sunday: CEST (+2) = 07:00–15:00 UTC.
    assert office.working_interval(dt.date(2027, 3, 27)) == (
        utc("2027-03-27 08:00"),
        utc("2027-03-27 16:00"),
    )
    assert office.working_interval(dt.date(2027, 3, 28)) == (
        at("Europe/Copenhagen", "2027-03-28 09:00"),
        at("Europe/Copenhagen", "2027-03-28 17:00"),
    ) == (utc("2027-03-28 07:00"), utc("2027-03-28 15:00"))  # fmt: skip
    # 00:00–06:00 across the gap (02:00 → 03:00): 23:00 UTC to 04:00 UTC, 5 real hours.
    night = copenhagen_every_day(0, 360).working_interval(dt.date(2027, 3, 28))
    assert night == (utc("2027-03-27 23:00"), utc("2027-03-28 04:00"))
    # Starting at 02:30, which does not exist: the first valid minute after the gap,
    # 03:00 CEST = 01:00 UTC.
    from_gap = copenhagen_every_day(150, 600).working_interval(dt.date(2027, 3, 28))
    assert from_gap == (utc("2027-03-28 01:00"), utc("2027-03-28 08:00"))
    # 02:10–02:50 lies wholly inside the gap: no working time that day.
    assert copenhagen_every_day(130, 170).working_interval(dt.date(2027, 3, 28)) is None


def test_copenhagen_fall_back_day_takes_the_first_of_two_ambiguous_times() -> None:
    # 2027-10-31 02:00–03:00 happens twice: first at CEST (+2), then at CET (+1).
    # Start 02:30: first occurrence 02:30 CEST = 00:30 UTC; end 17:00 CET = 16:00 UTC.
    late = copenhagen_every_day(150, 1020).working_interval(dt.date(2027, 10, 31))
    assert late == (utc("2027-10-31 00:30"), utc("2027-10-31 16:00"))
    # End 02:30 too: 00:00 CEST (22:00 UTC the day before) to 02:30 CEST (00:30 UTC).
    early = copenhagen_every_day(0, 150).working_interval(dt.date(2027, 10, 31))
    assert early == (utc("2027-10-30 22:00"), utc("2027-10-31 00:30"))


def test_new_york_spring_forward_day_has_the_daylight_time_interval() -> None:
    calendar = WorkCalendar("America/New_York", "US", weekend_override=())
    # Saturday 2027-03-13: 09:00–17:00 EST (−5) = 14:00–22:00 UTC.
    assert calendar.working_interval(dt.date(2027, 3, 13)) == (
        utc("2027-03-13 14:00"),
        utc("2027-03-13 22:00"),
    )
    # Sunday 2027-03-14, clocks 02:00 → 03:00: 09:00–17:00 EDT (−4) = 13:00–21:00 UTC.
    assert calendar.working_interval(dt.date(2027, 3, 14)) == (
        at("America/New_York", "2027-03-14 09:00"),
        at("America/New_York", "2027-03-14 17:00"),
    ) == (utc("2027-03-14 13:00"), utc("2027-03-14 21:00"))  # fmt: skip
    # A night shift 22:00 Saturday – 06:00 Sunday loses the skipped hour: 22:00 EST =
    # 03:00 UTC, 06:00 EDT = 10:00 UTC, so 7 working hours.
    night = WorkCalendar("America/New_York", weekend_override=(), work_start=1320, work_end=360)
    start, end = utc("2027-03-14 03:00"), utc("2027-03-14 10:00")
    assert night.working_interval(dt.date(2027, 3, 13)) == (start, end)
    assert working_minutes_between(start - dt.timedelta(hours=1), end, night) == 7 * 60


def test_night_shift_ends_the_next_morning_and_belongs_to_the_day_it_starts() -> None:
    # Copenhagen 22:00–06:00, Saturday and Sunday off.
    night = WorkCalendar("Europe/Copenhagen", "DK", work_start=1320, work_end=360)
    # Friday 2027-04-09 22:00 CEST (+2) = 20:00 UTC to Saturday 06:00 CEST = 04:00 UTC.
    friday = (utc("2027-04-09 20:00"), utc("2027-04-10 04:00"))
    assert night.working_interval(dt.date(2027, 4, 9)) == friday
    assert night.working_interval(dt.date(2027, 4, 10)) is None
    # Saturday 00:00–12:00 local holds the last 6 hours of Friday's shift.
    saturday = at("Europe/Copenhagen", "2027-04-10 00:00")
    assert working_minutes_between(saturday, saturday + dt.timedelta(hours=12), night) == 360
    # A promise due on Friday is due when Friday's shift ends, on Saturday morning.
    assert end_of_working_day(dt.date(2027, 4, 9), night) == friday[1]
    # work_end == work_start is a 24-hour shift: 08:00 CEST Friday to 08:00 Saturday.
    round_the_clock = WorkCalendar("Europe/Copenhagen", "DK", work_start=480, work_end=480)
    assert round_the_clock.working_interval(dt.date(2027, 4, 9)) == (
        utc("2027-04-09 06:00"),
        utc("2027-04-10 06:00"),
    )
    # work_end 1440 is midnight at the end of the day: 16:00–24:00 CEST = 14:00–22:00 UTC.
    evening = WorkCalendar("Europe/Copenhagen", "DK", work_start=960, work_end=1440)
    assert evening.working_interval(dt.date(2027, 4, 9)) == (
        utc("2027-04-09 14:00"),
        utc("2027-04-09 22:00"),
    )


def test_working_minutes_between_counts_whole_and_partial_days() -> None:
    # Wednesday 2027-04-07 15:30 → Monday 2027-04-12 10:15 in Copenhagen:
    # Wed 15:30–17:00 = 90, Thu 480, Fri 480, weekend 0, Mon 09:00–10:15 = 75 → 1125.
    start = at("Europe/Copenhagen", "2027-04-07 15:30")
    end = at("Europe/Copenhagen", "2027-04-12 10:15")
    assert working_minutes_between(start, end, COPENHAGEN) == 1125
    # Seconds are cut off, not rounded: 59 more seconds are still 1125 whole minutes.
    assert working_minutes_between(start, end + dt.timedelta(seconds=59), COPENHAGEN) == 1125
    # Inside one day, outside working hours, and reversed.
    assert working_minutes_between(start, start + dt.timedelta(minutes=20), COPENHAGEN) == 20
    evening = at("Europe/Copenhagen", "2027-04-07 18:00")
    assert working_minutes_between(evening, evening + dt.timedelta(hours=14), COPENHAGEN) == 0
    assert working_minutes_between(end, start, COPENHAGEN) == 0
    # Any aware zone is accepted: the same instants seen from Tokyo.
    tokyo = pytz.timezone("Asia/Tokyo")
    assert working_minutes_between(start.astimezone(tokyo), end, COPENHAGEN) == 1125


def test_a_response_window_of_weeks_crosses_weekends_and_holidays() -> None:
    # 200 working hours = 25 working days from Monday 2027-04-05 09:00 CEST:
    # 4 full weeks in April (20), then 3, 4, 5 and 7 May (Ascension Day, Thursday 6 May,
    # is a holiday) = 24, then Monday 10 May = 25 → 17:00 CEST (+2) = 15:00 UTC.
    start = at("Europe/Copenhagen", "2027-04-05 09:00")
    due = add_working_minutes(start, 200 * 60, COPENHAGEN)
    assert due == at("Europe/Copenhagen", "2027-05-10 17:00") == utc("2027-05-10 15:00")
    assert working_minutes_between(start, due, COPENHAGEN) == 200 * 60


def test_add_working_minutes_counts_from_the_next_interval_and_zero_is_start() -> None:
    evening = at("Europe/Copenhagen", "2027-04-07 18:00")  # Wednesday, after hours
    # Counting begins Thursday 09:00 CEST (07:00 UTC): 30 minutes → 07:30 UTC.
    assert add_working_minutes(evening, 30, COPENHAGEN) == utc("2027-04-08 07:30")
    # Exactly a day's work ends at 17:00 Thursday, not at 09:00 Friday.
    assert add_working_minutes(evening, EIGHT_HOURS, COPENHAGEN) == utc("2027-04-08 15:00")
    assert add_working_minutes(evening, 0, COPENHAGEN) == evening
    with pytest.raises(ValueError):
        add_working_minutes(evening, -1, COPENHAGEN)
    with pytest.raises(ValueError):
        add_working_minutes(dt.datetime(2027, 4, 7, 18), 30, COPENHAGEN)  # naive


def test_tokyo_promise_due_friday_is_overdue_friday_afternoon_in_copenhagen() -> None:
    # Due Friday 2027-03-12: 17:00 JST (+9) = 08:00 UTC = 09:00 CET (+1) in Copenhagen.
    due = end_of_working_day(dt.date(2027, 3, 12), TOKYO)
    assert due == at("Asia/Tokyo", "2027-03-12 17:00") == utc("2027-03-12 08:00")
    assert due == at("Europe/Copenhagen", "2027-03-12 09:00")
    assert at("Europe/Copenhagen", "2027-03-12 14:00") > due  # Friday afternoon: overdue
    # A date agreed on a Saturday stays on Saturday: 17:00 JST = 08:00 UTC.
    assert end_of_working_day(dt.date(2027, 3, 13), TOKYO) == utc("2027-03-13 08:00")


def test_los_angeles_promise_due_friday_is_not_overdue_until_saturday_in_copenhagen() -> None:
    # Due Friday 2027-03-12 (before the US switch on 14 March): 17:00 PST (−8) =
    # 01:00 UTC Saturday = 02:00 CET (+1) Saturday in Copenhagen.
    due = end_of_working_day(dt.date(2027, 3, 12), LOS_ANGELES)
    assert due == at("America/Los_Angeles", "2027-03-12 17:00") == utc("2027-03-13 01:00")
    assert due == at("Europe/Copenhagen", "2027-03-13 02:00")
    assert at("Europe/Copenhagen", "2027-03-12 23:59") < due
    assert at("Europe/Copenhagen", "2027-03-13 02:01") > due


def test_a_calendar_without_working_days_raises_value_error() -> None:
    never = WorkCalendar("Europe/Copenhagen", weekend_override=(0, 1, 2, 3, 4, 5, 6))
    start = utc("2027-04-05 09:00")
    assert working_minutes_between(start, start + dt.timedelta(days=30), never) == 0
    with pytest.raises(ValueError):
        add_working_minutes(start, 1, never)
    with pytest.raises(ValueError):
        reply_state(start, 24, never, start)
    # Too little working time before the horizon is the same failure.
    with pytest.raises(ValueError):
        add_working_minutes(start, 10 * EIGHT_HOURS, COPENHAGEN, horizon_days=7)


def test_calendar_rejects_unknown_zones_and_impossible_hours() -> None:
    with pytest.raises(ValueError):
        WorkCalendar("Mars/Olympus_Mons")
    with pytest.raises(ValueError):
        WorkCalendar("Europe/Copenhagen", work_start=1440)
    with pytest.raises(ValueError):
        WorkCalendar("Europe/Copenhagen", work_end=1441)


# Places with DST at whole, half (Lord Howe) and quarter-hour offsets (Kathmandu,
# Chatham), a Friday–Saturday weekend, and shifts by day and by night.
PROPERTY_CALENDARS = [
    RIYADH,
    COPENHAGEN,
    KOLKATA,
    WorkCalendar("America/New_York", "US", work_start=480, work_end=1080),
    WorkCalendar("Australia/Lord_Howe", "AU", "NSW", work_start=510, work_end=990),
    WorkCalendar("Asia/Kathmandu", "NP", work_start=600, work_end=1020),
    WorkCalendar("Pacific/Chatham", "NZ", work_start=540, work_end=1020),
    WorkCalendar("Europe/Copenhagen", "DK", work_start=1320, work_end=360),
    WorkCalendar("Europe/Copenhagen", "DK", away=((dt.date(2027, 3, 22), dt.date(2027, 4, 2)),)),
]
starts = st.datetimes(min_value=dt.datetime(2027, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda naive: naive.replace(second=0, microsecond=0, tzinfo=dt.UTC)
)


@settings(max_examples=300, deadline=None)
@given(start=starts, minutes=st.integers(0, 40 * 60), calendar=st.sampled_from(PROPERTY_CALENDARS))
def test_add_working_minutes_is_the_least_inverse_of_working_minutes_between(
    start: dt.datetime, minutes: int, calendar: WorkCalendar
) -> None:
    due = add_working_minutes(start, minutes, calendar)
    assert working_minutes_between(start, due, calendar) == minutes
    if minutes:
        # Least: the last minute before ``due`` is working time, so no earlier instant
        # would do.
        assert working_minutes_between(start, due - dt.timedelta(minutes=1), calendar) == (
            minutes - 1
        )


# Calendars whose shifts do not start or end in a DST gap or fold and have no public
# holidays, where the minute-by-minute work_status of the contact list is an oracle.
# The night shift has no weekend: work_status files a shift's small hours under the
# next weekday, business_time under the day the shift started.
ORACLE_CALENDARS = [
    WorkCalendar("Asia/Riyadh", weekend_override=(4, 5)),
    WorkCalendar("Europe/Copenhagen", weekend_override=(5, 6), work_start=495, work_end=1020),
    WorkCalendar("Australia/Lord_Howe", weekend_override=(5, 6), work_start=510, work_end=990),
    WorkCalendar("Pacific/Chatham", weekend_override=(6,)),
    WorkCalendar("Europe/Copenhagen", weekend_override=(), work_start=1320, work_end=360),
    WorkCalendar("America/New_York", weekend_override=(), work_start=1320, work_end=360),
]
QUARTER = dt.timedelta(minutes=15)
# Clock changes of 2027 lie in these weeks (US, EU, Lord Howe, Chatham).
ORACLE_ANCHORS = [
    dt.datetime(2027, 3, 11, tzinfo=dt.UTC),
    dt.datetime(2027, 3, 25, tzinfo=dt.UTC),
    dt.datetime(2027, 4, 1, tzinfo=dt.UTC),
    dt.datetime(2027, 9, 23, tzinfo=dt.UTC),
    dt.datetime(2027, 10, 1, tzinfo=dt.UTC),
    dt.datetime(2027, 10, 28, tzinfo=dt.UTC),
    dt.datetime(2027, 11, 4, tzinfo=dt.UTC),
]


@settings(max_examples=100, deadline=None)
@given(
    anchor=st.sampled_from(ORACLE_ANCHORS),
    offset=st.integers(0, 4 * 96),
    length=st.integers(0, 4 * 96),
    calendar=st.sampled_from(ORACLE_CALENDARS),
)
def test_working_minutes_between_agrees_with_work_status_quarter_by_quarter(
    anchor: dt.datetime, offset: int, length: int, calendar: WorkCalendar
) -> None:
    # Every offset and boundary here is a multiple of 15 minutes in UTC, so the first
    # minute of a quarter hour tells what the whole quarter is.
    start = anchor + offset * QUARTER
    quarters = [start + n * QUARTER for n in range(length)]
    working = sum(
        work_status(
            moment,
            calendar.zone,
            calendar.country,
            calendar.work_start,
            calendar.work_end,
            calendar.weekend_override,
        )
        == WorkStatus.WORKING
        for moment in quarters
    )
    assert working_minutes_between(start, start + length * QUARTER, calendar) == 15 * working
