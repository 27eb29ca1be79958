"""A small editable list of (kind, text) rows: a contact's e-mail addresses or phones."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.choices import label
from relationsapp.i18n.translate import _
from relationsapp.ui.field_error_label import FieldErrorLabel

#: Turns what the user typed into a hint shown under the row ("" for none).
HintFunction = Callable[[str], str]


@dataclass(frozen=True)
class EntryTexts:
    """What the list says to the user (already translated)."""

    add: str  # "Add e-mail"
    placeholder: str  # "name@example.com"
    kind_tooltip: str  # "Kind of e-mail address"
    remove_tooltip: str  # "Remove this e-mail address"


class EntryRow(QWidget):
    """One row: kind combo, text field, remove button; a hint and an error underneath."""

    def __init__(
        self,
        kinds: Sequence[StrEnum],
        texts: EntryTexts,
        hint: HintFunction | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._hint_function = hint
        self.kind = QComboBox()
        for kind in kinds:
            self.kind.addItem(label(kind), kind.value)
        self.kind.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.kind.setToolTip(texts.kind_tooltip)
        self.kind.setAccessibleName(texts.kind_tooltip)
        self.edit = QLineEdit()
        self.edit.setPlaceholderText(texts.placeholder)
        self.edit.setClearButtonEnabled(True)
        self.edit.setMinimumWidth(self.edit.fontMetrics().averageCharWidth() * 20)
        self.remove = QToolButton()
        self.remove.setText(_("Remove"))
        self.remove.setToolTip(texts.remove_tooltip)
        self.remove.setAccessibleName(texts.remove_tooltip)
        self.remove.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.remove.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.hint = QLabel()
        self.hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.hint.hide()
        self.error = FieldErrorLabel("row")

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.kind, 0, 0)
        grid.addWidget(self.edit, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.hint, 1, 1, 1, 2)
        grid.addWidget(self.error, 2, 1, 1, 2)
        grid.setColumnStretch(1, 1)

        self.edit.textEdited.connect(self._on_edited)
        self.edit.textChanged.connect(self.refresh_hint)

    def _on_edited(self) -> None:
        self.error.clear_error()
        self.refresh_hint()

    def rename(self, field: str, index: int) -> None:
        """Object names that tests and accessibility tools can find (``emails_0``)."""
        self.setObjectName(f"{field}_row_{index}")
        self.kind.setObjectName(f"{field}_kind_{index}")
        self.edit.setObjectName(f"{field}_{index}")
        self.remove.setObjectName(f"{field}_remove_{index}")
        self.hint.setObjectName(f"hint_{field}_{index}")
        self.error.setObjectName(f"error_{field}_{index}")

    def value(self) -> str:
        return self.edit.text()

    def kind_value(self) -> str:
        return str(self.kind.currentData())

    def set_kind_value(self, value: str) -> None:
        index = self.kind.findData(value)
        self.kind.setCurrentIndex(max(index, 0))

    def refresh_hint(self) -> None:
        text = self._hint_function(self.edit.text()) if self._hint_function else ""
        self.hint.setText(text)
        # An error says more than a hint; show one line under the row, not two.
        self.hint.setVisible(bool(text) and not self.error.has_error())


class EntryListEditor(QWidget):
    """Rows of (kind, text) with an "Add" button; shows validation errors per row."""

    rowsChanged = Signal()

    def __init__(
        self,
        field: str,
        kinds: Sequence[StrEnum],
        texts: EntryTexts,
        hint: HintFunction | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(field)
        self._field = field
        self._kinds = list(kinds)
        self._texts = texts
        self._hint = hint
        self._rows: list[EntryRow] = []

        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self._rows_layout.setSpacing(4)
        self.add_button = QPushButton(texts.add)
        self.add_button.setObjectName(f"{field}_add")
        self.add_button.setAutoDefault(False)  # Enter in the dialog means OK, not "add"
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        button_row = QHBoxLayout()
        button_row.setContentsMargins(0, 0, 0, 0)
        button_row.addWidget(self.add_button)
        button_row.addStretch(1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(self._rows_layout)
        layout.addLayout(button_row)

    # -- rows --------------------------------------------------------------------------

    def rows(self) -> list[EntryRow]:
        return list(self._rows)

    def add_row(self, text: str = "", kind: str | None = None, focus: bool = False) -> EntryRow:
        """Append a row (the first kind unless ``kind`` is given)."""
        row = EntryRow(self._kinds, self._texts, self._hint, self)
        if kind is not None:
            row.set_kind_value(kind)
        row.edit.setText(text)
        row.refresh_hint()
        # The editor asks which button was clicked instead of the row sending itself
        # through a Signal(object): that form made PySide6 crash at interpreter exit
        # ("none_dealloc") once enough rows had come and gone.
        row.remove.clicked.connect(self._on_remove_clicked)
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not on the next event loop pass (a layout's default)
        self._renumber()
        self.rowsChanged.emit()
        if focus:
            row.edit.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _on_remove_clicked(self) -> None:
        button = self.sender()
        row = next((row for row in self._rows if row.remove is button), None)
        if row is not None:
            self._remove_row(row)

    def _remove_row(self, row: EntryRow) -> None:
        index = self._rows.index(row)
        self._rows.pop(index)
        self._discard(row)
        self._renumber()
        self.rowsChanged.emit()
        # Keep the keyboard where the user was: on the next row, else on "Add".
        if self._rows:
            self._rows[min(index, len(self._rows) - 1)].edit.setFocus(
                Qt.FocusReason.OtherFocusReason
            )
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _discard(self, row: EntryRow) -> None:
        self._rows_layout.removeWidget(row)
        row.hide()
        row.rename("removed", 0)  # until deleteLater runs, no clash with the live rows' names
        row.deleteLater()

    def _renumber(self) -> None:
        for index, row in enumerate(self._rows):
            row.rename(self._field, index)

    # -- values --------------------------------------------------------------------------

    def set_entries(self, entries: Sequence[tuple[str, str]]) -> None:
        """Replace every row with ``(text, kind value)`` pairs."""
        for row in self._rows:
            self._discard(row)
        self._rows = []
        for text, kind in entries:
            self.add_row(text, kind)
        self.rowsChanged.emit()

    def entries(self) -> list[tuple[str, str]]:
        """``(text as typed, kind value)`` of every row, top to bottom."""
        return [(row.value(), row.kind_value()) for row in self._rows]

    def refresh_hints(self) -> None:
        """Recompute the hints (the phone format depends on the contact's country)."""
        for row in self._rows:
            row.refresh_hint()

    # -- errors and keyboard ---------------------------------------------------------------

    def set_row_error(self, index: int, message: str) -> QWidget | None:
        if not 0 <= index < len(self._rows):
            return None
        row = self._rows[index]
        row.error.show_error(message)
        row.refresh_hint()
        return row.edit

    def clear_errors(self) -> None:
        for row in self._rows:
            row.error.clear_error()
            row.refresh_hint()

    def focus_chain(self) -> list[QWidget]:
        """The widgets in Tab order: each row's kind, text and remove button, then Add."""
        chain: list[QWidget] = []
        for row in self._rows:
            chain.extend((row.kind, row.edit, row.remove))
        chain.append(self.add_button)
        return chain
