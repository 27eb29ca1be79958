"""Accounts list and an account's contacts, as thin models over service rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    Qt,
)

from relationsapp.core.choices import label
from relationsapp.core.names import is_latin
from relationsapp.core.records import AccountRow
from relationsapp.i18n.formatting import country_name, format_number
from relationsapp.i18n.translate import _
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

NAME, LATIN, INDUSTRY, SIZE, COUNTRY, CONTACTS = range(6)


class AccountTableModel(ReadOnlyTableModel):
    """Accounts as plain rows (accounts number in the thousands, not the 100,000s)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AccountRow] = []

    def set_rows(self, rows: list[AccountRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def account_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, account_id: int) -> int | None:
        return next((i for i, row in enumerate(self._rows) if row.id == account_id), None)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def headers(self) -> list[str]:
        return [_("Name"), _("Latin name"), _("Industry"), _("Size"), _("Country"), _("Contacts")]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == CONTACTS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        column = index.column()
        if column == NAME:
            return row.name
        if column == LATIN:
            # Only a name in another script needs a transliteration beside it.
            return "" if is_latin(row.name) else row.name_latin
        if column == INDUSTRY:
            return row.industry
        if column == SIZE:
            return label(row.size_band) if row.size_band.value else ""
        if column == COUNTRY:
            return country_name(row.country)
        if column == CONTACTS:
            return format_number(row.contact_count)
        return None


class AccountContactsModel(QAbstractListModel):
    """The people at one account: name and job title."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._people: list[tuple[int, str, str]] = []

    def set_people(self, people: list[tuple[int, str, str]]) -> None:
        self.beginResetModel()
        self._people = people
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        contact_id, name, title = self._people[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{name} — {title}" if title else name
        if role == ID_ROLE:
            return contact_id
        return None
