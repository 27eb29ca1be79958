"""Suggested meeting slots: DST weeks, odd offsets, mixed weekends, holidays, fairness."""

from __future__ import annotations

import datetime as dt

import pytest

from relationsapp.core.day_grid import day_start_utc
from relationsapp.core.meeting_participants import Participant, Stay
from relationsapp.core.slot_finder import Slot, offset_segments, suggest_slots
from relationsapp.core.wall_time import UnknownZoneError
from relationsapp.core.zones import utc_offset_minutes
from relationsapp.i18n.translate import set_language

COPENHAGEN = Participant("Copenhagen", "Europe/Copenhagen", "DK")
NEW_YORK = Participant("New York", "America/New_York", "US")
RIYADH = Participant("Riyadh", "Asia/Riyadh", "SA")
HELSINKI = Participant("Helsinki", "Europe/Helsinki", "FI")
TOKYO = Participant("Tokyo", "Asia/Tokyo", "JP")
SYDNEY = Participant("Sydney", "Australia/Sydney", "AU")
KOLKATA = Participant("Kolkata", "Asia/Kolkata", "IN")
KATHMANDU = Participant("Kathmandu", "Asia/Kathmandu", "NP")
ALL = 10_000  # a limit that cuts nothing


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=dt.UTC)


def local(slot: Slot, label: str) -> str:
    view = next(view for view in slot.participants if view.label == label)
    return view.local_start.strftime("%a %H:%M")


def flags(slot: Slot, label: str) -> tuple[str, ...]:
    return next(view.flags for view in slot.participants if view.label == label)


def perfect(slots: list[Slot]) -> list[Slot]:
    return [slot for slot in slots if slot.score == 100]


class TestDstWeeks:
    def test_copenhagen_new_york_overlap_is_an_hour_longer_while_only_the_us_is_on_dst(
        self,
    ) -> None:
        # Monday 2027-03-15: New York on EDT (−4), Copenhagen still CET (+1): 5 h apart,
        # so NY 09:00 is CPH 14:00 and three hours overlap → five 60-min starts.
        during = suggest_slots([COPENHAGEN, NEW_YORK], dt.date(2027, 3, 15), 1, 60, limit=ALL)
        best = perfect(during)
        assert [slot.start_utc for slot in best] == [
            utc(2027, 3, 15, 13) + dt.timedelta(minutes=30 * i) for i in range(5)
        ]
        assert (local(best[0], "Copenhagen"), local(best[0], "New York")) == (
            "Mon 14:00",
            "Mon 09:00",
        )
        # Tuesday 2027-03-30 (Monday is Easter Monday in Denmark): the EU has caught up
        # (CEST, +2): 6 h apart, two hours overlap → three starts.
        after = perfect(
            suggest_slots([COPENHAGEN, NEW_YORK], dt.date(2027, 3, 30), 1, 60, limit=ALL)
        )
        assert len(after) == 3
        assert (local(after[0], "Copenhagen"), local(after[0], "New York")) == (
            "Tue 15:00",
            "Tue 09:00",
        )

    def test_autumn_gap_week_the_eu_changes_first(self) -> None:
        # EU back on 2027-10-31, US on 2027-11-07: 5 h apart on Monday 2027-11-01.
        slots = perfect(suggest_slots([COPENHAGEN, NEW_YORK], dt.date(2027, 11, 1), 1, 60))
        assert (local(slots[0], "Copenhagen"), local(slots[0], "New York")) == (
            "Mon 14:00",
            "Mon 09:00",
        )
        assert len(slots) == 5

    def test_offsets_change_at_the_exact_minute(self) -> None:
        start = int(utc(2027, 3, 13).timestamp() // 60)
        segments = offset_segments("America/New_York", start, start + 3 * 1440)
        change = int(utc(2027, 3, 14, 7).timestamp() // 60)  # 02:00 EST → 03:00 EDT
        assert segments == ((start, change, -300), (change, start + 3 * 1440, -240))

    def test_southern_hemisphere_dst_ends_in_april(self) -> None:
        # Sydney leaves DST on Sunday 2027-04-04. Tokyo (+9) keeps its clocks, so the
        # Sydney–Tokyo working overlap grows from 6 h (AEDT +11) to 7 h (AEST +10).
        before = perfect(
            suggest_slots(
                [SYDNEY, TOKYO], dt.date(2027, 3, 31), 1, 60, reference_zone="Asia/Tokyo", limit=ALL
            )
        )
        after = perfect(
            suggest_slots(
                [SYDNEY, TOKYO], dt.date(2027, 4, 7), 1, 60, reference_zone="Asia/Tokyo", limit=ALL
            )
        )
        assert (len(before), len(after)) == (11, 13)
        assert (local(before[0], "Sydney"), local(before[0], "Tokyo")) == ("Wed 11:00", "Wed 09:00")
        assert (local(after[0], "Sydney"), local(after[0], "Tokyo")) == ("Wed 10:00", "Wed 09:00")


class TestOddOffsets:
    def test_kolkata_and_kathmandu_local_times(self) -> None:
        slots = suggest_slots([KOLKATA, KATHMANDU], dt.date(2027, 6, 15), 1, 60, limit=ALL)
        first = slots[0]
        assert first.start_utc == utc(2027, 6, 15, 3, 30)
        assert first.participants[0].local_start.strftime("%H:%M %z") == "09:00 +0530"
        assert first.participants[1].local_start.strftime("%H:%M %z") == "09:15 +0545"
        assert first.participants[1].local_end.strftime("%H:%M") == "10:15"
        assert first.score == 100 and all(not view.flags for view in first.participants)

    def test_minutes_outside_hours_are_counted_exactly(self) -> None:
        # 10:30–11:30 UTC is 16:00–17:00 in Kolkata but 16:15–17:15 in Kathmandu:
        # a quarter of an hour at the edge of the day costs 10 × 15/60 = 2.5 points.
        slots = suggest_slots([KOLKATA, KATHMANDU], dt.date(2027, 6, 15), 1, 60, limit=ALL)
        slot = next(slot for slot in slots if slot.start_utc == utc(2027, 6, 15, 10, 30))
        assert slot.score == 97.5
        assert flags(slot, "Kathmandu") == ("outside_hours", "edge")
        assert flags(slot, "Kolkata") == ()

    def test_a_quarter_hour_step_reaches_whole_hours_in_kathmandu(self) -> None:
        slots = suggest_slots(
            [KATHMANDU],
            dt.date(2027, 6, 15),
            1,
            60,
            step_minutes=15,
            reference_zone="Asia/Kathmandu",
            limit=ALL,
        )
        assert local(slots[0], "Kathmandu") == "Tue 09:00"


class TestWeekends:
    def test_friday_saturday_meets_saturday_sunday(self) -> None:
        # Week of Monday 2027-04-12, no holidays in SA or DK: only Mon–Thu are possible.
        slots = suggest_slots([RIYADH, COPENHAGEN], dt.date(2027, 4, 12), 7, 60, limit=ALL)
        days = {view.local_start.strftime("%a") for slot in slots for view in slot.participants}
        assert days == {"Mon", "Tue", "Wed", "Thu"}
        thursday = [slot for slot in perfect(slots) if slot.start_utc.day == 15]
        assert thursday  # Thursday works for both
        # …but nothing may run into Riyadh's Friday, which starts at 21:00 UTC.
        assert max(slot.end_utc for slot in slots if slot.start_utc.day == 15) == utc(
            2027, 4, 15, 21
        )

    def test_weekends_allowed_are_offered_lower_and_flagged(self) -> None:
        slots = suggest_slots(
            [RIYADH, COPENHAGEN], dt.date(2027, 4, 16), 1, 60, allow_weekends=True, limit=ALL
        )
        # Friday 2027-04-16: Riyadh's weekend all day, Copenhagen's only from 22:00 UTC.
        assert slots and all(slot.score < 100 for slot in slots)
        assert all("weekend" in flags(slot, "Riyadh") for slot in slots)
        assert flags(slots[0], "Copenhagen") == ()
        assert slots[0].score == 70
        late = next(slot for slot in slots if slot.start_utc == utc(2027, 4, 16, 22))
        assert "weekend" in flags(late, "Copenhagen")

    def test_sunday_in_riyadh_is_a_working_day(self) -> None:
        slots = suggest_slots([RIYADH], dt.date(2027, 4, 18), 1, 60)
        assert slots and slots[0].score == 100


class TestHolidays:
    def test_no_slot_on_finnish_independence_day(self) -> None:
        slots = suggest_slots(
            [HELSINKI, COPENHAGEN],
            dt.date(2027, 12, 6),
            2,
            60,
            reference_zone="Europe/Helsinki",
            limit=ALL,
        )
        assert slots
        assert {slot.participants[0].local_start.date() for slot in slots} == {dt.date(2027, 12, 7)}

    @pytest.mark.parametrize(
        ("language", "name"), [("fi", "Itsenäisyyspäivä"), ("en", "Independence Day")]
    )
    def test_allowed_holiday_is_flagged_with_its_name(self, language: str, name: str) -> None:
        set_language(language)
        slots = suggest_slots(
            [HELSINKI],
            dt.date(2027, 12, 6),
            1,
            60,
            reference_zone="Europe/Helsinki",
            allow_holidays=True,
        )
        assert slots[0].participants[0].flags == (f"holiday:{name}",)
        assert slots[0].score == 70  # 30 points a minute on an allowed holiday

    def test_a_day_off_is_never_offered_even_when_everything_is_allowed(self) -> None:
        off = Participant(
            "Off", "Europe/Copenhagen", "DK", unavailable_days=frozenset({dt.date(2027, 4, 13)})
        )
        slots = suggest_slots(
            [off],
            dt.date(2027, 4, 13),
            1,
            60,
            limit=ALL,
            reference_zone="Europe/Copenhagen",
            allow_weekends=True,
            allow_holidays=True,
        )
        assert slots == []


class TestRanking:
    def test_working_hours_beat_the_edge_of_the_day(self) -> None:
        slots = suggest_slots([COPENHAGEN, NEW_YORK], dt.date(2027, 3, 15), 1, 60, limit=ALL)
        scores = [slot.score for slot in slots]
        assert scores == sorted(scores, reverse=True)
        edge = next(slot for slot in slots if slot.score < 100)
        assert edge.score == 95  # half an hour at someone's edge
        # Every half hour of the UTC day except 00:00–03:30, which is still Sunday
        # evening in New York (20:00–23:30 EDT): a weekend.
        assert len(slots) == 48 - 8
        assert min(slot.start_utc for slot in slots) == utc(2027, 3, 15, 4)

    def test_ties_go_to_whoever_had_fewer_early_or_late_slots(self) -> None:
        # Three hours with a two-hour overlap (2027-03-30, 6 h apart): someone is at the
        # edge for an hour whatever we choose — New York early, or Copenhagen late.
        people = [COPENHAGEN, NEW_YORK]
        plain = suggest_slots(people, dt.date(2027, 3, 30), 1, 180, limit=3)
        # An hour of 10-point minutes spread over three hours: 100 − 10 × 60/180.
        assert [slot.score for slot in plain] == [pytest.approx(100 - 10 / 3, abs=1e-3)] * 3
        assert local(plain[0], "New York") == "Tue 08:00"  # earliest first
        fair = suggest_slots(
            people, dt.date(2027, 3, 30), 1, 180, limit=3, fairness={"New York": 3, "Copenhagen": 0}
        )
        assert local(fair[0], "Copenhagen") == "Tue 15:00"  # New York had three already
        assert flags(fair[0], "Copenhagen") == ("outside_hours", "edge")
        assert flags(fair[0], "New York") == ()
        # The middle start burdens both (1 + 4), so it goes last.
        mixed = suggest_slots(
            people, dt.date(2027, 3, 30), 1, 180, limit=3, fairness={"New York": 1, "Copenhagen": 4}
        )
        assert [local(slot, "New York") for slot in mixed] == [
            "Tue 08:00",
            "Tue 09:00",
            "Tue 08:30",
        ]

    def test_limit_and_participant_order(self) -> None:
        slots = suggest_slots([TOKYO, COPENHAGEN, NEW_YORK], dt.date(2027, 5, 4), 3, 60, limit=5)
        assert len(slots) == 5
        assert [view.label for view in slots[0].participants] == ["Tokyo", "Copenhagen", "New York"]


class TestWindow:
    def test_starts_fall_in_the_reference_zones_days(self) -> None:
        slots = suggest_slots(
            [TOKYO, COPENHAGEN],
            dt.date(2027, 5, 4),
            2,
            60,
            reference_zone="Asia/Tokyo",
            limit=ALL,
            allow_weekends=True,
        )
        low = day_start_utc("Asia/Tokyo", dt.date(2027, 5, 4))
        high = day_start_utc("Asia/Tokyo", dt.date(2027, 5, 6))
        assert all(low <= slot.start_utc < high for slot in slots)
        assert all(slot.end_utc - slot.start_utc == dt.timedelta(hours=1) for slot in slots)

    def test_itinerary_is_followed(self) -> None:
        me = Participant(
            "me",
            "Europe/Copenhagen",
            "DK",
            itinerary=(Stay(dt.date(2027, 5, 3), dt.date(2027, 5, 7), "Asia/Tokyo", "JP"),),
        )
        slots = suggest_slots([me, TOKYO], dt.date(2027, 5, 6), 1, 60, reference_zone="Asia/Tokyo")
        assert local(slots[0], "me") == "Thu 09:00"
        assert slots[0].participants[0].local_start.utcoffset() == dt.timedelta(hours=9)

    def test_rejects_unknown_zones_and_silly_sizes(self) -> None:
        with pytest.raises(UnknownZoneError):
            suggest_slots([Participant("x", "Mars/Olympus")], dt.date(2027, 5, 4), 1, 60)
        with pytest.raises(UnknownZoneError):
            suggest_slots([TOKYO], dt.date(2027, 5, 4), 1, 60, reference_zone="Nowhere")
        with pytest.raises(ValueError):
            suggest_slots([TOKYO], dt.date(2027, 5, 4), 1, 0)
        assert suggest_slots([], dt.date(2027, 5, 4), 1, 60) == []
        assert suggest_slots([TOKYO], dt.date(2027, 5, 4), 0, 60) == []


def test_offsets_of_a_zone_without_dst_are_one_segment() -> None:
    start = int(utc(2027, 1, 1).timestamp() // 60)
    assert offset_segments("Asia/Kolkata", start, start + 400 * 1440) == (
        (start, start + 400 * 1440, 330),
    )
    assert utc_offset_minutes("Asia/Kolkata", utc(2027, 1, 1)) == 330
