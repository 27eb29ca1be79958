"""Field-level validation messages: a red line under the field that is wrong."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

from relationsapp.core.validation import FieldError

ERROR_COLOR = "#c62828"  # readable on light and dark window backgrounds


class FieldErrorLabel(QLabel):
    """A red message under one field, hidden until there is something to say."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"error_{name}")
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        palette = self.palette()
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_COLOR))
        self.setPalette(palette)
        self.hide()

    def show_error(self, message: str) -> None:
        """Show ``message`` (a second message for the same field goes on a new line)."""
        text = f"{self.text()}\n{message}" if self.has_error() else message
        self.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def clear_error(self) -> None:
        self.clear()
        self.setAccessibleDescription("")
        self.hide()

    def has_error(self) -> bool:
        return not self.isHidden()


def with_error(field: QWidget | QLayout, error: FieldErrorLabel) -> QWidget:
    """A widget holding ``field`` with ``error`` right under it (for a form row)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    if isinstance(field, QLayout):
        layout.addLayout(field)
    else:
        layout.addWidget(field)
    layout.addWidget(error)
    return box


class RowErrors(Protocol):
    """A list field (e-mails, phones) that shows errors on its own rows."""

    def set_row_error(self, index: int, message: str) -> QWidget | None: ...

    def clear_errors(self) -> None: ...


@dataclass
class _Scalar:
    label: FieldErrorLabel
    focus: QWidget


class FieldErrorBoard:
    """Routes each :class:`FieldError` to the label beside its field; clears them all."""

    def __init__(self, general: FieldErrorLabel) -> None:
        self._general = general  # for a field the form does not know (should not happen)
        self._scalars: dict[str, _Scalar] = {}
        self._lists: dict[str, RowErrors] = {}

    def add_field(self, name: str, label: FieldErrorLabel, focus: QWidget) -> None:
        self._scalars[name] = _Scalar(label, focus)

    def add_list(self, name: str, rows: RowErrors) -> None:
        self._lists[name] = rows

    def label(self, name: str) -> FieldErrorLabel:
        return self._scalars[name].label

    def clear(self) -> None:
        self._general.clear_error()
        for scalar in self._scalars.values():
            scalar.label.clear_error()
        for rows in self._lists.values():
            rows.clear_errors()

    def show(self, errors: Sequence[FieldError]) -> QWidget | None:
        """Show every error; returns the widget of the first bad field (to focus)."""
        self.clear()
        first: QWidget | None = None
        for error in errors:
            focus: QWidget | None
            if error.field in self._lists and error.index is not None:
                focus = self._lists[error.field].set_row_error(error.index, error.message)
            elif error.field in self._scalars:
                scalar = self._scalars[error.field]
                scalar.label.show_error(error.message)
                focus = scalar.focus
            else:
                self._general.show_error(error.message)
                focus = None
            if first is None:
                first = focus
        return first
