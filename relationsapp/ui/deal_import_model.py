"""The preview table of the order and survey import: one row per line of the file."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from relationsapp.i18n.translate import _
from relationsapp.ui.deal_import_preview import ImportKind, PreviewRow
from relationsapp.ui.field_error_label import ERROR_COLOR
from relationsapp.ui.read_only_table_model import ModelIndex, ReadOnlyTableModel

LINE_ROLE = Qt.ItemDataRole.UserRole + 40
"""The line of the file the row starts on (int)."""
PROBLEM_ROLE = Qt.ItemDataRole.UserRole + 41
"""Why the row will not be imported ("" when it will be)."""

#: The line comes first in both kinds, the result last; orders show the amount fourth.
LINE = 0
ORDER_AMOUNT = 3


class ImportPreviewModel(ReadOnlyTableModel):
    """A short list (a few hundred rows), so the rows are held as they were planned."""

    def __init__(self, kind: ImportKind, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kind: ImportKind = kind
        self._rows: list[PreviewRow] = []

    @property
    def kind(self) -> ImportKind:
        return self._kind

    @property
    def result_column(self) -> int:
        return len(self.headers()) - 1

    def set_rows(self, rows: list[PreviewRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def preview_row(self, row: int) -> PreviewRow:
        return self._rows[row]

    def headers(self) -> list[str]:
        if self._kind == "orders":
            middle = [_("Account"), _("Date"), _("Amount"), _("Status")]
        else:
            middle = [_("Contact"), _("Date"), _("Answer"), _("Comment")]
        return [_("Line"), *middle, _("Result")]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == LINE_ROLE:
            return row.line
        if role == PROBLEM_ROLE:
            return row.problem
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, column)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.result_column and row.problem:
            return QColor(ERROR_COLOR)
        if role == Qt.ItemDataRole.FontRole and row.problem and 0 < column < self.result_column:
            font = QFont()
            font.setItalic(True)  # as written in the file: nothing was matched or read
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            column == LINE or (self._kind == "orders" and column == ORDER_AMOUNT)
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: PreviewRow, column: int) -> str | None:
        if column == LINE:
            return str(row.line)  # as the report says it: "orders.csv:1234", never "1,234"
        if column == self.result_column:
            return row.problem or _("Import")
        if 0 < column < self.result_column:
            return row.cells[column - 1]
        return None
