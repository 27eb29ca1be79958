"""Pick a contact by typing part of a name: a line edit with a popup of search matches.

The popup lists what the full-text search finds (``jorgen`` finds Jørgen, ``yamada``
finds 山田太郎), so the completer runs unfiltered: the search has already chosen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget

from relationsapp.core.contact_search import ContactQuery, ContactSearch
from relationsapp.core.names import name_with_transliteration
from relationsapp.core.records import ContactRow
from relationsapp.core.zones import zone_city
from relationsapp.i18n.formatting import country_name
from relationsapp.ui.read_only_table_model import ModelIndex
from relationsapp.ui.roles import ID_ROLE

#: Matches offered at once; typing more narrows them.
MATCH_LIMIT = 12


class ContactMatchModel(QAbstractListModel):
    """The first few contacts matching the typed text (name · account · city)."""

    def __init__(self, search: ContactSearch, parent: Any = None) -> None:
        super().__init__(parent)
        self._search = search
        self._rows: list[ContactRow] = []

    def set_text(self, text: str) -> None:
        query = ContactQuery(text=text.strip())
        # count() first: it tells the search which plan suits few or many matches.
        found = self._search.count(query) if query.text else 0
        self.beginResetModel()
        self._rows = self._search.rows(query, 0, MATCH_LIMIT) if found else []
        self.endResetModel()

    def contact_id(self, row: int) -> int:
        return self._rows[row].id

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            name = name_with_transliteration(row.display_name, row.latin_name)
            parts = [name, row.account_name, zone_city(row.time_zone) if row.time_zone else ""]
            return " · ".join(part for part in parts if part)
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(part for part in (row.time_zone, country_name(row.country)) if part)
        if role == ID_ROLE:
            return row.id
        return None


class ContactPicker(QLineEdit):
    """Type a name, pick a match (arrow keys + Enter, or a click); Enter alone takes the
    best match. Emits ``contact_chosen(id)`` and clears itself."""

    contact_chosen = Signal(int)

    def __init__(self, search: ContactSearch, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.matches = ContactMatchModel(search, self)
        self.completer_ = QCompleter(self.matches, self)
        self.completer_.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer_.setMaxVisibleItems(MATCH_LIMIT)
        # setWidget, not setCompleter: QLineEdit would copy the chosen text back into the
        # field after we have taken the contact, and Enter would add it a second time.
        self.completer_.setWidget(self)
        # The QModelIndex overload: the row's id, not a text that two contacts may share.
        self.completer_.activated[QModelIndex].connect(self._on_activated)  # type: ignore[index]
        self.textEdited.connect(self._on_text_edited)
        self.returnPressed.connect(self._take_best_match)

    def _on_text_edited(self, text: str) -> None:
        self.matches.set_text(text)
        if self.matches.rowCount():
            self.completer_.complete()
        else:
            self._hide_popup()

    def _hide_popup(self) -> None:
        popup = self.completer_.popup()
        if popup is not None:
            popup.hide()

    def _on_activated(self, index: QModelIndex) -> None:
        # Enter reaches the line edit before the completer (Qt 6), so _take_best_match
        # has already taken the row and cleared the field; this is the same key press.
        contact_id = index.data(ID_ROLE)
        if contact_id is not None and self.text().strip():
            self._choose(int(contact_id))

    def _take_best_match(self) -> None:
        """Enter: the match highlighted in the popup, else the first one."""
        if not self.text().strip():
            return
        popup = self.completer_.popup()
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            contact_id = popup.currentIndex().data(ID_ROLE)
            if contact_id is not None:
                self._choose(int(contact_id))
                return
        self.matches.set_text(self.text())
        if self.matches.rowCount():
            self._choose(self.matches.contact_id(0))

    def _choose(self, contact_id: int) -> None:
        self._hide_popup()
        self.clear()
        self.matches.set_text("")
        self.contact_chosen.emit(contact_id)
