"""Imports as undoable commands: one command takes back everything one import added."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from PySide6.QtGui import QUndoCommand

from relationsapp.i18n.translate import ngettext

if TYPE_CHECKING:
    from relationsapp.core.deal_service import DealService
    from relationsapp.ui.change_notifier import ChangeNotifier


class ImportDealsCommand(QUndoCommand):
    """Orders or survey answers an import added: undo tombstones them all, redo restores.

    The import has already run when the command is made (one transaction, perhaps on a
    pool thread, so a large file never blocks the window inside ``QUndoStack.push``):
    the first ``redo`` only tells the views. Redo after undo restores the same records
    (same ids and uids) rather than importing the file again.
    """

    def __init__(
        self,
        deals: DealService,
        notifier: ChangeNotifier | None,
        kind: Literal["orders", "feedback"],
        ids: list[int],
        file: str,
    ) -> None:
        name = Path(file).name
        count = len(ids)
        if kind == "orders":
            text = ngettext(
                "Import %(count)d order from %(file)s",
                "Import %(count)d orders from %(file)s",
                count,
            )
        else:
            text = ngettext(
                "Import %(count)d survey answer from %(file)s",
                "Import %(count)d survey answers from %(file)s",
                count,
            )
        super().__init__(text % {"count": count, "file": name})
        self._deals, self._notifier, self.kind = deals, notifier, kind
        self.ids = list(ids)
        self._applied = True  # the import itself added them

    def redo(self) -> None:
        if not self._applied:
            if self.kind == "orders":
                self._deals.restore_orders(self.ids)
            else:
                self._deals.restore_feedback(self.ids)
            self._applied = True
        self._announce()

    def undo(self) -> None:
        if self.kind == "orders":
            self._deals.delete_orders(self.ids)
        else:
            self._deals.delete_feedback(self.ids)
        self._applied = False
        self._announce()

    def _announce(self) -> None:
        if self._notifier is None:
            return
        self._notifier.deals_changed.emit()
        if self.kind == "feedback":
            self._notifier.feedback_changed.emit()
