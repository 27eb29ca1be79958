"""Booking meetings across zones, and what a typed wall time means (DST gaps and folds)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from relationsapp.cli import main
from relationsapp.core.errors import RecordNotFound, ValidationFailed
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.wall_time import WallTimeStatus, interpret_wall_time
from relationsapp.storage.database import Database

UTC = dt.UTC


def test_a_normal_wall_time_has_one_instant() -> None:
    meaning = interpret_wall_time("Asia/Kolkata", dt.datetime(2027, 3, 11, 15, 0))
    assert meaning.status == WallTimeStatus.OK
    assert meaning.instants == (dt.datetime(2027, 3, 11, 9, 30, tzinfo=UTC),)


def test_a_time_in_the_spring_gap_does_not_exist() -> None:
    meaning = interpret_wall_time("Europe/Copenhagen", dt.datetime(2027, 3, 28, 2, 30))
    assert meaning.status == WallTimeStatus.NONEXISTENT
    assert meaning.instants == ()
    assert [o.total_seconds() / 3600 for o in meaning.offsets] == [1, 2]


def test_a_time_in_the_autumn_fold_happens_twice_and_both_are_offered() -> None:
    meaning = interpret_wall_time("Europe/Copenhagen", dt.datetime(2027, 10, 31, 2, 30))
    assert meaning.status == WallTimeStatus.AMBIGUOUS
    assert meaning.instants == (
        dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC),
        dt.datetime(2027, 10, 31, 1, 30, tzinfo=UTC),
    )


def test_legacy_zone_names_are_understood() -> None:
    meaning = interpret_wall_time("Asia/Calcutta", dt.datetime(2027, 1, 5, 9, 0))
    assert meaning.zone == "Asia/Kolkata"


@pytest.mark.parametrize(
    ("zone", "local", "expected"),
    [
        (
            "Asia/Kolkata",
            "2027-03-01 09:00",
            {"status": "ok", "offsets": ["+05:30"], "utc": "2027-03-01T03:30:00Z"},
        ),
        (
            "Asia/Kathmandu",
            "2027-03-01 09:00",
            {"status": "ok", "offsets": ["+05:45"], "utc": "2027-03-01T03:15:00Z"},
        ),
        (
            "America/St_Johns",
            "2027-01-10 09:00",
            {"status": "ok", "offsets": ["-03:30"], "utc": "2027-01-10T12:30:00Z"},
        ),
        (
            "Europe/Copenhagen",
            "2027-03-28 02:30",
            {"status": "nonexistent", "offsets": ["+01:00", "+02:00"]},
        ),
        (
            "America/New_York",
            "2027-11-07 01:30",
            {"status": "ambiguous", "offsets": ["-05:00", "-04:00"]},
        ),
    ],
)
def test_time_command_prints_what_a_wall_time_means(
    zone: str, local: str, expected: dict[str, object]
) -> None:
    out = io.StringIO()
    assert main(["time", zone, local, "--json"], out=out) == 0
    record = json.loads(out.getvalue())
    assert record["local"] == local.replace(" ", "T")
    for key, value in expected.items():
        assert record[key] == value
    assert ("utc" in record) == (expected["status"] == "ok")


def test_time_command_rejects_an_unknown_zone_and_a_bad_time(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["time", "Mars/Olympus", "2027-03-01 09:00", "--json"], out=io.StringIO()) == 1
    assert "Mars/Olympus" in capsys.readouterr().err
    assert main(["time", "Asia/Tokyo", "tomorrow at nine", "--json"], out=io.StringIO()) == 1
    assert "YYYY-MM-DD HH:MM" in capsys.readouterr().err


def riyadh_call() -> MeetingDraft:
    return MeetingDraft(
        title="Revised quote",
        start_utc=dt.datetime(2027, 3, 11, 12, 0, tzinfo=UTC),  # Thursday
        duration_minutes=45,
        organiser_zone="Europe/Copenhagen",
        attendees=[
            MeetingAttendee("Mette", "Europe/Copenhagen", "DK"),
            MeetingAttendee("Faisal", "Asia/Riyadh", "SA"),
            MeetingAttendee("Arjun", "Asia/Calcutta", "IN"),
        ],
    )


def test_a_booked_meeting_shows_each_participant_their_own_time(database: Database) -> None:
    meetings = MeetingService(database)
    meeting_id = meetings.book(riyadh_call())
    details = meetings.get(meeting_id)
    starts = {t.attendee.label: t.local_start.strftime("%a %H:%M %z") for t in details.times}
    assert starts == {
        "Mette": "Thu 13:00 +0100",
        "Faisal": "Thu 15:00 +0300",
        "Arjun": "Thu 17:30 +0530",
    }
    assert details.draft.attendees[2].zone == "Asia/Kolkata"  # stored canonical
    ends = {t.attendee.label: t.local_end.strftime("%H:%M") for t in details.times}
    assert ends["Faisal"] == "15:45"


def test_upcoming_lists_meetings_not_yet_ended_soonest_first_and_cancel_can_be_undone(
    database: Database,
) -> None:
    meetings = MeetingService(database)
    later = meetings.book(riyadh_call())
    sooner_draft = riyadh_call()
    sooner_draft.title = "Intro call"
    sooner_draft.start_utc = dt.datetime(2027, 3, 10, 8, 0, tzinfo=UTC)
    sooner = meetings.book(sooner_draft)
    now = dt.datetime(2027, 3, 10, 8, 30, tzinfo=UTC)  # the intro call is running
    assert [m.id for m in meetings.upcoming(now)] == [sooner, later]
    assert [m.id for m in meetings.upcoming(now + dt.timedelta(hours=1))] == [later]
    meetings.cancel(later)
    assert meetings.upcoming(now + dt.timedelta(hours=1)) == []
    with pytest.raises(RecordNotFound):
        meetings.get(later)
    meetings.restore(later)
    assert [m.id for m in meetings.upcoming(now + dt.timedelta(hours=1))] == [later]


def test_a_meeting_without_title_or_with_an_unknown_zone_is_refused_and_nothing_is_stored(
    database: Database,
) -> None:
    meetings = MeetingService(database)
    draft = riyadh_call()
    draft.title = " "
    draft.attendees.append(MeetingAttendee("Somebody", "Mars/Olympus"))
    with pytest.raises(ValidationFailed) as refused:
        meetings.book(draft)
    fields = [(error.field, error.index) for error in refused.value.errors]
    assert fields == [("title", None), ("attendees", 3)]
    assert meetings.upcoming(dt.datetime(2027, 1, 1, tzinfo=UTC)) == []


def test_changing_a_meeting_replaces_its_participants(database: Database) -> None:
    meetings = MeetingService(database)
    meeting_id = meetings.book(riyadh_call())
    draft = meetings.get(meeting_id).draft
    draft.attendees = draft.attendees[:1]
    draft.start_utc += dt.timedelta(days=1)
    meetings.update(meeting_id, draft)
    details = meetings.get(meeting_id)
    assert [t.attendee.label for t in details.times] == ["Mette"]
    assert details.times[0].local_start.strftime("%a %H:%M") == "Fri 13:00"
