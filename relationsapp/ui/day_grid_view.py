"""The day grid's table: uniform narrow columns, two-line row names, coloured cells."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from relationsapp.core.day_grid import CellKind
from relationsapp.ui.day_grid_model import CELL_KIND_ROLE, DayGridModel

#: Participants shown before the grid scrolls; it is never shorter than MIN_ROWS.
MAX_ROWS = 10
MIN_ROWS = 3
SELECTION_COLOR = "#d0312d"  # stands out on every cell colour, night included


class GridCellDelegate(QStyledItemDelegate):
    """Keeps each cell's colour when selected (a red frame marks the selection) and
    hatches unavailable days, which would otherwise be just another grey."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        rect = option.rect
        if index.data(CELL_KIND_ROLE) == CellKind.UNAVAILABLE:
            painter.fillRect(rect, Qt.BrushStyle.BDiagPattern)
        if selected:
            painter.save()
            painter.setPen(QPen(QColor(SELECTION_COLOR), 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()


class DayGridView(QTableView):
    """Shows a :class:`DayGridModel`; call ``fit()`` after the model changes."""

    def __init__(self, model: DayGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("day_grid")
        self.setModel(model)
        self._model = model
        self.setItemDelegate(GridCellDelegate(self))
        self.setWordWrap(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        columns = self.horizontalHeader()
        columns.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        columns.setMinimumSectionSize(8)
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(2 * self.fontMetrics().height() + 8)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # Two lines (name, city): eliding would join them into one, so a very long
        # name is cut at this width instead; the tooltip has it whole.
        rows.setMaximumWidth(self.fontMetrics().horizontalAdvance("x" * 30))
        rows.setTextElideMode(Qt.TextElideMode.ElideNone)

    def fit(self) -> None:
        """One width for every column (the widest label, ``19:45`` in Kathmandu, plus a
        little room), so the 24 hours line up and fit; then the height."""
        metrics = self.fontMetrics()
        labels = list(self._model.headers())
        for row in range(self._model.rowCount()):
            labels.extend(
                str(self._model.index(row, column).data())
                for column in range(self._model.columnCount())
            )
        widest = max((metrics.horizontalAdvance(label) for label in labels), default=0)
        # The delegate keeps a focus-frame margin plus one pixel each side of the text,
        # and the grid line takes one more: less than that and "04:45" becomes "04:…".
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self)
        self.horizontalHeader().setDefaultSectionSize(max(widest + 2 * (margin + 1) + 2, 22))
        self._fit_height()

    def _fit_height(self) -> None:
        # As tall as its rows, so spare height goes to the suggestions below; with room
        # for the scroll bar when the columns are wider than the view.
        shown_rows = min(max(self._model.rowCount(), MIN_ROWS), MAX_ROWS)
        frame = 2 * self.frameWidth()
        height = (
            self.horizontalHeader().sizeHint().height()
            + shown_rows * self.verticalHeader().defaultSectionSize()
            + frame
        )
        wanted_width = self.verticalHeader().sizeHint().width() + self.horizontalHeader().length()
        if wanted_width + frame > self.width():
            height += self.horizontalScrollBar().sizeHint().height()
        if height != self.height() or self.minimumHeight() != height:
            self.setFixedHeight(height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self._fit_height()
