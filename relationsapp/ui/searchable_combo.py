"""An editable combo box with a type-to-filter completer (countries, languages, zones)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLineEdit, QWidget


class SearchableComboBox(QComboBox):
    """Type any part of an entry ("hagen" finds "Europe/Copenhagen") and pick it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.line_edit = QLineEdit(self)
        self.setLineEdit(self.line_edit)  # makes the combo editable
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        # Size for a typical name, not the longest of 250 ("South Georgia & South …").
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.setMaxVisibleItems(20)
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
