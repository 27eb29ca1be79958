"""Choose the meetings of a trip whose briefings go into one printed pack.

The meetings of the chosen days come from relationsapp.reports.trip_pack.trip_meetings;
this dialog only lists them with a tick each. Making the pack is the caller's job (off
the UI thread, see relationsapp.ui.briefing_actions).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.zones import to_local
from relationsapp.i18n.formatting import format_date, format_time
from relationsapp.i18n.translate import _
from relationsapp.ui.briefing_jobs import SheetOptions
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.pdf_preview_dialog import language_combo, sensitive_box
from relationsapp.ui.roles import ID_ROLE

if TYPE_CHECKING:
    from relationsapp.core.meeting_service import MeetingDetails
    from relationsapp.core.services import Services

#: The days offered first: today and the six after it, a working trip.
DEFAULT_DAYS = 7
TITLE, MY_TIME, PARTICIPANTS = 0, 1, 2


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


class TripPackDialog(QDialog):
    """From/To days, the meetings on them (all ticked), language and sensitive notes."""

    def __init__(
        self,
        services: Services,
        my_zone: str,
        today: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("trip_pack")
        self.setWindowTitle(_("Trip pack"))
        self.resize(720, 480)
        self._services = services
        self._my_zone = my_zone

        self.first_day = self._date_edit("trip_first_day", today)
        last = today + dt.timedelta(days=DEFAULT_DAYS - 1)
        self.last_day = self._date_edit("trip_last_day", last)
        self.last_day.setMinimumDate(self.first_day.date())

        self.model = QStandardItemModel(0, 3, self)
        self.model.setHorizontalHeaderLabels([_("Meeting"), _("My time"), _("Participants")])
        self.list = QTreeView()
        self.list.setObjectName("trip_meetings")
        self.list.setModel(self.model)
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAllColumnsShowFocus(True)
        self.list.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.list.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(TITLE, 240)
        header.resizeSection(MY_TIME, 200)
        meetings_caption = QLabel(_("M&eetings to include:"))
        meetings_caption.setBuddy(self.list)
        self.empty_note = QLabel(_("No meetings between these days."))
        self.empty_note.setObjectName("trip_empty")

        self.language = language_combo()
        self.sensitive = sensitive_box()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Make &pack"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        days = QFormLayout()
        days.addRow(_("&From:"), self.first_day)
        days.addRow(_("&To:"), self.last_day)
        days.addRow(_("&Language:"), self.language)
        days.addRow("", self.sensitive)
        layout = QVBoxLayout(self)
        layout.addLayout(days)
        layout.addWidget(meetings_caption)
        layout.addWidget(self.list, 1)
        note_row = QHBoxLayout()
        note_row.addWidget(self.empty_note)
        layout.addLayout(note_row)
        layout.addWidget(self.buttons)

        self.first_day.dateChanged.connect(self._on_first_day)
        self.last_day.dateChanged.connect(lambda _day: self.relist())
        self.model.itemChanged.connect(lambda _item: self._update_ok())
        self.relist()

    def _date_edit(self, name: str, day: dt.date) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setObjectName(name)
        edit.setDisplayFormat(qt_date_format())
        edit.setCalendarPopup(True)
        return edit

    def _on_first_day(self, day: QDate) -> None:
        # The last day follows a first day moved past it; its own dateChanged relists.
        moved = self.last_day.date() < day
        self.last_day.setMinimumDate(day)
        if not moved:
            self.relist()

    def days(self) -> tuple[dt.date, dt.date]:
        return _date(self.first_day.date()), _date(self.last_day.date())

    def relist(self) -> None:
        """List the meetings of the chosen days, each ticked."""
        from relationsapp.reports import trip_pack

        first, last = self.days()
        meetings = trip_pack.trip_meetings(self._services, first, last, self._my_zone)
        self.model.removeRows(0, self.model.rowCount())
        for meeting in meetings:
            self.model.appendRow(self._row(meeting))
        self.empty_note.setVisible(not meetings)
        self._update_ok()

    def _row(self, meeting: MeetingDetails) -> list[QStandardItem]:
        local = to_local(meeting.draft.start_utc, self._my_zone)
        title = QStandardItem(meeting.draft.title)
        title.setData(meeting.id, ID_ROLE)
        title.setCheckable(True)
        title.setCheckState(Qt.CheckState.Checked)
        when = QStandardItem(
            _("%(date)s %(time)s") % {"date": format_date(local.date()), "time": format_time(local)}
        )
        people = QStandardItem(", ".join(attendee.label for attendee in meeting.draft.attendees))
        return [title, when, people]

    def meeting_count(self) -> int:
        return self.model.rowCount()

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick or untick a meeting (as a click on its box would)."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self.model.item(row, TITLE).setCheckState(state)

    def chosen_ids(self) -> list[int]:
        """The ticked meetings, in the listed (time) order."""
        return [
            int(item.data(ID_ROLE))
            for row in range(self.model.rowCount())
            if (item := self.model.item(row, TITLE)).checkState() == Qt.CheckState.Checked
        ]

    def options(self) -> SheetOptions:
        return SheetOptions(self.language.currentData(), self.sensitive.isChecked())

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.chosen_ids()))
