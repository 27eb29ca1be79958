"""The dashboard's pieces: a figure card, the drill-down list and small form builders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
)

from relationsapp.core.metrics_texts import (
    DASH,
    CardText,
    join_lines,
)
from relationsapp.i18n.formatting import (
    country_name,
)
from relationsapp.i18n.translate import _
from relationsapp.ui.edit_formats import qt_date_format
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel
from relationsapp.ui.roles import ID_ROLE

#: "account" or "contact": what a drill-down row's id is of.
KIND_ROLE = Qt.ItemDataRole.UserRole + 20


class FigureCard(QPushButton):
    """A large number, its caption and the counts behind it; click (or Space) to see
    the accounts and contacts behind it."""

    def __init__(self, key: str, caption: str, explanation: str) -> None:
        super().__init__()
        self.key = key
        self.setObjectName(f"dashboard_card_{key}")
        self.setCheckable(True)
        self.setToolTip(explanation)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.caption_label = QLabel(caption)
        self.value_label = QLabel(DASH)
        self.value_label.setObjectName(f"dashboard_value_{key}")
        value_font = QFont(self.font())
        value_font.setPointSizeF(value_font.pointSizeF() * 2.0)
        value_font.setBold(True)
        self.value_label.setFont(value_font)
        self.detail_label = QLabel()
        self.detail_label.setObjectName(f"dashboard_detail_{key}")
        self.detail_label.setWordWrap(True)
        self.detail_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        for part in (self.caption_label, self.value_label, self.detail_label):
            # Clicks go to the button underneath; the labels only show.
            part.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            part.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(part)
        layout.addStretch(1)
        self.setAccessibleName(caption)

    def set_text(self, text: CardText) -> None:
        self.value_label.setText(text.value)
        self.detail_label.setText(text.detail)
        self.setAccessibleDescription(join_lines(text.value, text.detail))


# --- drill-down ---------------------------------------------------------------------------

NAME, ACCOUNT, COUNTRY = range(3)


@dataclass(frozen=True)
class DrillRow:
    kind: str  # "account" or "contact"
    id: int
    name: str
    account: str
    country: str


class DrillDownModel(ReadOnlyTableModel):
    """The accounts and contacts behind one figure, by name (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[DrillRow] = []

    def headers(self) -> list[str]:
        return [_("Name"), _("Account"), _("Country")]

    def set_rows(self, rows: list[DrillRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.name, row.account, country_name(row.country))[index.column()]
        if role == ID_ROLE:
            return row.id
        if role == KIND_ROLE:
            return row.kind
        return None


# --- the view -----------------------------------------------------------------------------


def filter_combo(name: str, everything: str | None = None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if everything is not None:
        combo.addItem(everything, "")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
    return combo


def fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
    """Replace every item after the first ("All …"), keeping the current choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for text, value in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def drill_down_table(model: DrillDownModel) -> QTableView:
    table = QTableView()
    table.setObjectName("dashboard_drill_table")
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setMinimumHeight(160)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat(qt_date_format())
    return edit


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())
