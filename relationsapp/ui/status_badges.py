"""How a client's working status looks: a coloured dot, a word and a colour."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from relationsapp.core.working_hours import WorkStatus
from relationsapp.i18n.translate import _

_COLORS = {
    WorkStatus.WORKING: "#2e9d4f",  # green: a good time to call
    WorkStatus.OFF_HOURS: "#d98c1f",  # amber: outside their working hours
    WorkStatus.WEEKEND: "#8a8f98",  # grey: their weekend
    WorkStatus.UNKNOWN: "#b0b4ba",
}


def status_color(status: WorkStatus) -> str:
    return _COLORS[status]


def status_text(status: WorkStatus) -> str:
    """The badge word, translated at call time."""
    return {
        WorkStatus.WORKING: _("working"),
        WorkStatus.OFF_HOURS: _("off hours"),
        WorkStatus.WEEKEND: _("weekend"),
        WorkStatus.UNKNOWN: _("unknown"),
    }[status]


@cache
def status_icon(status: WorkStatus) -> QIcon:
    """A 12-pixel filled circle in the status colour (cached; built once per status)."""
    pixmap = QPixmap(12, 12)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(_COLORS[status]))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawEllipse(1, 1, 10, 10)
    painter.end()
    return QIcon(pixmap)
