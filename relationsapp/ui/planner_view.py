"""The meeting planner page: participants, a day grid, suggested times and booking.

The heavy lifting is core code: ``day_row`` lays out each participant's day and
``suggest_slots`` ranks the candidates (20 participants over 60 days take a few
milliseconds, so it runs on the UI thread). This page gathers the inputs, shows the
answers, and hands a booked :class:`MeetingDraft` to whoever pushes the undoable
command (``book_requested``).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QDate,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.day_grid import CellKind, place_at
from relationsapp.core.meeting_participants import Participant
from relationsapp.core.slot_finder import suggest_slots
from relationsapp.core.wall_time import UnknownZoneError
from relationsapp.core.zones import is_known_zone, now_utc, to_local
from relationsapp.i18n.formatting import format_date
from relationsapp.i18n.translate import _, ngettext
from relationsapp.ui.day_grid_model import DayGridModel
from relationsapp.ui.day_grid_view import DayGridView
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.participant_list import ParticipantPanel
from relationsapp.ui.planner_texts import kind_icon, kind_text
from relationsapp.ui.slot_table_model import FIRST_PARTICIPANT, SlotTableModel
from relationsapp.ui.time_zone_combo import TimeZoneComboBox

if TYPE_CHECKING:
    from relationsapp.core.meeting_service import MeetingDraft
    from relationsapp.core.services import Services

#: Longest meeting and search range the page offers (the core takes any).
MAX_DURATION_MINUTES = 8 * 60
MAX_DAYS = 60


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PlannerView(QWidget):
    """Pick participants, look at their day, find times that suit everyone, book one."""

    #: A :class:`~relationsapp.core.meeting_service.MeetingDraft` the user confirmed.
    book_requested = Signal(object)

    def __init__(self, services: Services, home_zone: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planner")
        self._services = services
        self._home_zone = home_zone
        self._searched: list[Participant] = []
        self._quiet_slot_choice = False
        self.panel = ParticipantPanel(services, home_zone)
        self.panel.changed.connect(self._on_participants_changed)
        self._build_toolbar(home_zone)
        self._build_grid()
        self._build_suggestions()

        book_row = QHBoxLayout()
        book_row.addStretch(1)
        book_row.addWidget(self.book_button)
        right_box = QWidget()
        right_layout = QVBoxLayout(right_box)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(self._day_row)
        right_layout.addLayout(self._search_row)
        right_layout.addWidget(self.grid)  # as tall as its rows
        right_layout.addLayout(self._legend())
        right_layout.addWidget(self.summary)
        right_layout.addWidget(self.slots, 1)
        right_layout.addLayout(book_row)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.panel)
        splitter.addWidget(right_box)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        today = to_local(now_utc(), home_zone).date() if is_known_zone(home_zone) else None
        self.set_day(today or now_utc().date())

    # -- building --------------------------------------------------------------------------

    def _build_toolbar(self, home_zone: str) -> None:
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("planner_date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat(qt_date_format())
        self.date_edit.dateChanged.connect(lambda _date: self.refresh_grid())
        steps = (
            ("week_back", "◀◀", -7, _("Previous week"), Qt.Key.Key_PageUp),
            ("day_back", "◀", -1, _("Previous day"), Qt.Key.Key_Left),
            ("day_forward", "▶", 1, _("Next day"), Qt.Key.Key_Right),
            ("week_forward", "▶▶", 7, _("Next week"), Qt.Key.Key_PageDown),
        )
        self.step_buttons: dict[str, QToolButton] = {}
        for name, arrow, days, what, key in steps:
            keys = QKeySequence(Qt.Modifier.ALT | key)
            button = QToolButton()
            button.setObjectName(name)
            button.setText(arrow)
            button.setAccessibleName(what)
            button.setToolTip(
                _("%(action)s (%(keys)s)")
                % {"action": what, "keys": keys.toString(QKeySequence.SequenceFormat.NativeText)}
            )
            button.clicked.connect(lambda _checked=False, days=days: self.step_days(days))
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda days=days: self.step_days(days))
            self.step_buttons[name] = button
        self.reference_zone = TimeZoneComboBox()
        self.reference_zone.setObjectName("reference_zone")
        self.reference_zone.set_zone(home_zone)
        self.reference_zone.zoneChanged.connect(self._on_reference_zone_changed)

        self.duration = QSpinBox()
        self.duration.setObjectName("duration")
        self.duration.setRange(15, MAX_DURATION_MINUTES)
        self.duration.setSingleStep(15)
        self.duration.setValue(60)
        self.duration.setSuffix(_(" min"))
        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(1, MAX_DAYS)
        self.days.setValue(7)
        self.allow_weekends = QCheckBox(_("Allow &weekends"))
        self.allow_weekends.setObjectName("allow_weekends")
        self.allow_holidays = QCheckBox(_("Allow holida&ys"))
        self.allow_holidays.setObjectName("allow_holidays")
        # Mnemonics avoid the window's own: menus &File, &Edit, &View, &Help and tabs
        # &Contacts, &Accounts, &Planner (a clash makes Alt+letter ambiguous).
        self.find_button = QPushButton(_("Find &times"))
        self.find_button.setObjectName("find_times")
        self.find_button.clicked.connect(self.find_times)

        day_row = QHBoxLayout()
        day_row.addWidget(self._caption(_("&Day:"), self.date_edit))
        day_row.addWidget(self.step_buttons["week_back"])
        day_row.addWidget(self.step_buttons["day_back"])
        day_row.addWidget(self.date_edit)
        day_row.addWidget(self.step_buttons["day_forward"])
        day_row.addWidget(self.step_buttons["week_forward"])
        day_row.addSpacing(16)
        day_row.addWidget(self._caption(_("&Reference zone:"), self.reference_zone))
        day_row.addWidget(self.reference_zone)
        day_row.addStretch(1)
        search_row = QHBoxLayout()
        search_row.addWidget(self._caption(_("D&uration:"), self.duration))
        search_row.addWidget(self.duration)
        search_row.addWidget(self._caption(_("Search &over (days):"), self.days))
        search_row.addWidget(self.days)
        search_row.addWidget(self.allow_weekends)
        search_row.addWidget(self.allow_holidays)
        search_row.addStretch(1)
        search_row.addWidget(self.find_button)
        self._day_row, self._search_row = day_row, search_row

    @staticmethod
    def _caption(text: str, buddy: QWidget) -> QLabel:
        caption = QLabel(text)
        caption.setBuddy(buddy)
        return caption

    def _build_grid(self) -> None:
        self.grid_model = DayGridModel(self)
        self.grid = DayGridView(self.grid_model)

    def _legend(self) -> QHBoxLayout:
        legend = QHBoxLayout()
        for kind in CellKind:
            swatch = QLabel()
            swatch.setPixmap(kind_icon(kind).pixmap(12, 12))
            legend.addWidget(swatch)
            legend.addWidget(QLabel(kind_text(kind)))
            legend.addSpacing(10)
        legend.addStretch(1)
        return legend

    def _build_suggestions(self) -> None:
        self.summary = QLabel()
        self.summary.setObjectName("suggestion_summary")
        self.summary.setWordWrap(True)
        self.slot_model = SlotTableModel(self)
        self.slots = QTableView()
        self.slots.setObjectName("suggestions")
        self.slots.setModel(self.slot_model)
        self.slots.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.slots.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.slots.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.slots.setWordWrap(False)
        self.slots.setAlternatingRowColors(True)
        self.slots.verticalHeader().hide()
        self.slots.doubleClicked.connect(lambda index: self.book_slot(index.row()))
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # Enter books, as a double-click
            enter = QShortcut(QKeySequence(key), self.slots)
            # setContext, not context=: PySide6 drops that keyword when a slot is passed
            # too, leaving a window-wide shortcut that would take Enter from every field.
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(self._book_current)
        self.slots.selectionModel().currentRowChanged.connect(self._on_slot_chosen)
        self.slot_model.modelReset.connect(self._fit_slot_columns)
        self.book_button = QPushButton(_("&Book…"))
        self.book_button.setObjectName("book")
        self.book_button.setEnabled(False)
        self.book_button.clicked.connect(self._book_current)

    # -- public ----------------------------------------------------------------------------

    def participants(self) -> list[Participant]:
        return self.panel.participants()

    def add_participant(self, participant: Participant) -> None:
        self.panel.add_participant(participant)

    def day(self) -> dt.date:
        value = self.date_edit.date()
        return dt.date(value.year(), value.month(), value.day())

    def set_day(self, day: dt.date) -> None:
        """Show ``day`` in the grid (and start the next search there)."""
        if day == self.day():
            self.refresh_grid()  # setDate would not signal an unchanged date
        else:
            self.date_edit.setDate(_qdate(day))

    def step_days(self, days: int) -> None:
        self.set_day(self.day() + dt.timedelta(days=days))

    def zone(self) -> str:
        """The reference zone: what the combo shows when it names a zone, else my home."""
        typed = self.reference_zone.zone()
        return typed if is_known_zone(typed) else self._home_zone

    def refresh_grid(self) -> None:
        self.panel.default_day = self.day()
        self.grid_model.set_day(self.participants(), self.zone(), self.day())
        self.grid.fit()
        self._show_slot_in_grid()

    def find_times(self) -> None:
        """Suggest times for the chosen duration over the chosen days, best first."""
        from relationsapp.core.meeting_fairness import burden_counts
        from relationsapp.core.zones import now_utc

        participants = self.participants()
        zone, first = self.zone(), self.day()
        last = first + dt.timedelta(days=self.days.value() - 1)
        # Equal slots go to whoever has carried fewer early/late hours in this group.
        fairness = burden_counts(self._services.meetings.past(now_utc()), participants)
        try:
            slots = suggest_slots(
                participants,
                first,
                self.days.value(),
                self.duration.value(),
                reference_zone=zone,
                allow_weekends=self.allow_weekends.isChecked(),
                allow_holidays=self.allow_holidays.isChecked(),
                fairness=fairness,
            )
        except UnknownZoneError as error:
            self.summary.setText(_("“%(zone)s” is not a time zone.") % {"zone": str(error)})
            return
        self._searched = participants
        self.slot_model.set_slots(slots, zone, [p.label for p in participants])
        dates = {"first": format_date(first), "last": format_date(last)}
        if slots:
            self.summary.setText(
                ngettext(
                    "%(count)s suggestion between %(first)s and %(last)s, best first:",
                    "%(count)s suggestions between %(first)s and %(last)s, best first:",
                    len(slots),
                )
                % {"count": len(slots), **dates}
            )
            # The best one is current (Enter or Book… takes it) without moving the grid
            # off the day the user is looking at; choosing a row does move it.
            self._quiet_slot_choice = True
            self.slots.setCurrentIndex(self.slot_model.index(0, 0))
            self._quiet_slot_choice = False
        else:
            self.summary.setText(
                _(
                    "No time suits everyone between %(first)s and %(last)s. Allow weekends "
                    "or holidays, or search more days."
                )
                % dates
            )
        self.book_button.setEnabled(bool(slots))

    def book_slot(self, row: int) -> None:
        """Open the booking dialog on suggestion ``row``; emit ``book_requested`` on OK."""
        # Imported here: the meeting service brings SQLAlchemy, which the first window
        # does without (tests/gui/test_startup_imports.py).
        from relationsapp.core.meeting_service import MeetingAttendee, MeetingDraft
        from relationsapp.ui.book_meeting_dialog import BookMeetingDialog

        slot = self.slot_model.slot(row)
        attendees = []
        for participant in self._searched:
            place = place_at(participant, slot.start_utc)  # where they will be then
            attendees.append(
                MeetingAttendee(
                    participant.label,
                    place.zone,
                    place.country,
                    place.subdivision,
                    participant.contact_id,
                )
            )
        draft = MeetingDraft(
            title="",
            start_utc=slot.start_utc,
            duration_minutes=int((slot.end_utc - slot.start_utc).total_seconds()) // 60,
            organiser_zone=self.slot_model.reference_zone(),
            attendees=attendees,
        )
        dialog = BookMeetingDialog(self)
        dialog.set_draft(draft, _("Book a meeting"))
        try:
            if dialog.exec() == QDialog.DialogCode.Accepted:
                booked: MeetingDraft = dialog.draft()
                self.book_requested.emit(booked)
        finally:
            dialog.deleteLater()

    # -- reactions -------------------------------------------------------------------------

    def _on_participants_changed(self) -> None:
        # Suggestions for another set of people would book the wrong attendees.
        self._searched = []
        self.slot_model.set_slots([], self.zone(), [])
        self.summary.clear()
        self.book_button.setEnabled(False)
        self.refresh_grid()

    def _on_reference_zone_changed(self, zone: str) -> None:
        if is_known_zone(zone):
            self.refresh_grid()

    def _on_slot_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        if not self._quiet_slot_choice:
            slot = self.slot_model.slot(current.row())
            self.set_day(to_local(slot.start_utc, self.slot_model.reference_zone()).date())
        self._show_slot_in_grid()

    def _book_current(self) -> None:
        index = self.slots.currentIndex()
        if index.isValid():
            self.book_slot(index.row())

    # -- fitting ---------------------------------------------------------------------------

    def _show_slot_in_grid(self) -> None:
        """Frame the chosen suggestion's hours in the grid when it falls on this day."""
        selection = QItemSelection()
        index = self.slots.currentIndex()
        rows = self.grid_model.rowCount()
        if index.isValid() and rows:
            slot = self.slot_model.slot(index.row())
            for column in self.grid_model.columns_overlapping(slot.start_utc, slot.end_utc):
                last = self.grid_model.index(rows - 1, column)
                selection.select(self.grid_model.index(0, column), last)
        self.grid.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _fit_slot_columns(self) -> None:
        self.slots.resizeColumnsToContents()
        for column in range(FIRST_PARTICIPANT):
            self.slots.setColumnWidth(column, self.slots.columnWidth(column) + 12)
