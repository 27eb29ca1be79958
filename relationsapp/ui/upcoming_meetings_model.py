"""Upcoming meetings, each with every participant's own local day and time."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from relationsapp.core.meeting_service import MeetingDetails
from relationsapp.i18n.formatting import format_time, format_weekday
from relationsapp.i18n.translate import _
from relationsapp.ui.book_meeting_dialog import describe_start
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

WHEN, TITLE, THEIR_TIMES = range(3)


class UpcomingMeetingsModel(ReadOnlyTableModel):
    """A short list (the next 50), so rows are held as plain details."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._meetings: list[MeetingDetails] = []

    def set_meetings(self, meetings: list[MeetingDetails]) -> None:
        self.beginResetModel()
        self._meetings = meetings
        self.endResetModel()

    def meeting(self, row: int) -> MeetingDetails:
        return self._meetings[row]

    def headers(self) -> list[str]:
        return [_("When (organiser)"), _("Title"), _("Their local times")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._meetings)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._meetings):
            return None
        meeting = self._meetings[index.row()]
        if role == ID_ROLE:
            return meeting.id
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if index.column() == WHEN:
            return describe_start(meeting.draft)
        if index.column() == TITLE:
            return meeting.draft.title
        if index.column() == THEIR_TIMES:
            return " · ".join(
                _("%(name)s %(weekday)s %(time)s")
                % {
                    "name": time.attendee.label,
                    "weekday": format_weekday(time.local_start.date()),
                    "time": format_time(time.local_start),
                }
                for time in meeting.times
            )
        return None
