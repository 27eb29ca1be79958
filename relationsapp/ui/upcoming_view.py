"""Upcoming meetings: each participant's time, and ways to send them (.ics, invitations)."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.errors import RecordNotFound
from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.core.services import Services
from relationsapp.core.zones import now_utc
from relationsapp.i18n.translate import _
from relationsapp.ui.upcoming_meetings_model import UpcomingMeetingsModel


class UpcomingView(QWidget):
    """The next meetings; cancelling goes through the window's undo stack (a signal)."""

    cancel_requested = Signal(int, str)
    #: The selected meeting (MeetingDetails, or None): what the Culture panel follows.
    selection_changed = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = UpcomingMeetingsModel(self)
        self.table = QTableView()
        self.table.setObjectName("upcoming_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().resizeSection(0, 280)
        self.table.horizontalHeader().resizeSection(1, 220)

        self.export_button = QPushButton(_("E&xport .ics…"))
        self.export_button.setObjectName("export_ics")
        self.export_button.clicked.connect(self.export_selected)
        self.copy_button = QPushButton(_("Copy &invitations"))
        self.copy_button.setObjectName("copy_invitations")
        self.copy_button.setToolTip(
            _("Each participant’s invitation in their language and time zone.")
        )
        self.copy_button.clicked.connect(self.copy_invitations)
        self.cancel_button = QPushButton(_("&Cancel meeting"))
        self.cancel_button.setObjectName("cancel_meeting")
        self.cancel_button.clicked.connect(self._cancel_selected)
        self.status = QLabel()

        buttons = QHBoxLayout()
        for button in (self.export_button, self.copy_button, self.cancel_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.status)
        caption = QLabel(_("&Upcoming meetings"))
        caption.setBuddy(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(caption)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._on_selection())
        self._on_selection()

    def reload(self) -> None:
        self.model.set_meetings(self._services.meetings.upcoming(now_utc()))
        if self.model.rowCount():
            self.table.selectRow(0)
        self._on_selection()

    def selected(self) -> MeetingDetails | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.meeting(rows[0].row()) if rows else None

    def _on_selection(self) -> None:
        meeting = self.selected()
        chosen = meeting is not None
        for button in (self.export_button, self.copy_button, self.cancel_button):
            button.setEnabled(chosen)
        self.selection_changed.emit(meeting)

    def _cancel_selected(self) -> None:
        meeting = self.selected()
        if meeting is not None:
            self.cancel_requested.emit(meeting.id, meeting.draft.title)

    def export_selected(self, path: str | None = None) -> Path | None:
        """Write the selected meeting as an .ics file (asks where unless ``path`` is given)."""
        from relationsapp.core.invitations import meeting_to_ics

        meeting = self.selected()
        if meeting is None:
            return None
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export meeting"),
                f"{meeting.draft.title or 'meeting'}.ics",
                _("Calendar files (*.ics)"),
            )
        if not path:
            return None
        target = Path(path)
        try:
            target.write_bytes(meeting_to_ics(meeting.draft, meeting.uid))
        except OSError as error:
            self.status.setText(
                _("Could not write %(path)s: %(error)s") % {"path": target, "error": error.strerror}
            )
            return None
        self.status.setText(_("Saved %(path)s") % {"path": target.name})
        return target

    def invitations(self) -> str:
        """Every participant's invitation, in their own language and zone."""
        from relationsapp.core.invitations import invitation_text

        meeting = self.selected()
        if meeting is None:
            return ""
        texts = []
        for attendee in meeting.draft.attendees:
            language = "en"
            if attendee.contact_id is not None:
                with contextlib.suppress(RecordNotFound):  # a deleted contact: English
                    contact = self._services.contacts.get(attendee.contact_id)
                    language = contact.draft.preferred_language
            texts.append(invitation_text(meeting.draft, attendee, language))
        return "\n\n———\n\n".join(texts)

    def copy_invitations(self) -> None:
        text = self.invitations()
        if text:
            QGuiApplication.clipboard().setText(text)
            self.status.setText(_("Invitations copied; paste them into your e-mails."))
