"""Sending a meeting: an .ics any calendar reads, and invitations in the reader's language."""

from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar

from relationsapp.core.invitations import invitation_language, invitation_text, meeting_to_ics
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft

UTC = dt.UTC


@pytest.fixture
def meeting() -> MeetingDraft:
    return MeetingDraft(
        title="Revised quote",
        start_utc=dt.datetime(2027, 3, 11, 14, 0, tzinfo=UTC),  # Thursday
        duration_minutes=45,
        organiser_zone="Europe/Copenhagen",
        location="Teams",
        agenda="1. Prices\n2. Delivery",
        attendees=[
            MeetingAttendee("Mette", "Europe/Copenhagen", "DK", contact_id=1),
            MeetingAttendee("Aino", "Europe/Helsinki", "FI", contact_id=2),
            MeetingAttendee("Faisal", "Asia/Riyadh", "SA", contact_id=3),
        ],
    )


def test_the_ics_file_carries_the_organisers_zone_and_its_rules(meeting: MeetingDraft) -> None:
    calendar = Calendar.from_ical(meeting_to_ics(meeting, "0192-abc", "mette@pumps.example"))
    zones = [component for component in calendar.walk("VTIMEZONE")]
    assert [str(zone["TZID"]) for zone in zones] == ["Europe/Copenhagen"]
    (event,) = calendar.walk("VEVENT")
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (15, 0)
    assert start.astimezone(UTC) == meeting.start_utc
    assert event.decoded("DTEND") - start == dt.timedelta(minutes=45)
    assert str(event["SUMMARY"]) == "Revised quote"
    assert str(event["UID"]) == "0192-abc@relationsapp"
    assert [str(a.params["CN"]) for a in event["ATTENDEE"]] == ["Mette", "Aino", "Faisal"]


def test_a_danish_client_gets_a_danish_invitation_in_danish_time(meeting: MeetingDraft) -> None:
    text = invitation_text(meeting, meeting.attendees[0], "da_DK")
    assert text.startswith("Kære Mette")
    assert "torsdag den 11. marts 2027 kl. 15.00 (Europe/Copenhagen)" in text
    assert "Dagsorden:\n1. Prices" in text
    assert text.endswith("Venlig hilsen")


def test_a_finnish_client_gets_finnish_text_and_helsinki_time(meeting: MeetingDraft) -> None:
    text = invitation_text(meeting, meeting.attendees[1], "fi")
    assert text.startswith("Hyvä Aino")
    assert "torstai 11. maaliskuuta 2027 klo 16.00 (Europe/Helsinki)" in text


def test_a_language_the_app_does_not_ship_falls_back_to_english_in_their_zone(
    meeting: MeetingDraft,
) -> None:
    assert invitation_language("ar_SA") == "en"
    text = invitation_text(meeting, meeting.attendees[2], "ar_SA")
    assert text.startswith("Dear Faisal,")
    assert "Thursday, March 11, 2027 at 5:00" in text and "(Asia/Riyadh)" in text
