"""Booking a meeting: DST gaps are refused, folds must be resolved, nothing is shifted."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
from relationsapp.ui.book_meeting_dialog import BookMeetingDialog

UTC = dt.UTC


@pytest.fixture
def dialog(qtbot: QtBot) -> BookMeetingDialog:
    widget = BookMeetingDialog()
    qtbot.addWidget(widget)
    widget.set_draft(
        MeetingDraft(
            title="Revised quote",
            start_utc=dt.datetime(2027, 3, 11, 14, 0, tzinfo=UTC),
            organiser_zone="Europe/Copenhagen",
            attendees=[
                MeetingAttendee("Faisal", "Asia/Riyadh", "SA"),
                MeetingAttendee("Arjun", "Asia/Kolkata", "IN"),
            ],
        ),
        "Book",
    )
    widget.show()
    return widget


def ok_button(dialog: BookMeetingDialog) -> QDialogButtonBox:
    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)  # type: ignore[return-value]


def type_start(dialog: BookMeetingDialog, day: QDate, time: QTime) -> None:
    dialog.date_edit.setDate(day)
    dialog.time_edit.setTime(time)


def test_the_typed_time_is_shown_in_every_participants_zone(dialog: BookMeetingDialog) -> None:
    assert dialog.time_edit.time() == QTime(15, 0)  # 14:00 UTC is 15:00 in Copenhagen
    assert dialog.times.text().splitlines() == [
        "Faisal: Thu 17:00–18:00 (Asia/Riyadh)",
        "Arjun: Thu 19:30–20:30 (Asia/Kolkata)",
    ]
    assert ok_button(dialog).isEnabled()


def test_a_time_in_the_spring_gap_is_refused_with_a_reason(dialog: BookMeetingDialog) -> None:
    type_start(dialog, QDate(2027, 3, 28), QTime(2, 30))
    assert dialog.status.isVisible()
    assert "does not exist" in dialog.status.text()
    assert "UTC+01:00" in dialog.status.text() and "UTC+02:00" in dialog.status.text()
    assert not ok_button(dialog).isEnabled()
    assert dialog.times.text() == ""


def test_a_time_in_the_autumn_fold_must_be_chosen_before_booking(dialog: BookMeetingDialog) -> None:
    type_start(dialog, QDate(2027, 10, 31), QTime(2, 30))
    assert dialog.earlier.isVisible() and dialog.later.isVisible()
    assert "happens twice" in dialog.status.text()
    assert not ok_button(dialog).isEnabled()
    assert dialog.earlier.text() == "02:30 UTC+02:00 (00:30 UTC)"
    dialog.later.setChecked(True)
    assert ok_button(dialog).isEnabled()
    assert dialog.draft().start_utc == dt.datetime(2027, 10, 31, 1, 30, tzinfo=UTC)
    dialog.earlier.setChecked(True)
    assert dialog.draft().start_utc == dt.datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


def test_a_meeting_needs_a_title(qtbot: QtBot, dialog: BookMeetingDialog) -> None:
    dialog.title_edit.clear()
    dialog.accept()
    assert dialog.isVisible()
    assert dialog.title_error.text() == "Give the meeting a title."
    qtbot.keyClicks(dialog.title_edit, "Intro")
    assert not dialog.title_error.isVisible()
    dialog.accept()
    assert not dialog.isVisible()
