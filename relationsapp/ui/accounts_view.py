"""The accounts page: companies, their details, their people and who referred them."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import label
from relationsapp.core.services import Services
from relationsapp.i18n.formatting import country_name
from relationsapp.i18n.translate import _
from relationsapp.ui.account_table_model import AccountContactsModel, AccountTableModel
from relationsapp.ui.roles import ID_ROLE


class AccountsView(QWidget):
    """Filterable account list beside the selected account's card and contacts."""

    edit_requested = Signal(int)
    contact_requested = Signal(int)
    #: The selected account (an id, or None): what the Culture panel follows.
    current_changed = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._services = services
        self.model = AccountTableModel(self)
        self.people = AccountContactsModel(self)

        self.search_field = QLineEdit()
        self.search_field.setObjectName("account_search")
        self.search_field.setPlaceholderText(_("Filter accounts by name, industry or tag…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.textChanged.connect(self.reload)

        self.table = QTableView()
        self.table.setObjectName("account_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed widths: ResizeToContents would measure every row (300 ms at 2,000 rows).
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((240, 200, 130, 130, 130)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(
            lambda index: self.edit_requested.emit(int(index.data(ID_ROLE)))
        )
        self.table.selectionModel().selectionChanged.connect(self._on_selection)

        self.card = QLabel()
        self.card.setObjectName("account_card")
        self.card.setWordWrap(True)
        self.card.setTextFormat(Qt.TextFormat.RichText)
        self.card.setOpenExternalLinks(False)
        self.card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.card.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)

        self.people_list = QListView()
        self.people_list.setObjectName("account_people")
        self.people_list.setModel(self.people)
        self.people_list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people_list.activated.connect(self._open_person)
        self.people_list.doubleClicked.connect(self._open_person)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.card)
        people_caption = QLabel(_("&People at this account"))
        people_caption.setBuddy(self.people_list)
        side_layout.addWidget(people_caption)
        side_layout.addWidget(self.people_list, 1)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search_field)
        left_layout.addWidget(self.table, 1)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        # Read from the database when first shown, not at start-up: the window opens
        # on another page and should not wait for the accounts.
        self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Re-read the accounts, keeping the selected one selected (now, or when shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        current = self.current_id()
        self.model.set_rows(self._services.accounts.list_rows(self.search_field.text()))
        if current is not None and (row := self.model.row_of(current)) is not None:
            self.table.selectRow(row)
        elif self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show(None)

    def current_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if rows else None

    def select_account(self, account_id: int) -> None:
        row = self.model.row_of(account_id)
        if row is not None:
            self.table.selectionModel().select(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        self._show(self.current_id())
        self.current_changed.emit(self.current_id())

    def _show(self, account_id: int | None) -> None:
        if account_id is None:
            self.card.setText(_("No account selected."))
            self.people.set_people([])
            return
        details = self._services.accounts.get(account_id)
        draft = details.draft
        lines = [f"<h2>{escape(draft.name)}</h2>"]
        if draft.name_latin and draft.name_latin != draft.name:
            lines.append(f"<p><i>{escape(draft.name_latin)}</i></p>")
        facts = [
            (_("Industry"), draft.industry),
            (_("Size"), label(draft.size_band) if draft.size_band.value else ""),
            (_("Country"), country_name(draft.country)),
            (_("Website"), draft.website),
            (_("Tags"), ", ".join(draft.tags)),
            (_("Referred by"), details.referred_by_name),
        ]
        lines.append("<table>")
        for caption, value in facts:
            if value:
                lines.append(
                    f"<tr><td><b>{escape(caption)}</b>&nbsp;&nbsp;</td><td>{escape(value)}</td></tr>"
                )
        lines.append("</table>")
        if draft.notes:
            lines.append("<p>" + escape(draft.notes).replace("\n", "<br>") + "</p>")
        self.card.setText("".join(lines))
        self.people.set_people(self._services.accounts.contacts_of(account_id))

    def _open_person(self, index: QModelIndex) -> None:
        self.contact_requested.emit(int(index.data(ID_ROLE)))
