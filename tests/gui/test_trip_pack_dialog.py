"""Trip pack…: the meetings of the chosen days, ticking them, making the pack, Cancel."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QApplication, QDialog, QProgressDialog, QPushButton
from pytestqt.qtbot import QtBot

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc, to_local
from relationsapp.reports import trip_pack
from relationsapp.storage.app_settings import AppSettings
from relationsapp.storage.database import Database
from relationsapp.ui.app import AppController
from relationsapp.ui.briefing_jobs import SheetOptions
from relationsapp.ui.main_window import MainWindow
from relationsapp.ui.trip_pack_dialog import TITLE, TripPackDialog
from tests.helpers.dialogs import answer_next_dialog
from tests.helpers.people import seed_people

ZONE = "Europe/Copenhagen"


def today() -> dt.date:
    return to_local(now_utc(), ZONE).date()


def at_noon(day: dt.date) -> dt.datetime:
    """Noon in Copenhagen on ``day``, as UTC (10:00 or 11:00)."""
    from relationsapp.core.zones import localize

    return localize(dt.datetime.combine(day, dt.time(12, 0)), ZONE).astimezone(dt.UTC)


@pytest.fixture
def meetings(database: Database) -> dict[str, int]:
    ids = seed_people(database)
    services = Services(database)
    booked = {}
    for key, title, days in (
        ("pumps", "Pump station review", 1),
        ("tokyo", "Tokyo factory visit", 3),
        ("later", "Autumn planning", 10),
    ):
        booked[key] = services.meetings.book(
            MeetingDraft(
                title=title,
                start_utc=at_noon(today() + dt.timedelta(days=days)),
                organiser_zone=ZONE,
                attendees=[
                    MeetingAttendee("Jørgen Sørensen", ZONE, "DK", contact_id=ids["jorgen"])
                ],
            )
        )
    return booked


@pytest.fixture
def dialog(qtbot: QtBot, database: Database, meetings: dict[str, int]) -> TripPackDialog:
    made = TripPackDialog(Services(database), ZONE, today())
    qtbot.addWidget(made)
    return made


@pytest.fixture
def window(
    qtbot: QtBot, qapp: QApplication, database: Database, meetings: dict[str, int]
) -> Iterator[MainWindow]:
    controller = AppController(qapp, database, AppSettings(home_zone=ZONE))
    qtbot.addWidget(controller.window)
    controller.window.show()
    yield controller.window
    controller.window.close()


def titles(dialog: TripPackDialog) -> list[str]:
    return [dialog.model.item(row, TITLE).text() for row in range(dialog.meeting_count())]


def test_the_coming_week_is_listed_with_every_meeting_ticked(
    dialog: TripPackDialog, meetings: dict[str, int]
) -> None:
    first, last = dialog.days()
    assert (first, last) == (today(), today() + dt.timedelta(days=6))
    assert titles(dialog) == ["Pump station review", "Tokyo factory visit"]
    assert dialog.chosen_ids() == [meetings["pumps"], meetings["tokyo"]]
    assert "Jørgen Sørensen" in dialog.model.item(0, 2).text()
    assert dialog.ok_button.isEnabled()
    assert dialog.empty_note.isHidden()


def test_unticking_a_meeting_leaves_it_out(
    dialog: TripPackDialog, meetings: dict[str, int]
) -> None:
    dialog.set_checked(0, False)
    assert dialog.chosen_ids() == [meetings["tokyo"]]
    dialog.set_checked(1, False)
    assert dialog.chosen_ids() == []
    assert not dialog.ok_button.isEnabled()


def test_other_days_relist_the_meetings(dialog: TripPackDialog) -> None:
    day = today() + dt.timedelta(days=10)
    dialog.last_day.setDate(QDate(day.year, day.month, day.day))
    assert titles(dialog) == ["Pump station review", "Tokyo factory visit", "Autumn planning"]
    dialog.first_day.setDate(QDate(day.year, day.month, day.day))
    assert titles(dialog) == ["Autumn planning"]


def test_days_without_meetings_say_so_and_cannot_be_packed(dialog: TripPackDialog) -> None:
    day = today() + dt.timedelta(days=40)
    dialog.first_day.setDate(QDate(day.year, day.month, day.day))
    assert dialog.last_day.date() == dialog.first_day.date()  # the last day follows
    assert dialog.meeting_count() == 0
    assert not dialog.empty_note.isHidden()
    assert dialog.empty_note.text() == "No meetings between these days."
    assert not dialog.ok_button.isEnabled()


def test_the_pack_of_the_ticked_meetings_opens_in_the_preview(
    qtbot: QtBot, window: MainWindow
) -> None:
    def untick_first_and_make(shown: QDialog) -> None:
        assert isinstance(shown, TripPackDialog)
        shown.set_checked(0, False)
        shown.ok_button.click()

    answer_next_dialog(qtbot, untick_first_and_make)
    window.briefings.trip_pack_action.trigger()
    qtbot.waitUntil(lambda: bool(window.briefings.previews), timeout=20_000)
    preview = window.briefings.previews[-1]
    qtbot.waitUntil(lambda: preview.document.pageCount() >= 2)
    text = "\n".join(
        preview.document.getAllText(page).text() for page in range(preview.document.pageCount())
    )
    assert "Tokyo factory visit" in text
    assert "Pump station review" not in text


def test_cancel_stops_the_pack_without_a_preview(
    qtbot: QtBot, window: MainWindow, meetings: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    started = threading.Event()

    def endless(*_args: object, progress: trip_pack.Progress, **_kwargs: object) -> bytes:
        started.set()
        give_up = time.monotonic() + 30  # a guard against a hang, not a measurement
        while progress(0, 3):
            if time.monotonic() > give_up:
                raise AssertionError("the progress callback never said stop")
            time.sleep(0.01)
        raise trip_pack.PackCancelled

    monkeypatch.setattr(trip_pack, "build_trip_pack", endless)
    ids = [meetings["pumps"], meetings["tokyo"]]
    window.briefings.make_trip_pack(ids, SheetOptions(), (today(), today()))
    qtbot.waitUntil(started.is_set)
    progress = window.findChild(QProgressDialog, "trip_pack_progress")
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    cancel.click()
    qtbot.waitUntil(lambda: not window.briefings.is_making_pack())
    assert window.briefings.previews == []
    assert "cancelled" in window.statusBar().currentMessage()


def test_closing_the_window_stops_a_pack_being_made(
    qtbot: QtBot, window: MainWindow, meetings: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    started, stopped = threading.Event(), threading.Event()

    def endless(*_args: object, progress: trip_pack.Progress, **_kwargs: object) -> bytes:
        started.set()
        give_up = time.monotonic() + 30
        while progress(0, 3) and time.monotonic() < give_up:
            time.sleep(0.01)
        stopped.set()
        raise trip_pack.PackCancelled

    monkeypatch.setattr(trip_pack, "build_trip_pack", endless)
    window.briefings.make_trip_pack([meetings["pumps"]], SheetOptions(), (today(), today()))
    qtbot.waitUntil(started.is_set)
    window.close()
    assert stopped.is_set()  # close waited for the pack to stop, not 30 seconds
