"""Me beside them: weekends, today's shared working hours, scales both sides filled."""

from __future__ import annotations

import datetime as dt

import pytz

from relationsapp.core.business_time import WorkCalendar
from relationsapp.core.culture_comparison import compare_cultures, todays_overlap
from relationsapp.core.culture_notes import CultureNote

COPENHAGEN = WorkCalendar(zone="Europe/Copenhagen", country="DK")
TOKYO = WorkCalendar(zone="Asia/Tokyo", country="JP")
RIYADH = WorkCalendar(zone="Asia/Riyadh", country="SA")
NEW_YORK = WorkCalendar(zone="America/New_York", country="US")


def utc(zone: str, *args: int) -> dt.datetime:
    return pytz.timezone(zone).localize(dt.datetime(*args), is_dst=None).astimezone(dt.UTC)


def test_copenhagen_and_tokyo_share_one_hour_on_a_winter_weekday() -> None:
    # Wed 2 Dec 2026: Tokyo is UTC+9, Copenhagen UTC+1. Tokyo works 00:00–08:00 UTC,
    # Copenhagen 08:00–16:00 UTC: they touch at 08:00 and share nothing.
    now = utc("Europe/Copenhagen", 2026, 12, 2, 7, 0)
    assert todays_overlap(COPENHAGEN, TOKYO, now) is None
    # With Tokyo working until 19:00 (10:00 UTC), 09:00–11:00 Copenhagen is shared.
    late_tokyo = WorkCalendar(zone="Asia/Tokyo", country="JP", work_end=19 * 60)
    assert todays_overlap(COPENHAGEN, late_tokyo, now) == (
        utc("Europe/Copenhagen", 2026, 12, 2, 9, 0),
        utc("Europe/Copenhagen", 2026, 12, 2, 11, 0),
    )


def test_new_york_overlap_counts_the_client_s_morning() -> None:
    # Wed 2 Dec 2026: New York 09:00 = 15:00 Copenhagen; shared 15:00–17:00 Copenhagen.
    now = utc("Europe/Copenhagen", 2026, 12, 2, 10, 0)
    comparison = compare_cultures(COPENHAGEN, NEW_YORK, {}, {}, now)
    assert comparison.overlap == (
        utc("Europe/Copenhagen", 2026, 12, 2, 15, 0),
        utc("Europe/Copenhagen", 2026, 12, 2, 17, 0),
    )
    assert comparison.overlap_minutes == 120


def test_a_friday_is_shared_with_copenhagen_but_not_with_riyadh() -> None:
    friday = utc("Europe/Copenhagen", 2026, 12, 4, 10, 0)
    comparison = compare_cultures(COPENHAGEN, RIYADH, {}, {}, friday)
    assert comparison.my_weekend == (5, 6)
    assert comparison.their_weekend == (4, 5)
    assert comparison.overlap is None
    assert not comparison.my_day_off


def test_on_my_weekend_there_is_no_overlap_and_it_says_why() -> None:
    sunday = utc("Europe/Copenhagen", 2026, 12, 6, 10, 0)
    comparison = compare_cultures(COPENHAGEN, RIYADH, {}, {}, sunday)
    assert comparison.overlap is None
    assert comparison.my_day_off


def test_scales_are_compared_only_where_both_countries_are_placed() -> None:
    mine = {
        "leading": CultureNote("DK", "leading", scale_position=1),
        "deciding": CultureNote("DK", "deciding", scale_position=2),
    }
    theirs = {
        "leading": CultureNote("JP", "leading", scale_position=8),
        "scheduling": CultureNote("JP", "scheduling", scale_position=2),
        "formality": CultureNote("JP", "formality", "Family name and -san."),
    }
    now = utc("Europe/Copenhagen", 2026, 12, 2, 10, 0)
    comparison = compare_cultures(COPENHAGEN, TOKYO, mine, theirs, now)
    assert [(pair.scale.key, pair.mine, pair.theirs) for pair in comparison.scales] == [
        ("leading", 1, 8)
    ]
    assert comparison.their_formality is not None
    assert comparison.my_formality is None
