"""The contacts page: search-as-you-type, segment filters and the lazy contact table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import SizeBand, label
from relationsapp.core.contact_search import ContactSearch
from relationsapp.i18n.collation import collation_key
from relationsapp.i18n.formatting import country_name, format_number
from relationsapp.i18n.translate import _, current_language, ngettext
from relationsapp.ui.contact_table_model import LOCAL_TIME, NAME, ContactTableModel
from relationsapp.ui.roles import ID_ROLE


class SearchField(QLineEdit):
    """A search box: Esc clears it, Down moves into the list below."""

    move_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.move_down.emit()
            return
        super().keyPressEvent(event)


class ContactsView(QWidget):
    """Search box, filters and table; asks the window to edit or delete via signals."""

    edit_requested = Signal(int)
    delete_requested = Signal(list)
    #: The contact under the cursor (an id, or None): what the Culture panel follows.
    current_changed = Signal(object)

    def __init__(
        self, model: ContactTableModel, search: ContactSearch, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.model = model
        self._search = search

        self.search_field = SearchField()
        self.search_field.setObjectName("contact_search")
        self.search_field.setPlaceholderText(_("Search names, accounts, e-mail, notes, tags…"))
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setToolTip(
            _("Search as you type (Ctrl+F). Accents do not matter: “jorgen” finds “Jørgen”.")
        )

        self.country_filter = self._filter_combo("country_filter", _("All countries"))
        self.industry_filter = self._filter_combo("industry_filter", _("All industries"))
        self.size_filter = self._filter_combo("size_filter", _("All sizes"))
        self.tag_filter = self._filter_combo("tag_filter", _("All tags"))
        self.clear_filters_button = QToolButton()
        self.clear_filters_button.setText(_("Clear filters"))
        self.clear_filters_button.clicked.connect(self.clear_filters)

        self.count_label = QLabel()
        self.count_label.setObjectName("contact_count")

        self.table = QTableView()
        self.table.setObjectName("contact_table")
        self.table.setModel(model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row height: the view never measures 100,000 rows to lay them out.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in ((NAME, 300), (1, 260), (2, 180), (LOCAL_TIME, 200)):
            header.resizeSection(column, width)
        self.table.doubleClicked.connect(self._on_double_click)

        filters = QHBoxLayout()
        for caption, combo in (
            (_("Co&untry:"), self.country_filter),
            (_("&Industry:"), self.industry_filter),
            (_("Si&ze:"), self.size_filter),
            (_("&Tag:"), self.tag_filter),
        ):
            caption_label = QLabel(caption)
            caption_label.setBuddy(combo)
            filters.addWidget(caption_label)
            filters.addWidget(combo, 1)
        filters.addWidget(self.clear_filters_button)

        top = QHBoxLayout()
        top.addWidget(self.search_field, 1)
        top.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)

        self.search_field.textChanged.connect(self._apply_query)
        self.search_field.move_down.connect(self._focus_table)
        self.search_field.returnPressed.connect(self._focus_table)
        for combo in (self.country_filter, self.industry_filter, self.size_filter, self.tag_filter):
            combo.currentIndexChanged.connect(self._apply_query)
        model.modelReset.connect(self._update_count)
        self.table.selectionModel().currentRowChanged.connect(
            lambda *_args: self.current_changed.emit(self.current_id())
        )

        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table)
            # setContext, not the constructor's context= argument: PySide6 ignores it
            # when a slot is passed too, and Enter in any field would open the editor.
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(self._edit_current)

        self.reload_facets()
        self._update_count()

    # --- filters -------------------------------------------------------------------

    def _filter_combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, "")
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def reload_facets(self) -> None:
        """Refill the filter menus from the data, keeping each current choice."""
        facets = self._search.facets()
        self._fill(
            self.country_filter,
            sorted(
                ((country_name(code), code) for code in facets.countries),
                key=lambda pair: collation_key(pair[0], current_language()),
            ),
        )
        self._fill(self.industry_filter, [(value, value) for value in facets.industries])
        self._fill(
            self.size_filter,
            [(label(band), band.value) for band in SizeBand if band.value in facets.size_bands],
        )
        self._fill(self.tag_filter, [(tag, tag) for tag in facets.tags])

    @staticmethod
    def _fill(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in items:
            combo.addItem(text, value)
        index = combo.findData(current)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)

    def clear_filters(self) -> None:
        for combo in (self.country_filter, self.industry_filter, self.size_filter, self.tag_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self._apply_query()

    def _apply_query(self) -> None:
        query = replace(
            self.model.query(),
            text=self.search_field.text(),
            country=self.country_filter.currentData() or "",
            industry=self.industry_filter.currentData() or "",
            size_band=self.size_filter.currentData() or "",
            tag=self.tag_filter.currentData() or "",
        )
        self.model.set_query(query)
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.table.selectionModel().setCurrentIndex(
                self.model.index(0, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def _update_count(self) -> None:
        count = self.model.rowCount()
        self.count_label.setText(
            ngettext("%(count)s contact", "%(count)s contacts", count)
            % {"count": format_number(count)}
        )

    # --- selection and keyboard ------------------------------------------------------

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _focus_table(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.contact_id(row) for row in rows]

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return None if not index.isValid() else int(index.data(ID_ROLE))

    def select_contact(self, contact_id: int) -> None:
        row = self.model.row_of(contact_id)
        if row is not None:
            index = self.model.index(row, 0)
            self.table.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
            self.table.scrollTo(index)

    def _on_double_click(self, index: QModelIndex) -> None:
        self.edit_requested.emit(int(index.data(ID_ROLE)))

    def _edit_current(self) -> None:
        contact_id = self.current_id()
        if contact_id is not None:
            self.edit_requested.emit(contact_id)
