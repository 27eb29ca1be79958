"""Meetings from .ics files: Outlook-style events with zones and attendees matched by
e-mail, floating times, all-day events and re-imports reported, our own export back in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from relationsapp.core.contact_service import ContactService
from relationsapp.core.invitations import meetings_to_ics
from relationsapp.core.meeting_import import import_meetings_from_ics
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.records import ContactDraft, EmailEntry
from relationsapp.storage.database import Database

OUTLOOK = """BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
BEGIN:VTIMEZONE
TZID:Tokyo Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0900
TZOFFSETTO:+0900
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
UID:040000008200E00074C5B7101A82E008
SUMMARY:Kvartalsgennemgang – Yamada
DTSTART;TZID=Asia/Tokyo:20270308T100000
DTEND;TZID=Asia/Tokyo:20270308T113000
LOCATION:Marunouchi 1-1
DESCRIPTION:Priser & vilkår
ATTENDEE;CN=Taro Yamada:mailto:TARO@example.jp
ATTENDEE;CN=Unknown Person:mailto:nobody@example.com
END:VEVENT
BEGIN:VEVENT
UID:allday-1
SUMMARY:Golden Week
DTSTART;VALUE=DATE:20270503
DTEND;VALUE=DATE:20270506
END:VEVENT
BEGIN:VEVENT
UID:floating-1
SUMMARY:Call back
DTSTART:20270309T160000
DURATION:PT30M
END:VEVENT
END:VCALENDAR
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text.replace("\n", "\r\n"), encoding="utf-8")
    return path


def test_events_become_meetings_with_zones_and_known_attendees(
    database: Database, tmp_path: Path
) -> None:
    taro = ContactService(database).create(
        ContactDraft(
            given_name="Taro",
            family_name="Yamada",
            country="JP",
            time_zone="Asia/Tokyo",
            emails=[EmailEntry("taro@example.jp")],
        )
    )
    path = write(tmp_path, "outlook.ics", OUTLOOK)

    result = import_meetings_from_ics(database, [path], home_zone="Europe/Copenhagen")

    meetings = MeetingService(database)
    first, call = (meetings.get(meeting_id) for meeting_id in result.imported_ids)
    assert first.draft.title == "Kvartalsgennemgang – Yamada"
    assert first.draft.start_utc == dt.datetime(2027, 3, 8, 1, 0, tzinfo=dt.UTC)
    assert first.draft.duration_minutes == 90 and first.draft.organiser_zone == "Asia/Tokyo"
    assert first.draft.location == "Marunouchi 1-1" and first.draft.agenda == "Priser & vilkår"
    assert [a.contact_id for a in first.draft.attendees] == [None, taro]
    # A floating 16:00 is 16:00 where I live (CET: 15:00 UTC), 30 minutes long.
    assert call.draft.start_utc == dt.datetime(2027, 3, 9, 15, 0, tzinfo=dt.UTC)
    assert call.draft.duration_minutes == 30
    (all_day,) = result.skipped
    assert all_day.line == 22 and "all-day" in all_day.reason


def test_importing_the_same_file_twice_adds_nothing(database: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "outlook.ics", OUTLOOK)
    import_meetings_from_ics(database, [path], home_zone="Europe/Copenhagen")

    again = import_meetings_from_ics(database, [path], home_zone="Europe/Copenhagen")

    assert again.imported_ids == []
    assert sum("already in the file" in s.reason for s in again.skipped) == 2


def test_our_own_export_reads_back(database: Database, tmp_path: Path) -> None:
    meetings = MeetingService(database)
    meetings.book(
        MeetingDraft(
            title="Riyadh workshop",
            start_utc=dt.datetime(2027, 3, 14, 8, 0, tzinfo=dt.UTC),
            duration_minutes=120,
            organiser_zone="Asia/Riyadh",
            attendees=[MeetingAttendee("Me", "Asia/Riyadh", "SA")],
        )
    )
    data = meetings_to_ics(
        meetings.starting_between(
            dt.datetime(2027, 1, 1, tzinfo=dt.UTC), dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
        )
    )
    meetings.cancel(
        meetings.starting_between(
            dt.datetime(2027, 1, 1, tzinfo=dt.UTC), dt.datetime(2028, 1, 1, tzinfo=dt.UTC)
        )[0].id
    )
    path = tmp_path / "ours.ics"
    path.write_bytes(data)

    result = import_meetings_from_ics(database, [path], home_zone="Europe/Copenhagen")

    (meeting_id,) = result.imported_ids
    back = meetings.get(meeting_id).draft
    assert (back.title, back.organiser_zone, back.duration_minutes) == (
        "Riyadh workshop",
        "Asia/Riyadh",
        120,
    )
    assert back.start_utc == dt.datetime(2027, 3, 14, 8, 0, tzinfo=dt.UTC)


def test_a_broken_file_is_reported_and_nothing_is_booked(
    database: Database, tmp_path: Path
) -> None:
    path = write(tmp_path, "broken.ics", "BEGIN:VCALENDAR\nthis is not ical\n")

    result = import_meetings_from_ics(database, [path])

    assert result.imported_ids == []
    assert [(Path(s.source).name, s.line) for s in result.skipped] == [("broken.ics", 1)]
