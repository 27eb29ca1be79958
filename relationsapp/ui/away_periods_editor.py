"""Periods a contact is away: rows of first day – last day, each removable."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relationsapp.i18n.translate import _
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.field_error_label import FieldErrorLabel


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class _AwayRow(QWidget):
    def __init__(self, first: dt.date, last: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QDateEdit(_qdate(first))
        self.last = QDateEdit(_qdate(last))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(qt_date_format())
        self.first.setAccessibleName(_("First day away"))
        self.last.setAccessibleName(_("Last day away"))
        self.remove = QPushButton(_("Remove"))
        self.remove.setAutoDefault(False)
        self.error = FieldErrorLabel("away_row")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.first, 0, 0)
        grid.addWidget(QLabel("–"), 0, 1)
        grid.addWidget(self.last, 0, 2)
        grid.addWidget(self.remove, 0, 3)
        grid.addWidget(self.error, 1, 0, 1, 4)
        grid.setColumnStretch(4, 1)
        # A first day moved past the last day drags the last day along.
        self.first.dateChanged.connect(
            lambda day: self.last.setDate(day) if day > self.last.date() else None
        )


class AwayPeriodsEditor(QWidget):
    """``set_periods`` / ``periods``; errors per row like the e-mail and phone lists."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("away")
        self._rows: list[_AwayRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(_("Add absence"))
        self.add_button.setObjectName("away_add")
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self._add_next_week)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self._rows_layout)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeading)

    def set_periods(self, periods: list[tuple[dt.date, dt.date]]) -> None:
        for row in list(self._rows):
            self._drop(row)
        for first, last in periods:
            self.add_period(first, last)

    def periods(self) -> list[tuple[dt.date, dt.date]]:
        return [(_date(row.first.date()), _date(row.last.date())) for row in self._rows]

    def add_period(self, first: dt.date, last: dt.date) -> _AwayRow:
        row = _AwayRow(first, last, self)
        row.remove.clicked.connect(self._on_remove)
        row.first.dateChanged.connect(row.error.clear_error)
        row.last.dateChanged.connect(row.error.clear_error)
        self._rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not on the next pass of the event loop
        self._rename()
        self.changed.emit()
        return row

    def rows(self) -> list[QWidget]:
        return list(self._rows)

    def focus_chain(self) -> list[QWidget]:
        chain: list[QWidget] = []
        for row in self._rows:
            chain.extend((row.first, row.last, row.remove))
        return [*chain, self.add_button]

    def set_row_error(self, index: int, message: str) -> QWidget | None:
        if not 0 <= index < len(self._rows):
            return None
        self._rows[index].error.show_error(message)
        return self._rows[index].last

    def clear_errors(self) -> None:
        for row in self._rows:
            row.error.clear_error()

    def _add_next_week(self) -> None:
        start = dt.date.today() + dt.timedelta(days=7)
        row = self.add_period(start, start + dt.timedelta(days=4))
        row.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_remove(self) -> None:
        button = self.sender()
        row = next((row for row in self._rows if row.remove is button), None)
        if row is not None:
            self._drop(row)
            self._rename()
            self.changed.emit()

    def _drop(self, row: _AwayRow) -> None:
        self._rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()

    def _rename(self) -> None:
        for index, row in enumerate(self._rows):
            row.first.setObjectName(f"away_first_{index}")
            row.last.setObjectName(f"away_last_{index}")
            row.remove.setObjectName(f"away_remove_{index}")
            row.error.setObjectName(f"error_away_{index}")
