"""The "Promises made" rows of the interaction dialog: what, by which date, when that is.

A due date is a civil date in the *client's* calendar; each row says when it ends for
me ("Fri 11 Dec (due 09:00 your time)") so "Friday" cannot be misread as my Friday.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDateEdit,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relationsapp.core.business_time import WorkCalendar, end_of_working_day
from relationsapp.i18n.translate import _
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.field_error_label import FieldErrorLabel
from relationsapp.ui.timeline_model import deadline_text, short_date


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def civil_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class PromiseRow(QWidget):
    """What was promised, by which date in the client's calendar; when that is for me."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.description = QLineEdit()
        self.description.setPlaceholderText(_("e.g. send a sample of the new seal"))
        self.description.setAccessibleName(_("What was promised"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(qt_date_format())
        self.due.setAccessibleName(_("Due date in the client’s calendar"))
        self.remove = QPushButton(_("Remove"))
        self.remove.setAutoDefault(False)
        self.remove.setToolTip(_("Remove this promise"))
        self.remove.setAccessibleName(_("Remove this promise"))
        self.hint = QLabel()
        self.hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.error = FieldErrorLabel("promise_row")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.description, 0, 0)
        grid.addWidget(self.due, 0, 1)
        grid.addWidget(self.remove, 0, 2)
        grid.addWidget(self.hint, 1, 1, 1, 2)
        grid.addWidget(self.error, 2, 0, 1, 3)
        grid.setColumnStretch(0, 1)
        self.description.textEdited.connect(lambda _text: self.error.clear_error())

    def rename(self, index: int) -> None:
        self.setObjectName(f"promise_row_{index}")
        self.description.setObjectName(f"promise_{index}")
        self.due.setObjectName(f"promise_due_{index}")
        self.remove.setObjectName(f"promise_remove_{index}")
        self.hint.setObjectName(f"promise_hint_{index}")
        self.error.setObjectName(f"error_promise_{index}")

    def refresh_hint(self, calendar: WorkCalendar, my_zone: str, this_year: int) -> None:
        """``Fri 11 Dec (due 09:00 your time)``: their day, and when it ends for me."""
        due = civil_date(self.due.date())
        deadline = end_of_working_day(due, calendar)
        self.hint.setText(
            _("%(date)s (%(deadline)s)")
            % {
                "date": short_date(due, this_year),
                "deadline": deadline_text(deadline, due, my_zone),
            }
        )


class PromiseRows(QWidget):
    """The "Promises made" rows; shows validation errors per row (a RowErrors list)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("promises")
        self.rows: list[PromiseRow] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)

    def add(self, description: str, due: dt.date) -> PromiseRow:
        row = PromiseRow(self)
        row.description.setText(description)
        row.due.setDate(qdate(due))
        self.rows.append(row)
        self._layout.addWidget(row)
        row.show()
        self._renumber()
        return row

    def remove(self, row: PromiseRow) -> None:
        self.rows.remove(row)
        self._layout.removeWidget(row)
        row.hide()
        row.rename(-1)  # no clash with the live rows' names until deleteLater runs
        row.deleteLater()
        self._renumber()

    def clear(self) -> None:
        for row in list(self.rows):
            self.remove(row)

    def _renumber(self) -> None:
        for index, row in enumerate(self.rows):
            row.rename(index)

    def set_row_error(self, index: int, message: str) -> QWidget | None:
        if not 0 <= index < len(self.rows):
            return None
        self.rows[index].error.show_error(message)
        return self.rows[index].description

    def clear_errors(self) -> None:
        for row in self.rows:
            row.error.clear_error()
