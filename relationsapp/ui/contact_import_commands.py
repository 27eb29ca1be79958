"""A contact import and a meeting import, each as one undo step.

Both imports have already run when the command is made (one transaction, on a pool
thread for the contacts), so the first ``redo`` only tells the views; undo takes back
everything the import did and redo brings the same records back (same ids and uids)
rather than reading the files again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from relationsapp.core.contact_import import (
    ContactImportResult,
    redo_contact_import,
    undo_contact_import,
)
from relationsapp.core.errors import RecordNotFound
from relationsapp.i18n.translate import ngettext

if TYPE_CHECKING:
    from relationsapp.core.meeting_service import MeetingService
    from relationsapp.storage.database import Database
    from relationsapp.ui.change_notifier import ChangeNotifier


class ContactImportCommand(QUndoCommand):
    """Undo: the new contacts and accounts tombstoned, the updated ones as they were."""

    def __init__(
        self, database: Database, notifier: ChangeNotifier | None, result: ContactImportResult
    ) -> None:
        count = len(result.imported_ids) + len(result.updated)
        text = ngettext("Import %(count)d contact", "Import %(count)d contacts", count)
        super().__init__(text % {"count": count})
        self._database, self._notifier = database, notifier
        self.result = result
        self._applied = True  # the import itself wrote them

    def redo(self) -> None:
        if not self._applied:
            redo_contact_import(self._database, self.result)
            self._applied = True
        self._announce()

    def undo(self) -> None:
        undo_contact_import(self._database, self.result)
        self._applied = False
        self._announce()

    def _announce(self) -> None:
        if self._notifier is not None:
            self._notifier.accounts_changed.emit()
            self._notifier.contacts_changed.emit()


class ImportMeetingsCommand(QUndoCommand):
    """Meetings read from iCalendar files: undo cancels them all, redo restores them."""

    def __init__(
        self, meetings: MeetingService, notifier: ChangeNotifier | None, ids: list[int]
    ) -> None:
        text = ngettext("Import %(count)d meeting", "Import %(count)d meetings", len(ids))
        super().__init__(text % {"count": len(ids)})
        self._meetings, self._notifier = meetings, notifier
        self.ids = list(ids)
        self._applied = True

    def redo(self) -> None:
        if not self._applied:
            for meeting_id in self.ids:
                self._meetings.restore(meeting_id)
            self._applied = True
        self._announce()

    def undo(self) -> None:
        for meeting_id in self.ids:
            try:
                self._meetings.cancel(meeting_id)
            except RecordNotFound:  # cancelled by hand since: already gone
                continue
        self._applied = False
        self._announce()

    def _announce(self) -> None:
        if self._notifier is not None:
            self._notifier.meetings_changed.emit()
