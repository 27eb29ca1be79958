"""Upcoming meetings: everyone's local time, .ics export, invitations, cancel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from relationsapp.core.contact_service import ContactService
from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft, MeetingService
from relationsapp.core.records import ContactDraft
from relationsapp.core.services import Services
from relationsapp.storage.database import Database
from relationsapp.ui.upcoming_meetings_model import THEIR_TIMES
from relationsapp.ui.upcoming_view import UpcomingView

UTC = dt.UTC
NEXT_YEAR = dt.datetime.now(UTC).year + 1


@pytest.fixture
def view(qtbot: QtBot, database: Database) -> UpcomingView:
    contacts = ContactService(database)
    mette = contacts.create(
        ContactDraft(
            given_name="Mette",
            family_name="Holm",
            country="DK",
            time_zone="Europe/Copenhagen",
            preferred_language="da",
        )
    )
    MeetingService(database).book(
        MeetingDraft(
            title="Revised quote",
            start_utc=dt.datetime(NEXT_YEAR, 3, 11, 12, 0, tzinfo=UTC),
            organiser_zone="Europe/Copenhagen",
            attendees=[
                MeetingAttendee("Mette Holm", "Europe/Copenhagen", "DK", contact_id=mette),
                MeetingAttendee("Faisal", "Asia/Riyadh", "SA"),
            ],
        )
    )
    widget = UpcomingView(Services(database))
    qtbot.addWidget(widget)
    widget.reload()
    return widget


def test_each_meeting_lists_every_participants_own_time(view: UpcomingView) -> None:
    assert view.model.rowCount() == 1
    times = view.model.index(0, THEIR_TIMES).data()
    assert "Mette Holm" in times and "13:00" in times
    assert "Faisal" in times and "15:00" in times


def test_export_writes_a_calendar_file(view: UpcomingView, tmp_path: Path) -> None:
    written = view.export_selected(str(tmp_path / "quote.ics"))
    assert written is not None
    calendar = Calendar.from_ical(written.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert event.decoded("DTSTART").astimezone(UTC) == dt.datetime(
        NEXT_YEAR, 3, 11, 12, 0, tzinfo=UTC
    )
    assert "quote.ics" in view.status.text()


def test_invitations_are_written_in_each_readers_language(view: UpcomingView) -> None:
    text = view.invitations()
    danish, english = text.split("\n\n———\n\n")
    assert danish.startswith("Kære Mette Holm") and "13.00 (Europe/Copenhagen)" in danish
    assert english.startswith("Dear Faisal,") and "(Asia/Riyadh)" in english


def test_cancel_asks_the_window_with_the_meeting(qtbot: QtBot, view: UpcomingView) -> None:
    with qtbot.waitSignal(view.cancel_requested) as asked:
        view.cancel_button.click()
    assert asked.args[1] == "Revised quote"


def test_upcoming_model_passes_qt_model_tester(
    qtmodeltester: ModelTester, view: UpcomingView
) -> None:
    qtmodeltester.check(view.model, force_py=True)
