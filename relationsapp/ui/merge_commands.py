"""Merging two contacts as one undoable step on the QUndoStack.

Redo merges (one transaction: fields, moved history, tombstone); undo unmerges from the
:class:`~relationsapp.core.contact_merge.MergeRecord` the redo made, so both contacts
and every moved row are back exactly as they were. Redo after undo merges again with
the same chosen fields.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from relationsapp.core.contact_merge import MergeRecord, merge_contacts, unmerge
from relationsapp.core.records import ContactDraft
from relationsapp.i18n.translate import _
from relationsapp.storage.database import Database
from relationsapp.ui.change_notifier import ChangeNotifier


class MergeContactsCommand(QUndoCommand):
    def __init__(
        self,
        database: Database,
        notifier: ChangeNotifier,
        keep_id: int,
        other_id: int,
        chosen: ContactDraft,
        names: tuple[str, str],
    ) -> None:
        """``names`` (kept, other) name the step in the undo history."""
        super().__init__(_("Merge %(other)s into %(name)s") % {"other": names[1], "name": names[0]})
        self._database, self._notifier = database, notifier
        self.keep_id, self.other_id, self._chosen = keep_id, other_id, chosen
        self.record: MergeRecord | None = None

    def redo(self) -> None:
        self.record = merge_contacts(self._database, self.keep_id, self.other_id, self._chosen)
        self._emit()

    def undo(self) -> None:
        assert self.record is not None
        unmerge(self._database, self.record)
        self.record = None
        self._emit()

    def _emit(self) -> None:
        # History moved between contacts (interactions, promises, meetings, feedback,
        # referrals) and an account's contact count changed: every view that shows
        # any of it refreshes.
        self._notifier.contacts_changed.emit()
        self._notifier.interactions_changed.emit()
        self._notifier.meetings_changed.emit()
        self._notifier.feedback_changed.emit()
        self._notifier.accounts_changed.emit()
