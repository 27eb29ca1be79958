"""The duplicate finder: every pair of contacts that may be one person, with why.

The search (``core.duplicate_finder.find_all_duplicates``, seconds at 100,000 contacts) runs
on the thread pool behind a progress dialog with Cancel. Pairs are listed by group,
most certain first; "Merge…" opens the merge dialog for the selected pair and "Not
duplicates" hides a pair for the rest of the session (pass the same ``dismissed`` set
each time the finder opens to keep them hidden).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.duplicate_finder import find_all_duplicates
from relationsapp.core.duplicates import (
    DuplicateGroup,
    DuplicatePair,
    DuplicateSearchCancelled,
)
from relationsapp.i18n.formatting import format_percent_value
from relationsapp.i18n.translate import _, ngettext
from relationsapp.storage.database import Database
from relationsapp.ui.background_task import BackgroundTask
from relationsapp.ui.change_notifier import ChangeNotifier
from relationsapp.ui.merge_dialog import open_merge_dialog

if TYPE_CHECKING:
    from relationsapp.core.contact_service import ContactService
    from relationsapp.core.services import Services

#: The DuplicatePair of a row (Qt.ItemDataRole.UserRole).
PAIR_ROLE = Qt.ItemDataRole.UserRole
Index = QModelIndex | QPersistentModelIndex
_NO_INDEX = QModelIndex()


class DuplicatePairsModel(QAbstractTableModel):
    """One row per pair: group number, the two names, the reasons, the score."""

    COLUMNS = 5

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[int, DuplicatePair]] = []
        self._names: dict[int, str] = {}

    def set_pairs(
        self, groups: list[DuplicateGroup], names: dict[int, str], hidden: set[tuple[int, int]]
    ) -> None:
        self.beginResetModel()
        self._names = names
        self._rows = [
            (number, pair)
            for number, group in enumerate(groups, start=1)
            for pair in group.pairs
            if (pair.first_id, pair.second_id) not in hidden
        ]
        self.endResetModel()

    def remove_where(self, drop: Callable[[DuplicatePair], bool]) -> None:
        """Take out the pairs ``drop`` picks (dismissed, or merged away)."""
        for row in reversed(range(len(self._rows))):
            if drop(self._rows[row][1]):
                self.beginRemoveRows(_NO_INDEX, row, row)
                del self._rows[row]
                self.endRemoveRows()

    def pair(self, row: int) -> DuplicatePair:
        return self._rows[row][1]

    def rowCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _NO_INDEX) -> int:
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        number, pair = self._rows[index.row()]
        if role == PAIR_ROLE:
            return pair
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == 0:
            return str(number)
        if column in (1, 2):
            contact_id = pair.first_id if column == 1 else pair.second_id
            return self._names.get(contact_id, str(contact_id))
        if column == 3:
            return "; ".join(pair.reasons)
        return format_percent_value(pair.score / 100)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = (_("Group"), _("Contact"), _("Possible duplicate"), _("Why"), _("Certainty"))
        return titles[section] if 0 <= section < len(titles) else None


def _search(
    database: Database, contacts: ContactService
) -> Callable[[Callable[[int, int], bool]], object]:
    """The worker-thread job: the groups and the names of everyone in them."""

    def work(progress: Callable[[int, int], bool]) -> object:
        try:
            groups = find_all_duplicates(database, progress)
        except DuplicateSearchCancelled:
            return None
        ids = sorted({i for group in groups for i in group.contact_ids})
        rows = contacts.rows(ids)  # read on this thread's own connection
        return groups, {contact_id: row.display_name for contact_id, row in rows.items()}

    return work


class DuplicatesDialog(QDialog):
    """Lists duplicate pairs; merges or dismisses the selected one."""

    def __init__(
        self,
        services: Services,
        undo_stack: QUndoStack,
        notifier: ChangeNotifier,
        dismissed: set[tuple[int, int]] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("duplicates_dialog")
        self.setWindowTitle(_("Find duplicates"))
        self._services, self._undo_stack, self._notifier = services, undo_stack, notifier
        self.dismissed = dismissed if dismissed is not None else set()
        self.task: BackgroundTask | None = None

        self.status = QLabel(_("Looking for duplicates…"))
        self.status.setObjectName("duplicates_status")
        self.model = DuplicatePairsModel(self)
        self.table = QTableView()
        self.table.setObjectName("duplicate_pairs")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.merge_selected())
        self.merge_button = QPushButton(_("&Merge…"))
        self.merge_button.setObjectName("merge")
        self.merge_button.clicked.connect(self.merge_selected)
        self.dismiss_button = QPushButton(_("&Not duplicates"))
        self.dismiss_button.setObjectName("not_duplicates")
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        actions = QHBoxLayout()
        actions.addWidget(self.merge_button)
        actions.addWidget(self.dismiss_button)
        actions.addStretch(1)
        actions.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addLayout(actions)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()
        self.resize(820, 480)

    def start(self) -> None:
        """Run the search off the UI thread; the list fills in when it is done."""
        self.task = BackgroundTask(
            _search(self._services.database, self._services.contacts),
            _("Looking for duplicates…"),
            self,
        )
        self.task.finished.connect(self._show)
        self.task.failed.connect(self._failed)
        self.task.start()

    def _show(self, result: object) -> None:
        if result is None:  # cancelled
            self.status.setText(_("The search for duplicates was cancelled."))
            return
        groups, names = cast(tuple[list[DuplicateGroup], dict[int, str]], result)
        self.model.set_pairs(groups, names, self.dismissed)
        self._update_status()

    def _failed(self, error: object) -> None:
        self.status.setText(_("The search for duplicates failed."))
        QMessageBox.warning(self, _("Find duplicates"), str(error))

    def _update_status(self) -> None:
        count = self.model.rowCount()
        self.status.setText(
            ngettext("%(count)d possible duplicate", "%(count)d possible duplicates", count)
            % {"count": count}
            if count
            else _("No duplicates found.")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_pair() is not None
        self.merge_button.setEnabled(chosen)
        self.dismiss_button.setEnabled(chosen)

    def selected_pair(self) -> DuplicatePair | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.pair(rows[0].row()) if rows else None

    def dismiss_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        self.dismissed.add((pair.first_id, pair.second_id))
        self.model.remove_where(
            lambda p: (p.first_id, p.second_id) == (pair.first_id, pair.second_id)
        )
        self._update_status()

    def merge_selected(self) -> None:
        pair = self.selected_pair()
        if pair is None:
            return
        merged = open_merge_dialog(
            self,
            self._services,
            self._undo_stack,
            self._notifier,
            pair.first_id,
            pair.second_id,
        )
        if merged:  # the second contact is gone: its pairs with anyone go too
            gone = pair.second_id
            self.model.remove_where(lambda p: gone in (p.first_id, p.second_id))
            self._update_status()


def open_duplicates_finder(
    parent: QWidget | None,
    services: Services,
    undo_stack: QUndoStack,
    notifier: ChangeNotifier,
    dismissed: set[tuple[int, int]] | None = None,
) -> DuplicatesDialog:
    """Open the finder (non-modal) and start the search; returns the dialog."""
    dialog = DuplicatesDialog(services, undo_stack, notifier, dismissed, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.start()
    return dialog
